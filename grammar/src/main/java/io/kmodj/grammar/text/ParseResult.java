package io.kmodj.grammar.text;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What parsing a file gives: the value, everything that was wrong with the input, and the
 * classified text. Parsing never throws on bad input; it returns the best value it could build.
 *
 * @param value the parsed value (never null)
 * @param diagnostics the problems found, in file order
 * @param lexemes the whole text classified, in order, without gaps
 * @param <T> the type of the value
 */
public record ParseResult<T>(T value, List<Diagnostic> diagnostics, List<Lexeme> lexemes) {
  public ParseResult {
    Objects.requireNonNull(value, "value");
    diagnostics = List.copyOf(diagnostics);
    // a packed list is immutable already; copying it would make every lexeme an object
    lexemes = lexemes instanceof LexemeList ? lexemes : List.copyOf(lexemes);
  }

  /** Whether any diagnostic is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
