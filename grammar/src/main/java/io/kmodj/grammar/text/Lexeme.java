package io.kmodj.grammar.text;

import java.util.Objects;

/**
 * A classified piece of a configuration file: characters {@code [start, end)} of the text.
 *
 * @param kind what the piece is
 * @param start 0-based offset of its first character
 * @param end 0-based offset just past its last character
 */
public record Lexeme(LexemeKind kind, int start, int end) {
  public Lexeme {
    Objects.requireNonNull(kind, "kind");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad lexeme offsets " + start + ".." + end);
    }
  }

  /** Number of characters covered. */
  public int length() {
    return end - start;
  }
}
