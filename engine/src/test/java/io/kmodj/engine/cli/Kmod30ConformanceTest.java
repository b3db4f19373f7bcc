package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every recorded kmod 30 answer of {@code kmod30/} through {@code kmodj modprobe} in process:
 * stdout and exit code must be identical, and where kmod reported a configuration line on stderr,
 * kmodj must name the same file and line. The kernel index is read once and shared (IndexCache).
 */
class Kmod30ConformanceTest {
  static final String VERSION = "6.1.0-47-cloud-amd64";
  static final String DEFAULT_CMDLINE = "BOOT_IMAGE=/vmlinuz root=/dev/vda ro quiet\n";
  private static final Pattern CONFIG_LINE = Pattern.compile("(\\S+) line (\\d+): ");

  @TempDir static Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(Kmod30ConformanceTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path root() {
    return resource("kernels/debian-6.1.0-47-cloud-amd64");
  }

  /** What one run printed. */
  record Result(int exit, String out, String err) {}

  static Result modprobe(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, false, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
      code = Main.run(o, e, args);
    }
    return new Result(
        code, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
  }

  /** One recorded query. */
  record Query(String args, int exit, List<String> out, List<String> err) {}

  static List<Query> expected(Path file) throws IOException {
    List<Query> queries = new ArrayList<>();
    String args = null;
    int exit = -1;
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      if (line.startsWith("### ")) {
        if (args != null) {
          queries.add(new Query(args, exit, out, err));
        }
        args = line.substring(4);
        out = new ArrayList<>();
        err = new ArrayList<>();
      } else if (line.startsWith("exit ")) {
        exit = Integer.parseInt(line.substring(5));
      } else if (line.startsWith("> ") || line.equals(">")) {
        out.add(line.length() > 2 ? line.substring(2) : "");
      } else if (line.startsWith("! ")) {
        err.add(line.substring(2));
      }
    }
    if (args != null) {
      queries.add(new Query(args, exit, out, err));
    }
    return queries;
  }

  @TestFactory
  Stream<DynamicTest> everyRecordedQueryAnswersAsKmod30() throws IOException {
    return casesOf("kmod30/cases");
  }

  /** Our own cases (kmodj-cases/, recorded with real kmod 30 by its record.sh). */
  @TestFactory
  Stream<DynamicTest> everyQueryOfOurOwnCasesAnswersAsKmod30() throws IOException {
    return casesOf("kmodj-cases");
  }

  private static Stream<DynamicTest> casesOf(String folder) throws IOException {
    Path cases = resource(folder);
    List<Path> dirs;
    try (Stream<Path> s = Files.list(cases)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : dirs) {
      Path cmdline = dir.resolve("cmdline.txt");
      if (!Files.exists(cmdline)) {
        cmdline = tmp.resolve("default-cmdline.txt");
        Files.writeString(cmdline, DEFAULT_CMDLINE);
      }
      Path cmd = cmdline;
      for (Query q : expected(dir.resolve("expected.txt"))) {
        tests.add(
            DynamicTest.dynamicTest(
                dir.getFileName() + ": " + q.args(), () -> checkQuery(dir, cmd, q)));
      }
    }
    return tests.stream();
  }

  private static void checkQuery(Path dir, Path cmdline, Query q) {
    checkQuery(dir.resolve("modprobe.d"), root(), cmdline, q);
  }

  /** Runs one recorded query with a configuration over a root and checks kmodj's answer. */
  static void checkQuery(Path config, Path root, Path cmdline, Query q) {
    checkQuery(config, root, cmdline, q, List.of());
  }

  /**
   * Runs one recorded query with a configuration over a root, with more options before it, and
   * checks kmodj's answer.
   */
  static void checkQuery(Path config, Path root, Path cmdline, Query q, List<String> options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "modprobe",
                "-C",
                config.toString(),
                "-d",
                root.toString(),
                "-S",
                VERSION,
                "--cmdline",
                cmdline.toString()));
    args.addAll(options);
    args.addAll(Arrays.asList(q.args().split(" ", -1)));
    Result r = modprobe(args.toArray(String[]::new));
    String want = String.join("", q.out().stream().map(l -> l + "\n").toList());
    want = want.replace("$ROOT", root.toString());
    assertThat(r.out()).as("stdout of %s (stderr: %s)", q.args(), r.err()).isEqualTo(want);
    assertThat(r.exit()).as("exit code of %s", q.args()).isEqualTo(q.exit());
    for (String e : q.err()) {
      Matcher m = CONFIG_LINE.matcher(e);
      if (m.find()) {
        String file = Path.of(m.group(1)).getFileName().toString();
        assertThat(r.err())
            .as("a diagnostic naming %s line %s", file, m.group(2))
            .containsPattern(Pattern.quote(file) + " line " + m.group(2) + ": ");
      } else if (e.startsWith("modprobe: ") && !e.contains("../libkmod/")) {
        // modprobe's own messages (libkmod's carry C source positions, not copied)
        assertThat(r.err()).contains(e.replace("$ROOT", root.toString()));
      }
    }
  }

  @Test
  void everyModuleNameOfTheWorkloadResolvesAsKmod30() throws IOException {
    checkWorkload("names");
  }

  @Test
  void everyAliasOfTheWorkloadResolvesAsKmod30() throws IOException {
    checkWorkload("aliases");
  }

  private static void checkWorkload(String name) throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-modprobe.d"));
    Path cmdline = tmp.resolve("workload-cmdline.txt");
    Files.writeString(cmdline, DEFAULT_CMDLINE);
    Path dir = resource("kmod30/workload");
    Result r =
        modprobe(
            "modprobe",
            "-C",
            empty.toString(),
            "-d",
            root().toString(),
            "-S",
            VERSION,
            "--cmdline",
            cmdline.toString(),
            "--show-depends",
            "--batch",
            dir.resolve(name + ".txt").toString());
    String want =
        Files.readString(dir.resolve(name + ".expected"), StandardCharsets.ISO_8859_1)
            .replace("$ROOT", root().toString());
    assertThat(r.exit()).isZero();
    List<String> got = r.out().lines().toList();
    List<String> exp = want.lines().toList();
    for (int i = 0; i < Math.min(got.size(), exp.size()); i++) {
      if (!got.get(i).equals(exp.get(i))) {
        String block = "";
        for (int j = i; j >= 0; j--) {
          if (exp.get(j).startsWith("### ")) {
            block = exp.get(j);
            break;
          }
        }
        assertThat(got.get(i))
            .as("%s.expected line %d, in block %s", name, i + 1, block)
            .isEqualTo(exp.get(i));
      }
    }
    assertThat(r.out()).isEqualTo(want);
  }
}
