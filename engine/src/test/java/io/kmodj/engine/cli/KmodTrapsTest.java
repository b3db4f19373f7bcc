package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trap fixtures of {@code check/kmod-traps/}: in each, what real kmod 30 did (expected.txt,
 * recorded by its record.sh) is what kmodj's modprobe does, and {@code kmodj check} reports the
 * trap (findings.txt), on the Debian kernel's indexes.
 */
class KmodTrapsTest {
  @TempDir static Path tmp;

  private static Path fixtures() {
    return Kmod30ConformanceTest.resource("check/kmod-traps");
  }

  private static List<Path> dirs() throws IOException {
    try (Stream<Path> s = Files.list(fixtures())) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The -C arguments of a fixture, resolved against its folder. */
  private static List<String> config(Path dir) throws IOException {
    Path file = dir.resolve("config.txt");
    List<String> words =
        Files.exists(file) ? Files.readAllLines(file) : List.of("-C", "modprobe.d");
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      args.add(words.get(i));
      if (words.get(i).equals("-C")) {
        args.add(dir.resolve(words.get(++i)).toString());
      }
    }
    return args;
  }

  private static List<String> system(Path dir) throws IOException {
    Path cmdline = tmp.resolve("cmdline.txt");
    Files.writeString(cmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
    List<String> args = new ArrayList<>(config(dir));
    args.addAll(
        List.of(
            "-d",
            Kmod30ConformanceTest.root().toString(),
            "-S",
            Kmod30ConformanceTest.VERSION,
            "--cmdline",
            cmdline.toString()));
    return args;
  }

  private static Kmod30ConformanceTest.Result run(String command, Path dir, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(system(dir));
    args.addAll(Arrays.asList(extra));
    return Kmod30ConformanceTest.modprobe(args.toArray(String[]::new));
  }

  @TestFactory
  Stream<DynamicTest> kmodjLoadsWhatKmod30LoadedInEveryTrap() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : dirs()) {
      for (Kmod30ConformanceTest.Query q :
          Kmod30ConformanceTest.expected(dir.resolve("expected.txt"))) {
        tests.add(
            DynamicTest.dynamicTest(
                dir.getFileName() + ": " + q.args(),
                () -> {
                  var r = run("modprobe", dir, q.args().split(" ", -1));
                  String want =
                      String.join("", q.out().stream().map(l -> l + "\n").toList())
                          .replace("$ROOT", Kmod30ConformanceTest.root().toString());
                  assertThat(r.out()).as("stdout of %s", q.args()).isEqualTo(want);
                  assertThat(r.exit()).isEqualTo(q.exit());
                }));
      }
    }
    return tests.stream();
  }

  /** Check's text output with the fixture's folder cut and the module tree's findings left out. */
  private static String findings(Path dir, String out) {
    String root = Kmod30ConformanceTest.root().toString();
    StringBuilder b = new StringBuilder();
    boolean skip = false;
    for (String line : out.lines().toList()) {
      if (line.startsWith("  hint: ")) {
        if (skip) {
          continue;
        }
      } else {
        skip = line.startsWith(root);
        if (skip) {
          continue;
        }
      }
      b.append(line.replace(dir + "/", "").replace(root, "$ROOT")).append('\n');
    }
    return b.toString();
  }

  @TestFactory
  Stream<DynamicTest> checkReportsEveryTrapOnItsLine() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : dirs()) {
      tests.add(
          DynamicTest.dynamicTest(
              dir.getFileName().toString(),
              () -> {
                var r = run("check", dir);
                String want = Files.readString(dir.resolve("findings.txt"), StandardCharsets.UTF_8);
                assertThat(findings(dir, r.out())).isEqualTo(want);
                assertThat(r.err()).isEmpty();
              }));
    }
    return tests.stream();
  }

  @Test
  void theModuleTreesRepeatedSoftdepsAreOneNoteEach() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty/modprobe.d"));
    var r = run("check", empty.getParent());
    String softdeps = Kmod30ConformanceTest.root() + "/lib/modules/6.1.0-47-cloud-amd64/";
    assertThat(r.out().lines().filter(l -> !l.startsWith("  hint:")).toList())
        .containsExactly(
            softdeps
                + "modules.softdep:3:1: info: modules.softdep has 11 softdep lines for cifs and"
                + " kmod uses only this first one [softdep-shadowed]",
            softdeps
                + "modules.softdep:14:1: info: modules.softdep has 12 softdep lines for ksmbd and"
                + " kmod uses only this first one [softdep-shadowed]",
            softdeps
                + "modules.softdep:26:1: info: modules.softdep has 4 softdep lines for btrfs and"
                + " kmod uses only this first one [softdep-shadowed]",
            "0 errors, 0 warnings, 3 infos");
    assertThat(r.out())
        .contains(
            "  hint: depmod writes a line per softdep of the module; to have them all, write"
                + " 'softdep btrfs pre: blake2b-256 sha256 xxhash64 crypto-crc32c' in a file whose"
                + " name sorts before modules.softdep");
    assertThat(r.exit()).isZero();
  }

  @Test
  void anIgnoreCommentSilencesOnlyItsRuleOnTheNextLine() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("ignore/modprobe.d"));
    Files.writeString(
        dir.resolve("a.conf"),
        """
        softdep dummy pre: tun
        # kmodj: ignore softdep-shadowed
        softdep dummy pre: loop
        softdep dummy pre: bonding
        # kmodj: ignore blacklist-softdep
        softdep dummy \\
          post: vhost_net
        """);
    Files.writeString(dir.resolve("x.cfg"), "# kmodj: ignore not-conf-file\noptions dummy a=1\n");
    Files.writeString(dir.resolve("y.cfg"), "options dummy a=1\n# kmodj: ignore not-conf-file\n");
    var r = run("check", dir.getParent(), "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    List<String> found = new ArrayList<>();
    doc.get("findings")
        .forEach(
            f -> {
              String file = Path.of(f.get("file").asText()).getFileName().toString();
              if (file.endsWith(".conf") || file.endsWith(".cfg")) {
                found.add(file + ":" + f.get("rule").asText() + "@" + f.get("line").asInt());
              }
            });
    // line 3 is silenced; line 4 is not (the comment covers the next line only); lines 6-7 are
    // one directive, reported on line 7, but the comment names another rule. x.cfg silences the
    // finding about itself from its leading comments; y.cfg's comment comes after a directive
    assertThat(found)
        .containsExactly(
            "a.conf:softdep-shadowed@4", "a.conf:softdep-shadowed@7", "y.cfg:not-conf-file@0");
    assertThat(doc.get("silenced").asInt()).isEqualTo(2);
  }
}
