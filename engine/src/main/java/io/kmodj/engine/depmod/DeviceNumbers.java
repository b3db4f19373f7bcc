package io.kmodj.engine.depmod;

/** Reads {@code char-major-M-N} and {@code block-major-M-N} aliases as kmod's sscanf does. */
final class DeviceNumbers {
  private DeviceNumbers() {}

  /**
   * Scans {@code PREFIX%u-%u} like {@code sscanf}: anything may follow the numbers, and each number
   * may have blanks and a sign before it.
   *
   * @param s the alias
   * @param prefix {@code char-major-} or {@code block-major-}
   * @return {major, minor}, or null when the alias does not have that form
   */
  static long[] scan(String s, String prefix) {
    if (!s.startsWith(prefix)) {
      return null;
    }
    int[] at = {prefix.length()};
    Long major = unsigned(s, at);
    if (major == null || at[0] >= s.length() || s.charAt(at[0]) != '-') {
      return null;
    }
    at[0]++;
    Long minor = unsigned(s, at);
    if (minor == null) {
      return null;
    }
    return new long[] {major, minor};
  }

  // %u: optional blanks, optional sign, digits; the value wraps to 32 bits as an unsigned int
  private static Long unsigned(String s, int[] at) {
    int i = at[0];
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int start = i;
    long v = 0;
    boolean overflow = false;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      if (v > (Long.MAX_VALUE - 9) / 10) {
        overflow = true;
      } else {
        v = v * 10 + (s.charAt(i) - '0');
      }
      i++;
    }
    if (i == start) {
      return null;
    }
    at[0] = i;
    if (overflow) {
      return 0xffffffffL; // strtoul saturates; the int keeps its low bits
    }
    long value = negative ? -v : v;
    return value & 0xffffffffL;
  }
}
