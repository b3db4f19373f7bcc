package io.kmodj.grammar.modprobed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.ParseResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration of the kmod 30 corpus parses with exactly the diagnostics kmod printed. */
class Kmod30DiagnosticsTest {
  private static final Pattern KMOD_LINE =
      Pattern.compile("kmod_config_parse: modprobe\\.d/(\\S+) line (\\d+): (.*)$");

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(Kmod30DiagnosticsTest.class.getResource("/modprobed/kmod30").toURI());
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badLinesAreReportedOnTheLinesKmodNames(Path caseDir) throws IOException {
    Set<String> expected = new TreeSet<>();
    for (String line : Files.readAllLines(caseDir.resolve("kmod-stderr.txt"))) {
      Matcher m = KMOD_LINE.matcher(line);
      assertThat(m.find()).as("kmod line format: %s", line).isTrue();
      expected.add(m.group(1) + ":" + m.group(2) + ": " + m.group(3));
    }

    Set<String> actual = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(caseDir.resolve("modprobe.d"))) {
      // kmod reads only *.conf files (case c09 has a .txt it ignores)
      files = s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      ParseResult<ModprobeDFile> r =
          ModprobeDSyntax.parse(name, Files.readString(f, StandardCharsets.UTF_8));
      for (Diagnostic d : r.diagnostics()) {
        actual.add(name + ":" + d.span().endLine() + ": " + d.message());
      }
    }

    assertThat(actual).isEqualTo(expected);
  }
}
