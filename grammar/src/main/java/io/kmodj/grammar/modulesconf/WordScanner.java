package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a word into its {@link ShellWord.Part}s. A quote runs to the next same quote
 * not preceded by a backslash (modules-conf-reference.md 2.3); {@code $NAME}, {@code ${NAME}},
 * {@code $(…)} and {@code `…`} are found outside and inside quotes. Quotes do not nest, so the scan
 * goes at most two levels deep.
 */
final class WordScanner {
  /** Turns offsets of the scanned text into spans of the file. */
  interface Spans {
    Span span(int start, int end);
  }

  private static final char NO_QUOTE = 0;

  private final String text;
  private final Spans spans;

  /**
   * Prepares a scan of {@code text}.
   *
   * @param text the text the offsets refer to (a logical line, or more)
   * @param spans turns offsets of {@code text} into spans
   */
  WordScanner(String text, Spans spans) {
    this.text = text;
    this.spans = spans;
  }

  /** The word written at {@code [start, end)} of the text. */
  ShellWord word(int start, int end) {
    String raw = text.substring(start, end);
    Span span = spans.span(start, end);
    if (start < end && plain(start, end)) {
      // the common case: one literal part, the word itself
      return new ShellWord(raw, span, List.of(new ShellWord.Part.Literal(span, raw)));
    }
    return new ShellWord(raw, span, parts(start, end, NO_QUOTE));
  }

  /** Whether {@code [start, end)} holds no quote, backquote or dollar. */
  private boolean plain(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`' || c == '$') {
        return false;
      }
    }
    return true;
  }

  private List<ShellWord.Part> parts(int from, int to, char inQuote) {
    List<ShellWord.Part> parts = new ArrayList<>();
    int literal = from;
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      int next = -1;
      ShellWord.Part part = null;
      if (inQuote == NO_QUOTE && (c == '\'' || c == '"')) {
        int close = close(i + 1, to, c);
        next = close < 0 ? to : close + 1;
        part =
            new ShellWord.Part.Quoted(
                spans.span(i, next), c, parts(i + 1, close < 0 ? to : close, c), close >= 0);
      } else if (c == '`') {
        int close = close(i + 1, to, '`');
        next = close < 0 ? to : close + 1;
        part =
            new ShellWord.Part.Substitution(
                spans.span(i, next),
                text.substring(i + 1, close < 0 ? to : close),
                true,
                close >= 0);
      } else if (c == '$' && i + 1 < to) {
        next = dollar(i, to);
        if (next > 0) {
          part = dollarPart(i, next);
        }
      }
      if (part == null) {
        i++;
        continue;
      }
      if (literal < i) {
        parts.add(literal(literal, i));
      }
      parts.add(part);
      i = next;
      literal = next;
    }
    if (literal < to) {
      parts.add(literal(literal, to));
    }
    return parts;
  }

  private ShellWord.Part literal(int start, int end) {
    return new ShellWord.Part.Literal(spans.span(start, end), text.substring(start, end));
  }

  /** The end of the {@code $} form starting at {@code i}, or -1 when it is a plain dollar. */
  private int dollar(int i, int to) {
    char n = text.charAt(i + 1);
    if (n == '{') {
      int close = text.indexOf('}', i + 2);
      return close > i + 2 && close < to ? close + 1 : -1;
    }
    if (n == '(') {
      int depth = 0;
      for (int k = i + 1; k < to; k++) {
        char c = text.charAt(k);
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          return k + 1;
        }
      }
      return -1;
    }
    if (!nameStart(n)) {
      return -1;
    }
    int k = i + 2;
    while (k < to && namePart(text.charAt(k))) {
      k++;
    }
    return k;
  }

  private ShellWord.Part dollarPart(int i, int end) {
    Span span = spans.span(i, end);
    char n = text.charAt(i + 1);
    if (n == '{') {
      return new ShellWord.Part.Variable(span, text.substring(i + 2, end - 1), true);
    }
    if (n == '(') {
      return new ShellWord.Part.Substitution(span, text.substring(i + 2, end - 1), false, true);
    }
    return new ShellWord.Part.Variable(span, text.substring(i + 1, end), false);
  }

  /** The next {@code quote} at or after {@code from} not escaped by a backslash, or -1. */
  private int close(int from, int to, char quote) {
    int k = from;
    while (k < to) {
      char c = text.charAt(k);
      if (c == '\\' && k + 1 < to && text.charAt(k + 1) == quote) {
        k += 2;
      } else if (c == quote) {
        return k;
      } else {
        k++;
      }
    }
    return -1;
  }

  private static boolean nameStart(char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean namePart(char c) {
    return nameStart(c) || (c >= '0' && c <= '9');
  }
}
