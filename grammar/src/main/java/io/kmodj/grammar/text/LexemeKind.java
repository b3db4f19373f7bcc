package io.kmodj.grammar.text;

/** What a piece of configuration text is, for colouring and navigation. */
public enum LexemeKind {
  /** A directive keyword: {@code alias}, {@code options}, {@code path[net]=}, {@code if}. */
  DIRECTIVE,
  /** A keyword inside a directive: {@code pre:}, {@code post:}, {@code add}, {@code off}. */
  KEYWORD,
  /** A module name. */
  MODULE,
  /** An alias name or pattern being defined. */
  ALIAS,
  /** The name part of {@code name=value} in options. */
  OPTION_NAME,
  /** The value part of an option, or a whole option without {@code =}. */
  OPTION_VALUE,
  /** A shell command (install, remove and their pre-/post- forms). */
  COMMAND,
  /** A {@code $VAR} or {@code ${VAR}} reference, or a variable being defined. */
  VARIABLE,
  /** A quoted or backquoted string. */
  STRING,
  /** An operator in an expression ({@code ==}, {@code -f}, {@code !}). */
  OPERATOR,
  /** A path or other setting value. */
  VALUE,
  /** A comment. */
  COMMENT,
  /** A line or word the parser rejected. */
  ERROR,
  /** Blanks. */
  WHITESPACE,
  /** A backslash that joins the next line. */
  CONTINUATION,
  /** Any other text. */
  TEXT
}
