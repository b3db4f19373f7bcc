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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
