package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.explain.ConfigLine;
import io.kmodj.engine.explain.Explanation;
import io.kmodj.engine.explain.KmodExplainer;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj explain} on the trap fixtures of {@code check/kmod-traps/} (recorded with real kmod
 * 30): the plan inside each explanation is what kmod printed for every {@code --show-depends NAME}
 * query, and each trap is explained on its line: a blacklist that an explicit load or a softdep
 * ignores, an install command a softdep disables, only the first softdep counting, a hidden file,
 * an override that loses to lexical order, files kmod does not read.
 */
class ExplainTrapsTest {
  @TempDir static Path tmp;
  static Path cmdline;

  @BeforeAll
  static void writeCmdline() throws IOException {
    cmdline = tmp.resolve("cmdline.txt");
    Files.writeString(cmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
  }

  private static Path fixture(String name) {
    return Kmod30ConformanceTest.resource("check/kmod-traps/" + name);
  }

  /** The configuration paths of a fixture (config.txt's -C words, else modprobe.d). */
  private static List<String> config(Path dir) throws IOException {
    Path file = dir.resolve("config.txt");
    List<String> words =
        Files.exists(file) ? Files.readAllLines(file) : List.of("-C", "modprobe.d");
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equals("-C")) {
        paths.add(dir.resolve(words.get(++i)).toString());
      }
    }
    return paths;
  }

  private static KmodExplainer explainer(Path dir) throws IOException {
    return new KmodExplainer(
        ModuleSystem.load(
            new SystemSpec(
                Optional.of(Kmod30ConformanceTest.root().toString()),
                Optional.of(Kmod30ConformanceTest.VERSION),
                config(dir),
                Optional.of(cmdline.toString()))));
  }

  private static Explanation explain(String fixture, String name) throws IOException {
    return explainer(fixture(fixture)).explain(name);
  }

  @TestFactory
  Stream<DynamicTest> thePlanIsWhatKmod30PrintedInEveryTrap() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> s = Files.list(Kmod30ConformanceTest.resource("check/kmod-traps"))) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      for (Kmod30ConformanceTest.Query q :
          Kmod30ConformanceTest.expected(dir.resolve("expected.txt"))) {
        String[] words = q.args().split(" ", -1);
        if (words.length != 2 || !words[0].equals("--show-depends")) {
          continue;
        }
        tests.add(
            DynamicTest.dynamicTest(
                dir.getFileName() + ": explain " + words[1],
                () -> {
                  Explanation e = explainer(dir).explain(words[1]);
                  String want =
                      String.join("", q.out().stream().map(l -> l + "\n").toList())
                          .replace("$ROOT", Kmod30ConformanceTest.root().toString());
                  assertThat(e.planText()).isEqualTo(want);
                  assertThat(e.exit()).isEqualTo(q.exit());
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  private static ConfigLine line(Explanation e, String text) {
    return e.lines().stream()
        .filter(l -> l.text().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + text + " in " + e.lines()));
  }

  @Test
  void blacklistDoesNotStopAnExplicitLoadOrASoftdep() throws IOException {
    ConfigLine own = line(explain("t01-blacklist-explicit", "dummy"), "blacklist dummy");
    assertThat(own.applied()).isFalse();
    assertThat(own.reason()).startsWith("blacklist applies only to alias lookups");
    ConfigLine soft = line(explain("t02-blacklist-softdep", "bonding"), "blacklist tun");
    assertThat(soft.applied()).isFalse();
    assertThat(soft.reason())
        .startsWith("blacklist does not stop a module brought in as a dependency or by a softdep");
  }

  @Test
  void aSoftdepDisablesTheInstallCommand() throws IOException {
    Explanation e = explain("t03-install-softdep", "loop");
    ConfigLine install = line(e, "install loop /bin/false");
    assertThat(install.applied()).isFalse();
    assertThat(install.reason())
        .startsWith("a softdep for loop (")
        .endsWith("block.conf:2) disables the install command: modprobe inserts the module itself");
    assertThat(e.plan().get(e.plan().size() - 1).action()).isEqualTo("insmod");
  }

  @Test
  void onlyTheFirstSoftdepCounts() throws IOException {
    Explanation e = explain("t04-softdep-several", "btrfs");
    ConfigLine z = line(e, "softdep btrfs post: loop");
    assertThat(z.applied()).isFalse();
    assertThat(z.reason())
        .startsWith("only the first softdep for a module counts: ")
        .endsWith("modules.softdep:26 came first");
  }

  @Test
  void aFileOfTheSameNameInAnEarlierDirectoryHidesIt() throws IOException {
    Explanation e = explain("t05-same-name", "dummy");
    assertThat(line(e, "options dummy numdummies=2").applied()).isTrue();
    ConfigLine hidden = line(e, "options dummy numdummies=4");
    assertThat(hidden.applied()).isFalse();
    assertThat(hidden.reason())
        .startsWith("file hidden by ")
        .endsWith("etc/local.conf (same name, earlier directory)");
  }

  @Test
  void anOverrideLosesToLexicalOrder() throws IOException {
    ConfigLine lost = line(explain("t06-override-lost", "dummy"), "install dummy /bin/true");
    assertThat(lost.applied()).isFalse();
    assertThat(lost.reason())
        .startsWith("an earlier install line won (")
        .endsWith("10-vendor.conf:1)");
  }

  @Test
  void filesNotEndingInConfAreNotRead() throws IOException {
    ConfigLine cfg = line(explain("t07-not-read-files", "dummy"), "options dummy numdummies=3");
    assertThat(cfg.applied()).isFalse();
    assertThat(cfg.origin().file()).endsWith("dummy.cfg");
    assertThat(cfg.reason()).startsWith("file not read: ");
    ConfigLine old = line(explain("t07-not-read-files", "tun"), "options tun x=1");
    assertThat(old.reason()).startsWith("file not read: ");
  }
}
