package io.kmodj.grammar.modulesconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.ParseResult;
import java.util.List;

/** What holds for every parse, whatever the input. */
final class Invariants {
  private Invariants() {}

  /** Lexemes follow each other from 0 to {@code length} with no gap, overlap or empty piece. */
  static void assertLexemesCover(List<Lexeme> lexemes, int length) {
    int at = 0;
    for (Lexeme l : lexemes) {
      assertThat(l.start()).as("lexeme start").isEqualTo(at);
      assertThat(l.end()).as("lexeme end").isGreaterThan(l.start());
      at = l.end();
    }
    assertThat(at).as("covered length").isEqualTo(length);
  }

  static void assertInside(Span s, String text) {
    assertThat(s.start()).isBetween(0, text.length());
    assertThat(s.end()).isBetween(s.start(), text.length());
  }

  /** Spans of diagnostics lie in the text, lexemes cover it. */
  static void assertWellFormed(ParseResult<ModulesConfFile> r, String text) {
    for (Diagnostic d : r.diagnostics()) {
      assertInside(d.span(), text);
      d.related().ifPresent(s -> assertInside(s, text));
    }
    assertLexemesCover(r.lexemes(), text.length());
  }
}
