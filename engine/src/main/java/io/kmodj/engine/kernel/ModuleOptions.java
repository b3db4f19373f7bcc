package io.kmodj.engine.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Module options as the kernel's {@code parse_args} splits them. */
final class ModuleOptions {
  private ModuleOptions() {}

  /**
   * Splits {@code a=1 b="x y" c} into parameters: blank-separated words, double quotes around a
   * value (or the whole word) kept out of it, a bare name meaning {@code Y} (a boolean set).
   *
   * @param options the option string
   * @return the parameters in order, later ones replacing earlier ones
   */
  static Map<String, String> parse(String options) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = options.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(options.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      while (i < n && (quoted || !Character.isWhitespace(options.charAt(i)))) {
        char c = options.charAt(i++);
        if (c == '"') {
          quoted = !quoted;
        } else {
          word.append(c);
        }
      }
      String w = word.toString();
      int eq = w.indexOf('=');
      if (eq < 0) {
        out.put(w, "Y");
      } else if (eq > 0) {
        out.put(w.substring(0, eq), w.substring(eq + 1));
      }
    }
    return out;
  }
}
