package io.kmodj.grammar.modprobed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.text.ParseResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under {@code modprobed/corpus}: each {@code NAME.conf} parses to the AST and
 * diagnostics in {@code NAME.expected}, and printing any parsed file back parses to the same AST.
 */
class CorpusTest {

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path root = Path.of(CorpusTest.class.getResource("/modprobed/corpus").toURI());
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
    }
  }

  static Stream<Path> everyConfig() throws IOException, URISyntaxException {
    Path root = Path.of(CorpusTest.class.getResource("/modprobed").toURI());
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
    }
  }

  private static ParseResult<ModprobeDFile> parse(Path file) throws IOException {
    return ModprobeDSyntax.parse(
        file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void fileParsesToItsExpectedAst(Path file) throws IOException {
    Path expected = Path.of(file.toString().replaceAll("\\.conf$", ".expected"));
    assertThat(AstDump.dump(parse(file)))
        .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyConfig")
  void printedAstParsesToTheSameAst(Path file) throws IOException {
    ModprobeDFile first = parse(file).value();
    String printed = ModprobeDPrinter.print(first);
    ParseResult<ModprobeDFile> again = ModprobeDSyntax.parse("printed", printed);

    assertThat(again.hasErrors()).as("%s", again.diagnostics()).isFalse();
    List<String> before = first.directives().stream().map(AstDump::fields).toList();
    List<String> after = again.value().directives().stream().map(AstDump::fields).toList();
    assertThat(after).isEqualTo(before);
  }
}
