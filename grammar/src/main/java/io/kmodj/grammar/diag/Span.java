package io.kmodj.grammar.diag;

import java.util.Objects;

/**
 * Where a piece of configuration text lies: its file, 1-based line and column of its first
 * character, and the 0-based character offsets of its start (inclusive) and end (exclusive) in the
 * file's text.
 *
 * @param file the file name as the user gave it (never null; "-" for standard input)
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character
 * @param endLine 1-based line of the last character (differs from {@code line} for a line continued
 *     with a backslash)
 * @param start 0-based offset of the first character
 * @param end 0-based offset just past the last character
 */
public record Span(String file, int line, int column, int endLine, int start, int end) {
  public Span {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1 || endLine < line) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad offsets " + start + ".." + end);
    }
  }

  /** The position as {@code file:line:column}, the form editors and compilers print. */
  public String position() {
    return file + ":" + line + ":" + column;
  }

  /** A span covering this one and {@code other} (same file), starting where this one starts. */
  public Span to(Span other) {
    return new Span(
        file, line, column, Math.max(endLine, other.endLine), start, Math.max(end, other.end));
  }

  @Override
  public String toString() {
    return position();
  }
}
