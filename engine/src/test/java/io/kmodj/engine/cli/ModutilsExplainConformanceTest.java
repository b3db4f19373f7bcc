package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.explain.ConfigLine;
import io.kmodj.engine.explain.Explanation;
import io.kmodj.engine.explain.ModutilsExplainer;
import io.kmodj.engine.explain.Resolution;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * The plan inside {@code kmodj explain} on a modules.conf system is what modutils 2.4.25's {@code
 * modprobe -n -v NAME} printed: for every load record of the modutils corpus ({@code -n -v}, not
 * {@code -r}, {@code -c} or {@code -l}), each name explained alone gives what kmodj's {@code
 * modprobe --dialect modutils -n -v NAME} prints, and together (one name, the first that loads, or
 * all of them with {@code -a}) they give the recorded standard output and exit status. The
 * explanations themselves are checked on the corpus' alias chains, wildcards, options, {@code add},
 * {@code if} branches and built-in defaults.
 */
class ModutilsExplainConformanceTest {
  @TempDir static Path tmp;
  static Path root;

  @BeforeAll
  static void copyCorpus() throws IOException {
    Path corpus = Modutils24ConformanceTest.resource("modutils24");
    root = tmp.resolve("tree");
    copy(corpus.resolve("tree"), root);
    copy(corpus.resolve("cases"), tmp.resolve("cases"));
    Files.setLastModifiedTime(
        root.resolve("lib/modules/2.4.27/modules.dep"),
        FileTime.fromMillis(System.currentTimeMillis() + 60_000));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.writeString(
              target,
              substitute(Files.readString(p, StandardCharsets.ISO_8859_1)),
              StandardCharsets.ISO_8859_1);
        }
      }
    }
  }

  static String substitute(String text) {
    return text.replace("$ROOT", root.toString())
        .replace("$CASES", tmp.resolve("cases").toString());
  }

  static Explanation explain(String conf, String name, boolean autoclean) throws IOException {
    SystemSpec spec =
        new SystemSpec(
            Optional.of(root.toString()),
            Optional.of("2.4.27"),
            List.of(tmp.resolve("cases").resolve(conf).toString()),
            Optional.empty(),
            Optional.of(Dialect.MODUTILS));
    return new ModutilsExplainer(spec, autoclean, false).explain(name);
  }

  /** A load record's parts: the config, -k, -a, the names (the shell's backslashes removed). */
  private record Load(
      String conf, boolean autoclean, boolean all, List<String> names, boolean options) {}

  private static Optional<Load> load(Modutils24ConformanceTest.Run r) {
    String[] words = r.command().split(" ", -1);
    String conf = null;
    boolean n = false;
    boolean v = false;
    boolean k = false;
    boolean a = false;
    List<String> names = new ArrayList<>();
    for (int i = 1; i < words.length; i++) {
      String w = words[i].replace("\\", "");
      switch (w) {
        case "-C" -> conf = words[++i].substring("cases/".length());
        case "-n" -> n = true;
        case "-v" -> v = true;
        case "-k" -> k = true;
        case "-a" -> a = true;
        case "-r", "-c", "-l", "-t" -> {
          return Optional.empty();
        }
        default -> {
          if (w.indexOf('=') < 0) {
            names.add(w);
          }
        }
      }
    }
    if (!n || !v || conf == null || names.isEmpty()) {
      return Optional.empty();
    }
    // command-line options (key=value): explain takes none; each name alone is still checked
    return Optional.of(new Load(conf, k, a, names, r.command().contains("=")));
  }

  @TestFactory
  Stream<DynamicTest> everyLoadRecord() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Modutils24ConformanceTest.Run r : Modutils24ConformanceTest.records()) {
      Optional<Load> l = load(r);
      if (l.isEmpty() || r.fakeLoaded() != null) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(r.title() + ": " + r.command(), () -> check(r, l.get())));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(30);
    return tests.stream();
  }

  private static void check(Modutils24ConformanceTest.Run r, Load l) throws IOException {
    if (r.title().startsWith("19 ")) {
      Explanation e = explain(l.conf(), l.names().get(0), l.autoclean());
      assertThat(e.exit()).isNotZero();
      assertThat(e.messages()).anyMatch(m -> m.contains("loop-a -> loop-b -> loop-a"));
      assertThat(e.lookup()).anyMatch(s -> s.source().equals("alias-loop"));
      return;
    }
    StringBuilder together = new StringBuilder();
    int exit = 0;
    for (String name : l.names()) {
      Explanation e = explain(l.conf(), name, l.autoclean());
      // each name alone: what kmodj's modutils modprobe prints for it
      List<String> args =
          new ArrayList<>(
              List.of(
                  "modprobe",
                  "--dialect",
                  "modutils",
                  "-S",
                  "2.4.27",
                  "-d",
                  root.toString(),
                  "-C",
                  tmp.resolve("cases").resolve(l.conf()).toString(),
                  "-n",
                  "-v"));
      if (l.autoclean()) {
        args.add("-k");
      }
      args.add(name);
      Kmod30ConformanceTest.Result alone =
          Kmod30ConformanceTest.modprobe(args.toArray(new String[0]));
      assertThat(e.planText()).as("explain %s", name).isEqualTo(alone.out());
      assertThat(e.exit()).as("exit of %s", name).isEqualTo(alone.exit());
      assertThat(String.join("", e.messages().stream().map(m -> m + "\n").toList()))
          .isEqualTo(alone.err());
      if (exit == 0 && (l.all() || together.length() == 0)) {
        together.append(e.planText());
      }
      exit = e.exit();
      if (!l.all() && e.exit() == 0) {
        break;
      }
    }
    // a pattern with -a loads every file it matches: more than the name explained alone
    boolean patternAll = l.all() && l.names().stream().anyMatch(n -> n.indexOf('*') >= 0);
    if (!l.options() && !patternAll) {
      assertThat(together.toString()).isEqualTo(substitute(r.out()));
      assertThat(exit).isEqualTo(r.exit());
    }
  }

  private static ConfigLine line(Explanation e, String text) {
    return e.lines().stream()
        .filter(l -> l.text().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + text + " in " + e.lines()));
  }

  @Test
  void anAliasChainIsFollowedLinkByLink() throws IOException {
    Explanation e = explain("02-alias.conf", "eth1", false);
    assertThat(e.lookup())
        .extracting(Resolution::detail)
        .contains("alias eth1 -> net-card", "alias net-card -> 8139too");
    assertThat(e.lookup().get(e.lookup().size() - 1).source()).isEqualTo("modules-dep");
    assertThat(line(e, "alias eth1 net-card").applied()).isTrue();
    assertThat(line(e, "alias net-card 8139too").reason()).contains("followed");
    assertThat(e.plan().get(e.plan().size() - 1).why())
        .contains("alias chain eth1 -> net-card -> 8139too");
  }

  @Test
  void wildcardAliasesOnlyForSlashNames() throws IOException {
    Explanation dev = explain("05-alias-wildcard.conf", "/dev/sg0", false);
    assertThat(dev.lookup())
        .anyMatch(s -> s.source().equals("wildcard-alias") && s.modules().contains("/dev/sg"));
    assertThat(dev.lookup()).anyMatch(s -> s.source().equals("aliased-probeall"));
    Explanation eth = explain("05-alias-wildcard.conf", "eth3", false);
    assertThat(eth.found()).isFalse();
    assertThat(eth.lookup().get(1).detail())
        .contains("alias eth* would match, but patterns apply only to names starting with /");
    assertThat(line(eth, "alias eth* eepro100").applied()).isFalse();
    assertThat(line(eth, "alias eth* eepro100").reason())
        .contains("patterns apply only to names starting with /");
  }

  @Test
  void optionsReplaceUnlessAddAndMergeKeyByKeyAlongTheChain() throws IOException {
    Explanation add = explain("06-add-options.conf", "eepro100", false);
    assertThat(line(add, "add options eepro100 b=2").reason())
        .startsWith("add options: appended to the earlier options of eepro100");
    assertThat(line(add, "options eepro100 a=1").applied()).isTrue();
    Explanation replaced = explain("06-add-options.conf", "8139too", false);
    assertThat(line(replaced, "options 8139too x=1").applied()).isFalse();
    assertThat(line(replaced, "options 8139too x=1").reason())
        .startsWith("replaced by the later options line at ")
        .contains("06-add-options.conf:4");
    assertThat(line(replaced, "options 8139too y=2").applied()).isTrue();
    // the alias's options win key by key over the module's
    Explanation chain = explain("03-alias-options.conf", "eth0", false);
    String why = chain.plan().get(chain.plan().size() - 1).why();
    assertThat(why)
        .contains("debug=1 (from eth0)")
        .contains("full_duplex=1 (from eepro100)")
        .contains("irq=5 (from eth0)");
  }

  @Test
  void ifBranchesAreShownTakenOrNot() throws IOException {
    Explanation e = explain("12-if-define.conf", "eth0", false);
    assertThat(line(e, "if $NETDRV == tulip").applied()).isFalse();
    assertThat(line(e, "if $NETDRV == tulip").reason())
        .isEqualTo("not taken: the condition is false");
    assertThat(line(e, "elseif $NETDRV == eepro100").applied()).isTrue();
    assertThat(line(e, "alias eth0 tulip").reason())
        .startsWith("skipped: inside `if $NETDRV == tulip`");
    assertThat(line(e, "alias eth0 eepro100").applied()).isTrue();
    assertThat(line(e, "alias eth0 ne2k-pci").reason())
        .startsWith("skipped: an earlier branch of the if at ");
    assertThat(line(e, "options eepro100 debug=$DEBUG").applied()).isTrue();
    assertThat(line(e, "if -n $DEBUG > 2").applied()).isTrue();
  }

  @Test
  void builtInDefaultsAreNamed() throws IOException {
    Explanation e = explain("16-defaults-hid.conf", "block-major-2", false);
    assertThat(e.found()).isTrue();
    assertThat(e.lookup().get(1).lines()).allMatch(o -> o.file().equals("(built-in defaults)"));
    assertThat(e.lines()).anyMatch(l -> l.reason().endsWith("(built-in default)"));
    Explanation hid = explain("16-defaults-hid.conf", "hid", false);
    assertThat(hid.found()).isFalse();
    assertThat(hid.messages())
        .containsExactly("modprobe: Can't locate module keybdev which is needed for hid");
    assertThat(hid.lines())
        .anyMatch(
            l -> l.text().startsWith("above hid") && l.reason().endsWith("(built-in default)"));
  }

  @Test
  void offAnswersWithNothingToLoad() throws IOException {
    Explanation e = explain("04-alias-off-null.conf", "eth0", false);
    assertThat(e.found()).isTrue();
    assertThat(e.lookup()).anyMatch(s -> s.source().equals("off") && s.answered());
    assertThat(e.plan()).isEmpty();
  }
}
