package io.kmodj.grammar.modulesconf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the physical lines of a modules.conf into the logical lines modutils' reader hands to its
 * parser (modules-conf-reference.md 2.1), remembering where each character came from.
 *
 * <p>For each physical line: the text from the first {@code #} on is a comment (quotes do not
 * protect it, modutils24 README); trailing blanks go; a line ending in a single backslash is
 * continued by the next one, whose leading blanks shrink to one space (or to nothing when it has
 * none); a line ending in two backslashes ends there with one backslash. Every logical line ends
 * with {@code '\n'} in {@link #text()}.
 */
final class LogicalLines {
  /** Receives the classification of characters that never reach the grammar. */
  interface Marker {
    /** Comment text {@code [start, end)}. */
    void comment(int start, int end);

    /** A backslash at {@code offset} that joins the next line. */
    void continuation(int offset);
  }

  private final StringBuilder logical = new StringBuilder();
  private int[] origin = new int[64];
  private final List<Integer> lastPhysicalLine = new ArrayList<>();

  /**
   * Reads a whole text.
   *
   * @param text the file's text, {@code '\n'} ending lines ({@code '\r'} is a trailing blank)
   * @param marker told about comments and continuation backslashes
   */
  LogicalLines(String text, Marker marker) {
    int n = text.length();
    int pos = 0;
    int physical = 0;
    while (pos < n) {
      boolean continuing = false;
      while (true) {
        int eol = text.indexOf('\n', pos);
        if (eol < 0) {
          eol = n;
        }
        physical++;
        int end = eol;
        int hash = text.indexOf('#', pos);
        if (hash >= 0 && hash < end) {
          marker.comment(hash, end);
          end = hash;
        }
        while (end > pos && isSpace(text.charAt(end - 1))) {
          end--;
        }
        int s = pos;
        if (continuing) {
          // two or more leading blanks become one space, one stays a space, none glues
          int w = s;
          while (w < end && isSpace(text.charAt(w))) {
            w++;
          }
          if (w > s) {
            append(' ', s);
            s = w;
          }
        }
        boolean cont = false;
        if (end > s && text.charAt(end - 1) == '\\') {
          if (end - 1 > s && text.charAt(end - 2) == '\\') {
            end--; // "\\" at the end: one backslash, the line ends here
          } else {
            cont = true;
            end--;
            marker.continuation(end);
          }
        }
        for (int i = s; i < end; i++) {
          append(text.charAt(i), i);
        }
        pos = eol < n ? eol + 1 : n;
        if (cont && pos < n) {
          continuing = true;
          continue;
        }
        append('\n', eol);
        lastPhysicalLine.add(physical);
        break;
      }
    }
  }

  /** The logical lines, each ending with {@code '\n'}. */
  String text() {
    return logical.toString();
  }

  /** The offset in the original text of logical character {@code i}. */
  int origin(int i) {
    return origin[i];
  }

  /** The 1-based number of the last physical line of 1-based logical line {@code line}. */
  int lastPhysicalLine(int line) {
    return lastPhysicalLine.get(line - 1);
  }

  private void append(char c, int from) {
    int i = logical.length();
    if (i == origin.length) {
      origin = Arrays.copyOf(origin, i * 2);
    }
    origin[i] = from;
    logical.append(c);
  }

  /** C's isspace in the "C" locale. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }
}
