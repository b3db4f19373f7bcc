package io.kmodj.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmodj.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kmodj check} on the modern sample's module tree with fixture configurations. */
class CheckCommandTest {
  static final Path SAMPLE = Path.of("..", "samples", "modern").toAbsolutePath().normalize();

  private record Run(int code, String out, String err) {}

  private static Run check(String fixture, String... extra) throws URISyntaxException {
    Path dir = Path.of(CheckCommandTest.class.getResource("/check/" + fixture).toURI());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "-d",
                SAMPLE.toString(),
                "-S",
                "6.1.0-47-cloud-amd64",
                "-C",
                dir.toString()));
    args.addAll(List.of(extra));
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void cleanConfigurationHasNoFindingsAndExitsZero() throws Exception {
    Run r = check("clean");
    // the module tree's own modules.softdep repeats btrfs, which kmod reads only once: a note
    String modules = SAMPLE + "/lib/modules/6.1.0-47-cloud-amd64";
    assertThat(r.out().lines().filter(l -> !l.startsWith("  hint:")))
        .containsExactly(
            modules
                + "/modules.softdep:3:1: info: modules.softdep has 4 softdep lines for btrfs and"
                + " kmod uses only this first one [softdep-shadowed]",
            "0 errors, 0 warnings, 1 infos");
    assertThat(r.code()).isZero();
  }

  @Test
  void everyTrapIsFoundOnItsLine() throws Exception {
    Run r = check("traps");
    String dir = Path.of(CheckCommandTest.class.getResource("/check/traps").toURI()).toString();
    String modules = SAMPLE + "/lib/modules/6.1.0-47-cloud-amd64";
    List<String> lines =
        r.out()
            .lines()
            .filter(l -> !l.startsWith("  hint:"))
            .map(l -> l.replace(dir + "/", "").replace(modules, "$MODULES"))
            .toList();
    assertThat(lines)
        .containsExactly(
            "traps.conf:1:1: warning: alias mynic: module e1000_missing not found in $MODULES"
                + " [alias-target-missing]",
            "traps.conf:2:1: warning: alias a1 points at alias a2, which kmod does not follow"
                + " [alias-chain]",
            "traps.conf:4:1: warning: alias loop hides the module of the same name"
                + " [alias-hides-module]",
            "traps.conf:5:1: warning: blacklist no_such_module: no such module in $MODULES"
                + " [blacklist-unknown]",
            "traps.conf:6:1: warning: options for nothere, which no module or alias is called"
                + " [unknown-module]",
            "traps.conf:7:1: error: install commands call modprobe in a loop: dummy -> dummy"
                + " [install-loop]",
            "traps.conf:8:1: info: install tun only runs modprobe on loop around tun itself: a"
                + " softdep says the same, and modprobe --show-depends can follow it"
                + " [install-as-softdep]",
            "traps.conf:8:1: warning: install tun is never run: softdep tun (traps.conf:11) finds"
                + " loop, and kmod ignores the install command of a module with soft dependencies"
                + " [install-disabled-by-softdep]",
            "traps.conf:9:1: warning: softdep bonding: nosuchthing is no module or alias"
                + " [unknown-module]",
            "traps.conf:10:1: warning: softdep loop: loop -> tun -> loop [softdep-loop]",
            "traps.conf:12:1: error: ignoring bad line starting with 'frobnicate' [bad-line]",
            "$MODULES/modules.softdep:3:1: info: modules.softdep has 4 softdep lines for btrfs and"
                + " kmod uses only this first one [softdep-shadowed]",
            "2 errors, 8 warnings, 2 infos");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void jsonListsTheSameFindings() throws Exception {
    Run r = check("traps", "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("errors").asInt()).isEqualTo(2);
    assertThat(doc.get("warnings").asInt()).isEqualTo(8);
    assertThat(doc.get("infos").asInt()).isEqualTo(2);
    List<String> rules = new ArrayList<>();
    doc.get("findings")
        .forEach(f -> rules.add(f.get("rule").asText() + "@" + f.get("line").asInt()));
    assertThat(rules)
        .containsExactly(
            "alias-target-missing@1",
            "alias-chain@2",
            "alias-hides-module@4",
            "blacklist-unknown@5",
            "unknown-module@6",
            "install-loop@7",
            "install-as-softdep@8",
            "install-disabled-by-softdep@8",
            "unknown-module@9",
            "softdep-loop@10",
            "bad-line@12",
            "softdep-shadowed@3");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void installLoopsAcrossModulesAreNamedWhole() {
    InstallLoops loops = new InstallLoops();
    io.kmodj.engine.config.Origin o = new io.kmodj.engine.config.Origin("x.conf", 1);
    loops.add("a", "/sbin/modprobe b && echo done", o);
    loops.add("b", "modprobe -q a", o);
    loops.add("c", "/sbin/modprobe --ignore-install c", o);
    loops.add("d", "/sbin/modprobe -C /etc/x d; true", o);
    assertThat(loops.find())
        .extracting(l -> String.join(" -> ", l.modules()))
        .containsExactly("a -> b -> a", "d -> d");
  }
}
