package io.kmodj.engine.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a {@code softdep} line as kmod 30's {@code kmod_config_add_softdep} does, and
 * words it back as {@code modprobe -c} prints it.
 *
 * <p>Quirks kept: words before {@code pre:} or {@code post:} are dropped (depmod's old {@code
 * softdep cifs gcm} lines contribute nothing, case c03); a text starting with exactly one blank
 * glues it to the first word, so that word is never a keyword; the dump spans from the first to the
 * last word of each list, so {@code pre: a post: b} prints as {@code pre: apost: b} (case c05).
 */
public final class SoftdepLine {
  private final List<String> pre = new ArrayList<>();
  private final List<String> post = new ArrayList<>();
  private final String shown;

  /**
   * Parses the text after the module name.
   *
   * @param text the rest of the line, verbatim
   */
  public SoftdepLine(String text) {
    // every listed word in order, and for each whether it went to pre
    List<String> words = new ArrayList<>();
    List<Boolean> isPre = new ArrayList<>();
    int mode = 0; // 0 none, 1 pre, 2 post
    int p = 0;
    boolean wasSpace = false;
    for (int s = 0; ; s++) {
      boolean end = s >= text.length();
      if (!end) {
        char c = text.charAt(s);
        if (!isSpace(c)) {
          wasSpace = false;
          continue;
        }
        if (wasSpace) {
          p = s + 1;
          continue;
        }
        wasSpace = true;
        if (p >= s) {
          continue;
        }
      }
      String word = text.substring(Math.min(p, s), s);
      if (word.equals("pre:")) {
        mode = 1;
      } else if (word.equals("post:")) {
        mode = 2;
      } else if ((!end || !wasSpace) && mode != 0) {
        words.add(word);
        isPre.add(mode == 1);
        (mode == 1 ? pre : post).add(word);
      }
      p = s + 1;
      if (end) {
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    span(sb, "pre: ", words, isPre, true);
    span(sb, "post: ", words, isPre, false);
    this.shown = sb.toString();
  }

  private static void span(
      StringBuilder sb, String label, List<String> words, List<Boolean> isPre, boolean which) {
    int first = isPre.indexOf(which);
    int last = isPre.lastIndexOf(which);
    if (first < 0) {
      return;
    }
    sb.append(label).append(String.join(" ", words.subList(first, last + 1)));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** The names to load before the module. */
  public List<String> pre() {
    return List.copyOf(pre);
  }

  /** The names to load after the module. */
  public List<String> post() {
    return List.copyOf(post);
  }

  /** What {@code modprobe -c} prints after {@code softdep NAME }. */
  public String shown() {
    return shown;
  }
}
