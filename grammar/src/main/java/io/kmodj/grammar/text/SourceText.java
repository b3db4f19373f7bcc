package io.kmodj.grammar.text;

import io.kmodj.grammar.diag.Span;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file's text with its line starts, turning character offsets into {@link Span}s. Not safe for
 * use by several threads at once (it remembers the last line found).
 */
public final class SourceText {
  private final String file;
  private final String text;
  private final int[] lineStarts;

  /** The line last found: spans are mostly asked for in file order, so look there first. */
  private int hint;

  /**
   * Indexes the lines of a text.
   *
   * @param file the file name to put in spans
   * @param text the whole text
   */
  public SourceText(String file, String text) {
    this.file = Objects.requireNonNull(file, "file");
    this.text = Objects.requireNonNull(text, "text");
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /** The file name. */
  public String file() {
    return file;
  }

  /** The text. */
  public String text() {
    return text;
  }

  /** Number of lines (a text ending with a newline has an empty last line that counts). */
  public int lineCount() {
    return lineStarts.length;
  }

  /** The 1-based line of a 0-based offset. */
  public int lineOf(int offset) {
    int h = hint;
    if (h < lineStarts.length && lineStarts[h] <= offset) {
      // the same line, or one of the next few
      for (int i = h; i < lineStarts.length && i < h + 4; i++) {
        if (i + 1 == lineStarts.length || offset < lineStarts[i + 1]) {
          hint = i;
          return i + 1;
        }
      }
    }
    int i = Arrays.binarySearch(lineStarts, offset);
    int line = i >= 0 ? i + 1 : -i - 1;
    hint = line - 1;
    return line;
  }

  /** The 0-based offset where a 1-based line starts. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /**
   * The span of characters {@code [start, end)}, clamped to the text.
   *
   * @param start first character
   * @param end just past the last character
   * @return the span, with line and column of {@code start} and the line of the last character
   */
  public Span span(int start, int end) {
    int s = Math.max(0, Math.min(start, text.length()));
    int e = Math.max(s, Math.min(end, text.length()));
    int line = lineOf(s);
    int column = s - lineStarts[line - 1] + 1;
    int endLine = e > s ? lineOf(e - 1) : line;
    return new Span(file, line, column, endLine, s, e);
  }
}
