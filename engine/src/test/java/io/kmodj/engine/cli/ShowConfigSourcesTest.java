package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.index.ModuleNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj modprobe -c --sources} on every recorded {@code -c} of the kmod 30 corpus and of
 * kmodj's own cases: without the sources the lines are exactly what kmod 30 printed, and each
 * source names the file and line the directive was written on (the last line of a continued one;
 * the kernel command line's file for its options), or the index file's line.
 */
class ShowConfigSourcesTest {
  private static final Pattern SOURCED = Pattern.compile("(/[^:]*|[^/:][^:]*)(?::(\\d+))?: (.*)");

  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> everyRecordedShowConfigWithItsSources() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : List.of("kmod30/cases", "kmodj-cases")) {
      List<Path> dirs;
      try (Stream<Path> s = Files.list(Kmod30ConformanceTest.resource(folder))) {
        dirs = s.filter(Files::isDirectory).sorted().toList();
      }
      for (Path dir : dirs) {
        for (Kmod30ConformanceTest.Query q :
            Kmod30ConformanceTest.expected(dir.resolve("expected.txt"))) {
          if (q.args().equals("-c")) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir, q)));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
    return tests.stream();
  }

  private static Kmod30ConformanceTest.Result showConfig(Path dir, String... extra)
      throws IOException {
    Path cmdline = dir.resolve("cmdline.txt");
    if (!Files.exists(cmdline)) {
      cmdline = tmp.resolve("cmdline.txt");
      Files.writeString(cmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "modprobe",
                "-C",
                dir.resolve("modprobe.d").toString(),
                "-d",
                Kmod30ConformanceTest.root().toString(),
                "-S",
                Kmod30ConformanceTest.VERSION,
                "--cmdline",
                cmdline.toString(),
                "-c"));
    args.addAll(List.of(extra));
    return Kmod30ConformanceTest.modprobe(args.toArray(String[]::new));
  }

  private static void check(Path dir, Kmod30ConformanceTest.Query q) throws IOException {
    var r = showConfig(dir, "--sources");
    assertThat(r.exit()).isEqualTo(q.exit());
    Map<String, List<String>> files = new HashMap<>();
    List<String> bare = new ArrayList<>();
    boolean index = false;
    for (String line : r.out().split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("# End of configuration files")) {
        index |= !line.isEmpty();
        bare.add(line);
        continue;
      }
      Matcher m = SOURCED.matcher(line);
      assertThat(m.matches()).as("a source before %s", line).isTrue();
      String file = m.group(1);
      String text = m.group(3);
      bare.add(text);
      if (m.group(2) == null) {
        // the kernel command line: its options and blacklist
        assertThat(file).as("the source of %s", text).endsWith(".txt");
        continue;
      }
      int n = Integer.parseInt(m.group(2));
      List<String> lines =
          files.computeIfAbsent(
              file,
              f -> {
                try {
                  return Files.readAllLines(Path.of(f), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      String written = logicalLine(lines, n);
      String[] got = text.split("[ \t]+", 3);
      String[] was = written.strip().split("[ \t]+", 3);
      assertThat(was[0]).as("%s:%d for %s", file, n, text).isEqualTo(got[0]);
      assertThat(ModuleNames.underscores(was[1]).orElse(was[1]))
          .as("%s:%d for %s", file, n, text)
          .isEqualTo(got[1]);
      if (index) {
        assertThat(file)
            .endsWith(got[1].startsWith("symbol:") ? "modules.symbols" : "modules.alias");
        assertThat(was[2]).isEqualTo(got[2]);
      }
    }
    String want = String.join("", q.out().stream().map(l -> l + "\n").toList());
    assertThat(String.join("\n", bare)).isEqualTo(want);
    // and plain -c is what kmod printed
    assertThat(showConfig(dir).out()).isEqualTo(want);
  }

  /** The directive that ends on a line: earlier lines joined while they end with a backslash. */
  private static String logicalLine(List<String> lines, int last) {
    int first = last;
    while (first > 1 && lines.get(first - 2).endsWith("\\")) {
      first--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = first; i <= last; i++) {
      String l = lines.get(i - 1);
      b.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l).append(' ');
    }
    return b.toString();
  }

  @Test
  void sourcesGoWithShowConfigOnlyAndNotWithModutils() throws IOException {
    Path dir = Kmod30ConformanceTest.resource("kmod30/cases/c03-options");
    var r =
        Kmod30ConformanceTest.modprobe(
            "modprobe",
            "-C",
            dir.resolve("modprobe.d").toString(),
            "-d",
            Kmod30ConformanceTest.root().toString(),
            "-S",
            Kmod30ConformanceTest.VERSION,
            "--sources",
            "--show-depends",
            "dummy");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("kmodj: ERROR: --sources goes with -c (--showconfig)\n");
    var m =
        Kmod30ConformanceTest.modprobe(
            "modprobe", "--dialect", "modutils", "-C", "/dev/null", "-c", "--sources");
    assertThat(m.exit()).isEqualTo(1);
    assertThat(m.err()).isEqualTo("kmodj: ERROR: --sources needs the kmod dialect\n");
  }
}
