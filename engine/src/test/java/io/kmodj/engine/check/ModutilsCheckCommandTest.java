package io.kmodj.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.cli.Main;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kmodj check} on the modutils sample's module tree. */
class ModutilsCheckCommandTest {
  static final Path SAMPLE = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();

  private record Run(int code, String out) {}

  private static Run check(String config, String... extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(List.of("check", "-d", SAMPLE.toString(), "-S", "2.4.27", "-C", config));
    args.addAll(List.of(extra));
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            args.toArray(String[]::new));
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private static String fixture(String name) throws URISyntaxException {
    return Path.of(ModutilsCheckCommandTest.class.getResource("/check/modutils/" + name).toURI())
        .toString();
  }

  @Test
  void installAndRemoveCommandsThatAreAnOrderAreNamedWithTheirBelowOrAbove() throws Exception {
    String file =
        Path.of(
                ModutilsCheckCommandTest.class
                    .getResource("/check/modutils-traps/order.conf")
                    .toURI())
            .toString();
    Run r = check(file, "--dialect", "modutils");
    assertThat(r.out().lines().map(l -> l.replace(file, "order.conf")).toList())
        .containsExactly(
            "order.conf:2:1: info: install sb only runs modprobe on sound around insmod sb: below"
                + " and above say the same, and modprobe -n -v can follow them"
                + " [install-as-softdep]",
            "  hint: replace the line by 'below sb sound'",
            "order.conf:3:1: info: install aic7xxx only runs modprobe on sd_mod around insmod"
                + " aic7xxx: below and above say the same, and modprobe -n -v can follow them"
                + " [install-as-softdep]",
            "  hint: replace the line by 'above aic7xxx sd_mod'",
            "order.conf:4:1: info: remove aic7xxx only runs modprobe on sd_mod around rmmod"
                + " aic7xxx: below and above say the same, and modprobe -n -v can follow them"
                + " [install-as-softdep]",
            "  hint: replace the line by 'below aic7xxx sd_mod'",
            "0 errors, 0 warnings, 3 infos");
    assertThat(r.code()).isZero();
  }

  @Test
  void anOptionsLineALaterPlainOneReplacesIsNamedWithBothPlaces() throws Exception {
    String file =
        Path.of(
                ModutilsCheckCommandTest.class
                    .getResource("/check/modutils-traps/options.conf")
                    .toURI())
            .toString();
    Run r = check(file, "--dialect", "modutils");
    assertThat(r.out().lines().map(l -> l.replace(file, "options.conf")).toList())
        .containsExactly(
            "options.conf:2:1: warning: 'options eepro100 a=1' (options.conf:2) is replaced by the"
                + " options line for eepro100 at options.conf:4: modutils keeps only the last"
                + " options line without add, and the add options lines after it"
                + " [options-replaced]",
            "  hint: to add to this line, write 'add options eepro100 ...' at options.conf:4;"
                + " otherwise delete this line",
            "options.conf:3:1: warning: 'add options eepro100 b=2' (options.conf:3) is replaced"
                + " by the options line for eepro100 at options.conf:4: modutils keeps only the"
                + " last options line without add, and the add options lines after it"
                + " [options-replaced]",
            "  hint: to add to this line, write 'add options eepro100 ...' at options.conf:4;"
                + " otherwise delete this line",
            "options.conf:8:1: warning: 'options -k floppy daring' (options.conf:8) is replaced"
                + " by the options line for floppy at options.conf:15: modutils keeps only the"
                + " last options line without add, and the add options lines after it (the -k"
                + " stays: modutils keeps -k once seen) [options-replaced]",
            "  hint: to add to this line, write 'add options floppy ...' at options.conf:15;"
                + " otherwise delete this line",
            "options.conf:9:1: warning: 'options loop max_loop=8' (options.conf:9) is replaced by"
                + " the options line for loop at options.conf:13: modutils keeps only the last"
                + " options line without add, and the add options lines after it"
                + " [options-replaced]",
            "  hint: to add to this line, write 'add options loop ...' at options.conf:13;"
                + " otherwise delete this line",
            "0 errors, 4 warnings, 1 silenced");
    assertThat(r.code()).isZero();
  }

  @Test
  void optionsReplacedAcrossAnIncludeCountInBothDirections(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local.conf");
    Files.writeString(local, "options eepro100 debug=2\noptions slip slip_maxdev=8\n");
    Path main = dir.resolve("modules.conf");
    Files.writeString(
        main, "options eepro100 debug=1\ninclude " + local + "\noptions slip slip_maxdev=4\n");
    Run r = check(main.toString());
    assertThat(r.out().lines().filter(l -> l.endsWith("[options-replaced]")).toList())
        .containsExactly(
            local
                + ":2:1: warning: 'options slip slip_maxdev=8' ("
                + local
                + ":2) is replaced by the options line for slip at "
                + main
                + ":3: modutils keeps only the last options line without add, and the add"
                + " options lines after it [options-replaced]",
            main
                + ":1:1: warning: 'options eepro100 debug=1' ("
                + main
                + ":1) is replaced by the options line for eepro100 at "
                + local
                + ":1: modutils keeps only the last options line without add, and the add"
                + " options lines after it [options-replaced]");
  }

