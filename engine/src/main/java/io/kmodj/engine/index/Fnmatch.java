package io.kmodj.engine.index;

/**
 * Shell wildcard matching as glibc's {@code fnmatch(pattern, string, 0)}, which kmod uses for
 * aliases, install commands and softdeps: {@code *}, {@code ?}, bracket expressions with ranges,
 * negation ({@code !} or {@code ^}) and character classes, and a backslash quoting the next
 * character. With flags 0, {@code /} and a leading {@code .} are ordinary characters.
 */
public final class Fnmatch {
  private Fnmatch() {}

  /**
   * Tells whether a string matches a pattern.
   *
   * @param pattern the shell pattern
   * @param string the string to test
   * @return true when the whole string matches
   */
  public static boolean matches(String pattern, String string) {
    return match(pattern, 0, string, 0);
  }

  /**
   * Tells whether the rest of a string matches the rest of a pattern.
   *
   * @param pattern the shell pattern
   * @param from where the pattern's rest starts
   * @param string the string to test
   * @param at where the string's rest starts
   * @return true when the string's rest matches the pattern's rest
   */
  static boolean matches(String pattern, int from, String string, int at) {
    return match(pattern, from, string, at);
  }

  /** Whether a pattern has a wildcard character, that is, may match more than itself. */
  public static boolean isPattern(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  private static boolean match(String p, int pi, String s, int si) {
    // the last star seen and where the string stood then, for backtracking
    int starP = -1;
    int starS = -1;
    while (true) {
      if (pi < p.length()) {
        char c = p.charAt(pi);
        if (c == '*') {
          while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
          }
          if (pi == p.length()) {
            return true;
          }
          starP = pi;
          starS = si;
          continue;
        }
        if (si < s.length()) {
          int next = single(p, pi, s.charAt(si));
          if (next >= 0) {
            pi = next;
            si++;
            continue;
          }
        }
      } else if (si == s.length()) {
        return true;
      }
      // mismatch: let the last star swallow one more character
      if (starP < 0 || starS >= s.length()) {
        return false;
      }
      starS++;
      si = starS;
      pi = starP;
    }
  }

  /**
   * Matches one pattern element at {@code pi} against one character.
   *
   * @return the index after the element, or -1 when it does not match
   */
  private static int single(String p, int pi, char ch) {
    char c = p.charAt(pi);
    if (c == '?') {
      return pi + 1;
    }
    if (c == '\\') {
      // glibc: a trailing backslash matches nothing
      if (pi + 1 >= p.length()) {
        return -1;
      }
      return p.charAt(pi + 1) == ch ? pi + 2 : -1;
    }
    if (c == '[') {
      int end = bracketEnd(p, pi);
      if (end < 0) {
        // no closing bracket: '[' is an ordinary character
        return ch == '[' ? pi + 1 : -1;
      }
      return bracket(p, pi + 1, end, ch) ? end + 1 : -1;
    }
    return c == ch ? pi + 1 : -1;
  }

  /** The index of the ']' closing the bracket expression at {@code open}, or -1. */
  private static int bracketEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      i++;
    }
    // a ']' first in the set is a member
    if (i < p.length() && p.charAt(i) == ']') {
      i++;
    }
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']') {
        return i;
      }
      if (c == '\\' && i + 1 < p.length()) {
        i += 2;
        continue;
      }
      if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
        int close = p.indexOf(":]", i + 2);
        if (close >= 0) {
          i = close + 2;
          continue;
        }
      }
      i++;
    }
    return -1;
  }

  private static boolean bracket(String p, int from, int end, char ch) {
    int i = from;
    boolean negate = false;
    if (p.charAt(i) == '!' || p.charAt(i) == '^') {
      negate = true;
      i++;
    }
    boolean found = false;
    boolean first = true;
    while (i < end || (first && i == end && p.charAt(i) == ']')) {
      char c = p.charAt(i);
      if (c == '[' && i + 1 < end && p.charAt(i + 1) == ':') {
        int close = p.indexOf(":]", i + 2);
        if (close >= 0 && close < end) {
          if (inClass(p.substring(i + 2, close), ch)) {
            found = true;
          }
          i = close + 2;
          first = false;
          continue;
        }
      }
      char lo = c;
      if (c == '\\' && i + 1 < end) {
        i++;
        lo = p.charAt(i);
      }
      i++;
      first = false;
      if (i + 1 < end && p.charAt(i) == '-') {
        char hi = p.charAt(i + 1);
        int skip = 2;
        if (hi == '\\' && i + 2 < end) {
          hi = p.charAt(i + 2);
          skip = 3;
        }
        if (lo <= ch && ch <= hi) {
          found = true;
        }
        i += skip;
      } else if (lo == ch) {
        found = true;
      }
    }
    return found != negate;
  }

  private static boolean inClass(String name, char c) {
    return switch (name) {
      case "alnum" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      case "alpha" -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      case "digit" -> c >= '0' && c <= '9';
      case "lower" -> c >= 'a' && c <= 'z';
      case "upper" -> c >= 'A' && c <= 'Z';
      case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
      case "blank" -> c == ' ' || c == '\t';
      case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
      case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      case "cntrl" -> c < 32 || c == 127;
      case "print" -> c >= 32 && c < 127;
      case "graph" -> c > 32 && c < 127;
      default -> false;
    };
  }
}
