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

/** The picocli-free reader of plain modprobe command lines reads them exactly as picocli does. */
class ModprobeArgumentsTest {
  private static final PrintStream NOWHERE =
      new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.ISO_8859_1);

  /** What picocli makes of a command line, or empty when it rejects it. */
  private static Optional<ModprobeCommand> picocli(String... args) {
    CommandLine cl = new CommandLine(new KmodjCommand(NOWHERE, NOWHERE));
    KmodjCommand.addSubcommands(cl, args);
    try {
      CommandLine.ParseResult r = cl.parseArgs(args);
      if (!r.hasSubcommand() || r.subcommand().isUsageHelpRequested()) {
        return Optional.empty();
      }
      return Optional.of((ModprobeCommand) r.subcommand().commandSpec().userObject());
    } catch (CommandLine.ParameterException e) {
      return Optional.empty();
    }
  }

  /** Every field an option or the parameters set. */
  private static List<Object> fields(ModprobeCommand c) {
    return Arrays.asList(
        c.all,
        c.remove,
        c.removeHolders,
        c.waitMsec,
        c.resolve,
        c.firstTime,
        c.ignoreCommands,
        c.useBlacklist,
        c.force,
        c.showDepends,
        c.showConfig,
        c.dryRun,
        c.config,
        c.root,
        c.version,
        c.syslog,
        c.quiet,
        c.verbose.length,
        c.dialect,
        c.autoclean,
        c.list,
        c.type,
        c.allowExec,
        c.procModules,
        c.cmdline,
        c.batch,
        c.kernelOptions.state,
        c.kernelOptions.host,
        c.args);
  }

  private static void assertSameAsPicocli(String... args) {
    Optional<ModprobeCommand> fast = ModprobeArguments.parse(args);
    if (fast.isEmpty()) {
      return;
    }
    Optional<ModprobeCommand> slow = picocli(args);
    assertThat(slow).as("picocli accepts %s", List.of(args)).isPresent();
    assertThat(fields(fast.get())).as("%s", List.of(args)).isEqualTo(fields(slow.get()));
  }

  @Test
  void readsTheBenchmarksCommandLinesAsPicocliDoes() {
    String[][] lines = {
      {"modprobe", "-C", "/tmp/big.d", "-d", "/r", "-S", "6.1", "-c"},
      {"modprobe", "-C", "/tmp/big.d", "-d", "/r", "-S", "6.1", "--show-depends", "ext4"},
      {"modprobe", "--dialect", "modutils", "-C", "m.conf", "-n", "-v", "eth0"},
      {"modprobe", "-nv", "e1000", "debug=1", "--", "-x"},
      {"modprobe", "--config=/a", "-C", "/b", "-vvv", "--batch", "-q"},
    };
    int accepted = 0;
    for (String[] line : lines) {
      assertSameAsPicocli(line);
      accepted += ModprobeArguments.parse(line).isPresent() ? 1 : 0;
    }
    // all but the last (a value starting with '-') are read without picocli
    assertThat(accepted).isEqualTo(lines.length - 1);
  }

  @Test
  void declinesWhatPicocliMustRead() {
    for (String[] line :
        new String[][] {
          {"modprobe", "--help"},
          {"modprobe", "-h"},
          {"modprobe", "-d", "/a", "-d", "/b"},
          {"modprobe", "-n", "--dry-run", "x"},
          {"modprobe", "-Cdir", "x"},
          {"modprobe", "@args"},
          {"modprobe", "-C"},
          {"modprobe", "--state", "/s", "x"},
          {"graph", "x"},
        }) {
      assertThat(ModprobeArguments.parse(line)).as("%s", List.of(line)).isEmpty();
    }
  }

  @Test
  void knowsOnlyOptionsPicocliKnows() {
    CommandLine cl = new CommandLine(new KmodjCommand(NOWHERE, NOWHERE));
    KmodjCommand.addSubcommands(cl, "modprobe");
    Set<String> picocli = new HashSet<>();
    for (CommandLine.Model.OptionSpec o :
        cl.getSubcommands().get("modprobe").getCommandSpec().options()) {
      picocli.addAll(List.of(o.names()));
    }
    assertThat(picocli).containsAll(ModprobeArguments.names());
  }

  @Property(tries = 400)
  void everyCommandLineItAcceptsPicocliReadsTheSame(@ForAll("commandLines") List<String> words) {
    List<String> args = new ArrayList<>();
    args.add("modprobe");
    args.addAll(words);
    assertSameAsPicocli(args.toArray(String[]::new));
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    List<String> vocabulary = new ArrayList<>(ModprobeArguments.names());
    vocabulary.addAll(
        List.of(
            "x",
            "/a/b",
            "e1000",
            "debug=1",
            "--",
            "-",
            "",
            "@f",
            "-nv",
            "-vv",
            "-nn",
            "-qv",
            "-Cfoo",
            "--config=/d",
            "--config=",
            "--verbose=1",
            "-h",
            "--version",
            "--state",
            "--dialect=kmod",
            "-Dc",
            "--bogus",
            "-Z"));
    vocabulary.sort(null);
    return Arbitraries.of(vocabulary).list().ofMaxSize(8);
  }
}
