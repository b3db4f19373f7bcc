package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.text.LexemeKind;

/**
 * Names the CSS style classes of the editor ({@code config-editor.css}): one per lexeme kind and
 * one per diagnostic severity.
 */
public final class LexemeStyles {
  private LexemeStyles() {}

  /**
   * The style class that colours a kind of text.
   *
   * @param kind what the text is
   * @return the class, {@code lexeme-} and the kind in lower case with dashes
   */
  public static String of(LexemeKind kind) {
    return switch (kind) {
      case DIRECTIVE -> "lexeme-directive";
      case KEYWORD -> "lexeme-keyword";
      case MODULE -> "lexeme-module";
      case ALIAS -> "lexeme-alias";
      case OPTION_NAME -> "lexeme-option-name";
      case OPTION_VALUE -> "lexeme-option-value";
      case COMMAND -> "lexeme-command";
      case VARIABLE -> "lexeme-variable";
      case STRING -> "lexeme-string";
      case OPERATOR -> "lexeme-operator";
      case VALUE -> "lexeme-value";
      case COMMENT -> "lexeme-comment";
      case ERROR -> "lexeme-error";
      case WHITESPACE -> "lexeme-whitespace";
      case CONTINUATION -> "lexeme-continuation";
      case TEXT -> "lexeme-text";
    };
  }

  /**
   * The style class that underlines text a diagnostic is about.
   *
   * @param severity how bad the diagnostic is
   * @return the class, {@code problem-} and the severity word
   */
  public static String of(Severity severity) {
    return switch (severity) {
      case ERROR -> "problem-error";
      case WARNING -> "problem-warning";
      case INFO -> "problem-info";
    };
  }
}
