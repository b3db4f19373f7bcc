package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free reader of plain depmod command lines reads them exactly as picocli does. */
class DepmodArgumentsTest {
  private static final PrintStream NOWHERE =
      new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.ISO_8859_1);

  /** What picocli makes of a command line, or empty when it rejects it. */
  private static Optional<DepmodCommand> picocli(String... args) {
    CommandLine cl = new CommandLine(new KmodjCommand(NOWHERE, NOWHERE));
    KmodjCommand.addSubcommands(cl, args);
    try {
      CommandLine.ParseResult r = cl.parseArgs(args);
      if (!r.hasSubcommand() || r.subcommand().isUsageHelpRequested()) {
        return Optional.empty();
      }
      return Optional.of((DepmodCommand) r.subcommand().commandSpec().userObject());
    } catch (CommandLine.ParameterException e) {
      return Optional.empty();
    }
  }

  /** Every field an option or the parameters set. */
  private static List<Object> fields(DepmodCommand c) {
    return Arrays.asList(
        c.all,
        c.quick,
        c.warnDups,
        c.verbose.length,
        c.root,
        c.dryRun,
        c.errsyms,
        c.systemMap,
        c.symvers,
        c.symPrefix,
        c.configPaths,
        c.args);
  }

  private static void assertSameAsPicocli(String... args) {
    Optional<DepmodCommand> fast = DepmodArguments.parse(args);
    if (fast.isEmpty()) {
      return;
    }
    Optional<DepmodCommand> slow = picocli(args);
    assertThat(slow).as("picocli accepts %s", List.of(args)).isPresent();
    assertThat(fields(fast.get())).as("%s", List.of(args)).isEqualTo(fields(slow.get()));
  }

  @Test
  void readsTheBenchmarksCommandLinesAsPicocliDoes() {
    String[][] lines = {
      {"depmod", "-b", "/r", "-n", "6.1.0-47-amd64"},
      {"depmod", "-b", "/r", "6.1.0-47-amd64"},
      {"depmod", "-a", "-C", "/d1", "--config=/d2", "-v", "-v", "6.1"},
      {"depmod", "--basedir=/r", "-E", "/s/Module.symvers", "-e", "-P", "_", "6.1"},
      {"depmod", "-b", "/r", "6.1", "/r/lib/modules/6.1/a.ko", "--", "-x"},
      {"depmod", "-F", "/boot/System.map", "-w", "--dry-run", "-A", "6.1"},
    };
    for (String[] line : lines) {
      assertThat(DepmodArguments.parse(line)).as("%s", List.of(line)).isPresent();
      assertSameAsPicocli(line);
    }
  }

  @Test
  void declinesWhatPicocliMustRead() {
    for (String[] line :
        new String[][] {
          {"depmod", "--help"},
          {"depmod", "-h"},
          {"depmod", "-V"},
          {"depmod", "-b", "/a", "-b", "/b"},
          {"depmod", "-n", "--dry-run", "6.1"},
          {"depmod", "-an", "6.1"},
          {"depmod", "-b/r", "6.1"},
          {"depmod", "@args"},
          {"depmod", "-b"},
          {"depmod", "-P", "-", "6.1"},
          {"depmod", "-q", "6.1"},
          {"depmod", "-u", "6.1"},
          {"depmod", "--map", "6.1"},
          {"modprobe", "x"},
        }) {
      assertThat(DepmodArguments.parse(line)).as("%s", List.of(line)).isEmpty();
    }
  }

  @Test
  void knowsOnlyOptionsPicocliKnows() {
    CommandLine cl = new CommandLine(new KmodjCommand(NOWHERE, NOWHERE));
    KmodjCommand.addSubcommands(cl, "depmod");
    Set<String> picocli = new HashSet<>();
    for (CommandLine.Model.OptionSpec o :
        cl.getSubcommands().get("depmod").getCommandSpec().options()) {
      picocli.addAll(List.of(o.names()));
    }
    assertThat(picocli).containsAll(DepmodArguments.names());
  }

  @Property(tries = 400)
  void everyCommandLineItAcceptsPicocliReadsTheSame(@ForAll("commandLines") List<String> words) {
    List<String> args = new ArrayList<>();
    args.add("depmod");
    args.addAll(words);
    assertSameAsPicocli(args.toArray(String[]::new));
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    List<String> vocabulary = new ArrayList<>(DepmodArguments.names());
    vocabulary.addAll(
        List.of(
            "6.1.0",
            "/a/b",
            "/r/x.ko",
            "_",
            "--",
            "-",
            "",
            "@f",
            "-an",
            "-vv",
            "-nn",
            "-bfoo",
            "--basedir=/r",
            "--basedir=",
            "--config=/d",
            "--verbose=1",
            "-h",
            "--version",
            "-u",
            "--quiet",
            "-m",
            "--bogus",
            "-Z"));
    vocabulary.sort(null);
    return Arbitraries.of(vocabulary).list().ofMaxSize(8);
  }
}