  @Test
  void addOptionsOtherModulesAndBranchesNotTakenReplaceNothing(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("modules.conf");
    Files.writeString(
        main,
        """
        options eepro100 debug=1
        add options eepro100 full_duplex=1
        options ne2k-pci debug=1
        options slip slip_maxdev=4
        if -k
        options slip slip_maxdev=8
        elseif 0
        options slip slip_maxdev=16
        endif
        """);
    Run r = check(main.toString());
    assertThat(r.out()).isEqualTo("0 errors, 0 warnings\n");
  }

  @Test
  void anIgnoreCommentSilencesTheReplacedLine(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("modules.conf");
    Files.writeString(
        main,
        "# kmodj: ignore options-replaced\noptions eepro100 debug=1\noptions eepro100 debug=2\n");
    assertThat(check(main.toString()).out()).isEqualTo("0 errors, 0 warnings, 1 silenced\n");
  }

  @Test
  void replacedOptionsReadBackFromTheCacheAsRead(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("modules.conf");
    Files.writeString(
        main, "options eepro100 debug=1\nadd options eepro100 x=1\noptions eepro100 debug=2\n");
    ModulesConfReader.Request request =
        new ModulesConfReader.Request(
            Optional.of(main.toString()), "2.4.27", "/lib/modules/2.4.27", false, false);
    ModutilsConfig read = new ModulesConfReader(request).read();
    assertThat(read.optionsReplaced())
        .extracting(
            o ->
                o.replaced().line()
                    + (o.add() ? " add " : " ")
                    + o.words()
                    + " by "
                    + o.by().line())
        .containsExactly("1 [debug=1] by 3", "2 add [x=1] by 3");
    io.kmodj.engine.cache.CacheStore store =
        io.kmodj.engine.cache.CacheStore.in(dir.resolve("cache"));
    io.kmodj.engine.modutils.ModutilsConfigCache.read(request, store);
    assertThat(io.kmodj.engine.modutils.ModutilsConfigCache.read(request, store).optionsReplaced())
        .isEqualTo(read.optionsReplaced());
  }

  @Test
  void theSampleHasNoErrors() {
    Run r = check(SAMPLE.resolve("etc/modules.conf").toString());
    assertThat(r.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void everyModutilsTrapIsFoundOnItsLine() throws Exception {
    String file = fixture("traps.conf");
    Run r = check(file, "--dialect", "modutils");
    List<String> found = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      if (line.startsWith(file + ":")) {
        String rest = line.substring(file.length() + 1);
        String lineNo = rest.substring(0, rest.indexOf(':'));
        found.add(lineNo + " " + rest.substring(rest.lastIndexOf('[') + 1, rest.length() - 1));
      }
    }
    assertThat(found)
        .containsExactly(
            "2 alias-target-missing",
            "3 alias-target-missing",
            "4 alias-target-missing",
            "5 probe-candidate-missing",
            "6 probe-candidate-missing",
            "7 order-target-missing",
            "8 order-target-missing",
            "9 unknown-module",
            "10 unknown-variable",
            "11 bad-line",
            "15 bad-line",
            "16 include-problem");
    assertThat(r.out())
        .contains("alias eth1: module missing-nic not found")
        .contains("(eth1 -> nic-chain -> missing-nic)")
        .contains("unmatched endif")
        .endsWith("5 errors, 7 warnings\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void anAliasLoopIsNamedWholeOnItsFirstLine() throws Exception {
    String file = fixture("loop.conf");
    Run r = check(file, "--dialect", "modutils");
    assertThat(r.out())
        .startsWith(
            file + ":2:1: error: alias loop: ring-a -> ring-b -> ring-c -> ring-a [alias-loop]\n")
        .endsWith("1 errors, 0 warnings\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aDependencyCycleInModulesDepIsNamedWhole() throws Exception {
    ModutilsConfig config =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    Optional.of(fixture("loop.conf")),
                    "2.4.27",
                    "/lib/modules/2.4.27",
                    false,
                    false))
            .read();
    DepFile24 dep =
        DepFile24.parse(
                "modules.dep",
                "/m/a.o: /m/b.o\n\n/m/b.o: /m/c.o\n\n/m/c.o: /m/a.o\n\n/m/ne2k-pci.o:\n",
                "")
            .depFile()
            .orElseThrow();
    SystemSpec spec =
        new SystemSpec(Optional.empty(), Optional.of("2.4.27"), List.of(), Optional.empty());
    List<Finding> cycles =
        new ModutilsChecker(new ModutilsSystem(spec, config, dep))
            .check().stream().filter(f -> f.rule() == Rule.DEPENDENCY_CYCLE).toList();
    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0).format())
        .isEqualTo("modules.dep: error: dependency cycle: a -> b -> c -> a [dependency-cycle]");
  }
}
