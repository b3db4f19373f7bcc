package io.kmodj.engine.elf;

/**
 * Shell-pattern matching as glibc's {@code fnmatch(pattern, name, 0)}, which kmod uses for wildcard
 * aliases: {@code *}, {@code ?}, {@code [...]} with ranges and {@code !}/{@code ^} negation, and
 * backslash escapes.
 */
public final class Fnmatch {
  private Fnmatch() {}

  /**
   * Tells whether {@code name} matches {@code pattern}.
   *
   * @param pattern the pattern
   * @param name the text
   * @return true on a match
   */
  public static boolean matches(String pattern, String name) {
    return match(pattern, 0, name, 0);
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      char t = s.charAt(si);
      if (c == '?') {
        pi++;
      } else if (c == '[') {
        int end = bracketEnd(p, pi);
        if (end < 0) {
          // an unclosed bracket is an ordinary character
          if (t != '[') {
            return false;
          }
          pi++;
        } else {
          if (!inBracket(p, pi + 1, end, t)) {
            return false;
          }
          pi = end + 1;
        }
      } else {
        if (c == '\\' && pi + 1 < p.length()) {
          pi++;
          c = p.charAt(pi);
        }
        if (c != t) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length();
  }

  /** Returns the index of the ']' closing the bracket at {@code open}, or -1. */
  private static int bracketEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      i++;
    }
    if (i < p.length() && p.charAt(i) == ']') {
      i++; // a leading ']' is a member
    }
    while (i < p.length() && p.charAt(i) != ']') {
      i++;
    }
    return i < p.length() ? i : -1;
  }

  private static boolean inBracket(String p, int from, int end, char t) {
    boolean negate = p.charAt(from) == '!' || p.charAt(from) == '^';
    int i = negate ? from + 1 : from;
    boolean found = false;
    while (i < end) {
      char lo = p.charAt(i);
      if (i + 2 < end && p.charAt(i + 1) == '-') {
        char hi = p.charAt(i + 2);
        if (lo <= t && t <= hi) {
          found = true;
        }
        i += 3;
      } else {
        if (lo == t) {
          found = true;
        }
        i++;
      }
    }
    return found != negate;
  }
}
