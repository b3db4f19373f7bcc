package io.kmodj.grammar.modulesconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.text.ParseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus: every example of the spec pages, every modutils 2.4.25 conformance config, and
 * invalid files, each with its expected AST dump and diagnostics.
 */
class ModulesConfCorpusTest {
  /**
   * The only valid-looking cases where an error is right: modutils failed on them too (record 18's
   * unknown directive; reference edge cases 1, 37 and 63).
   */
  private static final Set<String> FAILED_IN_MODUTILS =
      Set.of(
          "modutils24/18-invalid-line.conf",
          "spec/ref-edge-01-hash-in-quotes.conf",
          "spec/ref-edge-37-deep-ifs.conf",
          "spec/ref-edge-63-comment-ends-continuation.conf");

  private static ParseResult<ModulesConfFile> parse(Path p) {
    return ModulesConfSyntax.parse(p.getFileName().toString(), Corpus.read(p));
  }

  @Test
  void corpusHoldsEveryConformanceConfigAndTheSpecExamples() {
    List<String> names = Corpus.files().stream().map(Corpus::name).toList();
    assertThat(names.stream().filter(n -> n.startsWith("modutils24/"))).hasSize(28);
    assertThat(names.stream().filter(n -> n.startsWith("spec/")).count()).isGreaterThan(45);
    assertThat(names.stream().filter(n -> n.startsWith("invalid/")).count()).isGreaterThan(8);
  }

  @TestFactory
  Stream<DynamicTest> eachFileParsesToItsExpectedAstAndDiagnostics() {
    return Corpus.files().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.name(p),
                    () -> {
                      Path expected =
                          p.resolveSibling(
                              p.getFileName().toString().replace(".conf", ".expected"));
                      assertThat(Corpus.render(parse(p))).isEqualTo(Corpus.read(expected));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> validFilesHaveNoErrorsExceptWhereModutilsFailed() {
    return Corpus.files().stream()
        .filter(p -> !Corpus.name(p).startsWith("invalid/"))
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.name(p),
                    () -> {
                      boolean errors = parse(p).hasErrors();
                      assertThat(errors).isEqualTo(FAILED_IN_MODUTILS.contains(Corpus.name(p)));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> invalidFilesHaveAnErrorWithModutilsWording() {
    return Corpus.files().stream()
        .filter(p -> Corpus.name(p).startsWith("invalid/"))
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.name(p),
                    () ->
                        assertThat(parse(p).diagnostics())
                            .filteredOn(d -> d.severity() == Severity.ERROR)
                            .isNotEmpty()
                            .allSatisfy(
                                d ->
                                    assertThat(d.message())
                                        .matches(
                                            "Invalid line \\d+ in .*|unmatched endif in line \\d+"
                                                + "|else without if in line \\d+"
                                                + "|elseif without if in line \\d+"
                                                + "|missing endif at .* EOF"
                                                + "|unterminated . quote.*"))));
  }

  @TestFactory
  Stream<DynamicTest> printingAndParsingAgainGivesTheSameAst() {
    return Corpus.files().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.name(p),
                    () -> {
                      ModulesConfFile first = parse(p).value();
                      String printed = ModulesConfPrinter.print(first);
                      ModulesConfFile again =
                          ModulesConfSyntax.parse(first.file(), printed).value();
                      assertThat(ModulesConfDump.canonical(again))
                          .isEqualTo(ModulesConfDump.canonical(first));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> printedTextIsAFixedPointOfPrinting() {
    return Corpus.files().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.name(p),
                    () -> {
                      String printed = ModulesConfPrinter.print(parse(p).value());
                      String twice =
                          ModulesConfPrinter.print(ModulesConfSyntax.parse("x", printed).value());
                      assertThat(twice).isEqualTo(printed);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> diagnosticsAndLexemesStayInsideTheText() {
    return Corpus.files().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    Corpus.name(p),
                    () -> {
                      String text = Corpus.read(p);
                      ParseResult<ModulesConfFile> r = parse(p);
                      for (Diagnostic d : r.diagnostics()) {
                        assertThat(d.span().end()).isLessThanOrEqualTo(text.length());
                      }
                      Invariants.assertLexemesCover(r.lexemes(), text.length());
                    }));
  }
}
