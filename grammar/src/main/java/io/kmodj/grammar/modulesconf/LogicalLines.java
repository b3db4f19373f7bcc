package io.kmodj.grammar.modulesconf;

import java.util.Arrays;

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

  private final StringBuilder logical;

  /*
   * Where logical characters came from, as runs: run r covers logical characters from
   * runStart[r] up to the next run's start, the first of them at original offset runOrigin[r].
   * A run per piece of physical line, not an int per character: a 4 MB file stays small.
   */
  private int[] runStart = new int[64];
  private int[] runOrigin = new int[64];
  private int runs;

  /** The run last found: characters are mostly asked for in order. */
  private int hint;

  private int[] lastPhysicalLine = new int[64];
  private int lineCount;
  private final String joined;

  /**
   * Reads a whole text.
   *
   * @param text the file's text, {@code '\n'} ending lines ({@code '\r'} is a trailing blank)
   * @param marker told about comments and continuation backslashes
   */
  LogicalLines(String text, Marker marker) {
    int n = text.length();
    logical = new StringBuilder(n + 1);
    int pos = 0;
    int physical = 0;
    // the next '#' at or after pos, found once: a file without comments is not searched per line
    int nextHash = -1;
    boolean noMoreHashes = false;
    while (pos < n) {
      boolean continuing = false;
      while (true) {
        int eol = text.indexOf('\n', pos);
        if (eol < 0) {
          eol = n;
        }
        physical++;
        int end = eol;
        if (!noMoreHashes && nextHash < pos) {
          nextHash = text.indexOf('#', pos);
          noMoreHashes = nextHash < 0;
        }
        int hash = noMoreHashes ? -1 : nextHash;
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
        append(text, s, end);
        pos = eol < n ? eol + 1 : n;
        if (cont && pos < n) {
          continuing = true;
          continue;
        }
        append('\n', eol);
        if (lineCount == lastPhysicalLine.length) {
          lastPhysicalLine = Arrays.copyOf(lastPhysicalLine, lineCount * 2);
        }
        lastPhysicalLine[lineCount++] = physical;
        break;
      }
    }
    this.joined = logical.toString();
  }

  /** The logical lines, each ending with {@code '\n'}. */
  String text() {
    return joined;
  }

  /** The offset in the original text of logical character {@code i}. */
  int origin(int i) {
    int r = run(i);
    return runOrigin[r] + (i - runStart[r]);
  }

  /** The run holding logical character {@code i}. */
  int run(int i) {
    int h = hint;
    if (runStart[h] <= i && (h + 1 == runs || i < runStart[h + 1])) {
      return h;
    }
    if (h + 1 < runs && runStart[h + 1] <= i && (h + 2 == runs || i < runStart[h + 2])) {
      hint = h + 1;
      return h + 1;
    }
    int r = Arrays.binarySearch(runStart, 0, runs, i);
    r = r >= 0 ? r : -r - 2;
    hint = r;
    return r;
  }

  /** The logical offset just past run {@code r}. */
  int runEnd(int r) {
    return r + 1 < runs ? runStart[r + 1] : logical.length();
  }

  /** The original offset of the first character of run {@code r}. */
  int runOrigin(int r) {
    return runOrigin[r];
  }

  /** The logical offset of the first character of run {@code r}. */
  int runStart(int r) {
    return runStart[r];
  }

  /** The 1-based number of the last physical line of 1-based logical line {@code line}. */
  int lastPhysicalLine(int line) {
    return lastPhysicalLine[line - 1];
  }

  /** Appends characters {@code [start, end)} of {@code text}, each from where it stands. */
  private void append(String text, int start, int end) {
    if (start < end) {
      startRun(start);
      logical.append(text, start, end);
    }
  }

  private void append(char c, int from) {
    startRun(from);
    logical.append(c);
  }

  /** Starts a run at the next logical character, unless it continues the last one. */
  private void startRun(int from) {
    int i = logical.length();
    if (runs > 0 && runOrigin[runs - 1] + (i - runStart[runs - 1]) == from) {
      return;
    }
    if (runs == runStart.length) {
      runStart = Arrays.copyOf(runStart, runs * 2);
      runOrigin = Arrays.copyOf(runOrigin, runs * 2);
    }
    runStart[runs] = i;
    runOrigin[runs] = from;
    runs++;
  }

  /** C's isspace in the "C" locale. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }
}
