package io.kmodj.grammar.text;

import io.kmodj.grammar.diag.Span;
import java.util.Objects;

/**
 * A word of a configuration line as the tool that reads it sees it (continuations joined, escapes
 * removed), with where it was written.
 *
 * @param text the word
 * @param span where it stands in the file
 */
public record Word(String text, Span span) {
  public Word {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(span, "span");
  }

  @Override
  public String toString() {
    return text;
  }
}
