package io.kmodj.engine.params;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.modprobed.ModprobeDSyntax;
import io.kmodj.grammar.modulesconf.Directive;
import io.kmodj.grammar.modulesconf.ModulesConfSyntax;
import io.kmodj.grammar.modulesconf.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rewrites the {@code options} lines of one module in a configuration text to set, change or remove
 * one {@code param=value}, touching nothing else: the answer is one {@link TextEdit} (the smallest
 * range that changed), so an editor applies it as one undoable change.
 *
 * <p>Which lines count follows the dialect. kmod (modprobe.d) joins every {@code options} line of
 * the module (names compared with {@code -} and {@code _} alike), so a value already written is
 * changed where it was last written and a new one is added to the module's last line. modutils
 * (modules.conf) keeps only the last {@code options NAME} line, plus the {@code add options} lines
 * after it, so only those are edited. With no options line for the module, one is added at the end
 * of the text. Removing a value removes every word setting it in those lines; a kmod line left with
 * no option is removed whole (kmod rejects {@code options NAME} alone), as is a modutils line when
 * it was the module's only one.
 */
public final class OptionsRewriter {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  private static final Pattern PLAIN = Pattern.compile("[^\\s\"'\\\\$`#]*");

  private OptionsRewriter() {}

  /**
   * One replacement in a text.
   *
   * @param start the first character replaced (0-based)
   * @param end just past the last character replaced
   * @param replacement what stands there afterwards
   */
  public record TextEdit(int start, int end, String replacement) {
    public TextEdit {
      Objects.requireNonNull(replacement);
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad range " + start + ".." + end);
      }
    }

    /**
     * The text with this edit made.
     *
     * @param text the text it was computed for
     * @return the new text
     */
    public String apply(String text) {
      return text.substring(0, start) + replacement + text.substring(end);
    }
  }

  /** A word of an options line: where it stands and the parameter it sets. */
  private record Word(int start, int end, String param) {}

  /**
   * An options line of the module.
   *
   * @param nameEnd just past the module name
   * @param words its option words
   * @param start where the directive starts
   * @param end where it ends
   * @param add whether it is a modutils {@code add options} line
   * @param origin where it is written
   * @param options its options as the dialect reads them (modutils words unexpanded)
   */
  private record Line(
      int nameEnd,
      List<Word> words,
      int start,
      int end,
      boolean add,
      Origin origin,
      String options) {}

  /**
   * The options lines of a module in a text that take effect, in order.
   *
   * @param dialect the text's dialect
   * @param file the file name to report
   * @param text the text
   * @param module the module
   * @return the lines
   */
  static List<ParameterReport.ConfiguredLine> lines(
      Dialect dialect, String file, String text, String module) {
    List<Line> all =
        dialect == Dialect.KMOD ? kmodLines(file, text, module) : modutilsLines(file, text, module);
    List<ParameterReport.ConfiguredLine> out = new ArrayList<>();
    for (Line l : dialect == Dialect.KMOD ? all : effective(all)) {
      out.add(new ParameterReport.ConfiguredLine(l.origin(), l.options()));
    }
    return out;
  }

  /**
   * The edit that sets (or removes) a parameter of a module.
   *
   * @param dialect the text's dialect
   * @param text the configuration text
   * @param module the module
   * @param param the parameter
   * @param value the value to set; empty to remove the parameter
   * @return the edit, or empty when the text already says so
   * @throws IllegalArgumentException when the module, parameter or value cannot be written in an
   *     options line (the message says why)
   */
  public static Optional<TextEdit> set(
      Dialect dialect, String text, String module, String param, Optional<String> value) {
    Objects.requireNonNull(dialect);
    Objects.requireNonNull(text);
    if (!NAME.matcher(module).matches()) {
      throw new IllegalArgumentException("'" + module + "' is not a module name");
    }
    if (!NAME.matcher(param).matches() || param.contains(".")) {
      throw new IllegalArgumentException("'" + param + "' is not a parameter name");
    }
    Optional<String> word = value.map(v -> param + "=" + quote(dialect, v));
    String after = rewrite(dialect, text, module, param, word);
    return diff(text, after);
  }

  /**
   * The text with a parameter set or removed, as {@link #set} computes it.
   *
   * @param dialect the text's dialect
   * @param text the configuration text
   * @param module the module
   * @param param the parameter
   * @param value the value; empty to remove it
   * @return the new text
   */
  public static String apply(
      Dialect dialect, String text, String module, String param, Optional<String> value) {
    return set(dialect, text, module, param, value).map(e -> e.apply(text)).orElse(text);
  }

  private static String quote(Dialect dialect, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' || c == 0x7f) {
        throw new IllegalArgumentException("a value cannot hold control characters");
      }
      if (c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "a value cannot hold " + c + " in an options line (the kernel has no escape for it)");
      }
      if (dialect == Dialect.MODUTILS && (c == '$' || c == '`')) {
        throw new IllegalArgumentException(
            "a value cannot hold " + c + " in modules.conf (modutils would expand it)");
      }
    }
    return PLAIN.matcher(value).matches() && !value.isEmpty() ? value : '"' + value + '"';
  }

  private static String rewrite(
      Dialect dialect, String text, String module, String param, Optional<String> word) {
    List<Line> all =
        dialect == Dialect.KMOD ? kmodLines("-", text, module) : modutilsLines("-", text, module);
    List<Line> lines = dialect == Dialect.KMOD ? all : effective(all);
    boolean kmod = dialect == Dialect.KMOD;
    StringBuilder out = new StringBuilder(text);
    if (word.isPresent()) {
      Word last = null;
      for (Line l : lines) {
        for (Word w : l.words()) {
          if (same(kmod, w.param(), param)) {
            last = w;
          }
        }
      }
      if (last != null) {
        out.replace(last.start(), last.end(), word.get());
      } else if (!lines.isEmpty()) {
        Line l = lines.get(lines.size() - 1);
        int at = l.words().isEmpty() ? l.nameEnd() : l.words().get(l.words().size() - 1).end();
        out.insert(at, " " + word.get());
      } else {
        String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        out.append(sep).append("options ").append(module).append(' ').append(word.get());
        out.append('\n');
      }
      return out.toString();
    }
    // removal, from the end so earlier offsets stay right
    for (int li = lines.size() - 1; li >= 0; li--) {
      Line l = lines.get(li);
      List<Word> kept = new ArrayList<>();
      List<Word> gone = new ArrayList<>();
      for (Word w : l.words()) {
        (same(kmod, w.param(), param) ? gone : kept).add(w);
      }
      if (gone.isEmpty()) {
        continue;
      }
      if (kept.isEmpty() && (kmod || all.size() == 1)) {
        int[] whole = wholeLines(text, l.start(), l.end());
        if (whole != null) {
          out.delete(whole[0], whole[1]);
          continue;
        }
      }
      for (int wi = l.words().size() - 1; wi >= 0; wi--) {
        Word w = l.words().get(wi);
        if (!gone.contains(w)) {
          continue;
        }
        int from = w.start();
        while (from > 0 && isBlank(text.charAt(from - 1)) && from > l.nameEnd()) {
          from--;
        }
        out.delete(from, w.end());
      }
    }
    return out.toString();
  }

  /** modutils: the last plain {@code options} line and the {@code add options} lines after it. */
  private static List<Line> effective(List<Line> all) {
    List<Line> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).add()) {
        from = i;
      }
    }
    for (int i = from; i < all.size(); i++) {
      out.add(all.get(i));
    }
    return out;
  }

  /** The physical lines a directive fills, newline included, when nothing else is on them. */
  private static int[] wholeLines(String text, int start, int end) {
    int s = start;
    while (s > 0 && text.charAt(s - 1) != '\n') {
      if (!isBlank(text.charAt(s - 1))) {
        return null;
      }
      s--;
    }
    int e = end;
    while (e < text.length() && text.charAt(e) != '\n') {
      if (!isBlank(text.charAt(e)) && text.charAt(e) != '\r') {
        return null;
      }
      e++;
    }
    if (e < text.length()) {
      e++;
    }
    return new int[] {s, e};
  }

  private static boolean same(boolean kmod, String a, String b) {
    // the kernel's parameq: '-' and '_' are the same in parameter names
    return kmod ? a.replace('-', '_').equals(b.replace('-', '_')) : a.equals(b);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static List<Line> kmodLines(String file, String text, String module) {
    String wanted = ModuleNames.normalizeModuleName(module);
    List<Line> lines = new ArrayList<>();
    for (var d : ModprobeDSyntax.parse(file, text).value().directives()) {
      if (d instanceof io.kmodj.grammar.modprobed.Directive.Options o
          && ModuleNames.normalizeModuleName(o.name().text()).equals(wanted)) {
        lines.add(
            new Line(
                o.name().span().end(),
                words(text, o.options().span().start(), o.options().span().end()),
                o.span().start(),
                o.span().end(),
                false,
                new Origin(file, o.span().endLine()),
                o.options().text()));
      }
    }
    return lines;
  }

  /** Splits raw options text as the kernel does: at blanks outside double quotes. */
  private static List<Word> words(String text, int start, int end) {
    List<Word> words = new ArrayList<>();
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || continuation(text, i, end)) {
        i += continuation(text, i, end) ? 2 : 1;
        continue;
      }
      int s = i;
      boolean quoted = false;
      StringBuilder name = new StringBuilder();
      boolean inName = true;
      while (i < end) {
        char ch = text.charAt(i);
        if (continuation(text, i, end)) {
          i += 2;
          continue;
        }
        if (!quoted && Character.isWhitespace(ch)) {
          break;
        }
        if (ch == '"') {
          quoted = !quoted;
        } else if (ch == '=') {
          inName = false;
        } else if (inName) {
          name.append(ch);
        }
        i++;
      }
      words.add(new Word(s, i, name.toString()));
    }
    return words;
  }

  private static boolean continuation(String text, int i, int end) {
    return text.charAt(i) == '\\' && i + 1 < end && text.charAt(i + 1) == '\n';
  }

  private static List<Line> modutilsLines(String file, String text, String module) {
    List<Line> lines = new ArrayList<>();
    collect(file, ModulesConfSyntax.parse(file, text).value().directives(), module, lines);
    return lines;
  }

  private static void collect(
      String file, List<Directive> directives, String module, List<Line> into) {
    for (Directive d : directives) {
      if (d instanceof Directive.Conditional c) {
        for (Directive.Branch b : c.branches()) {
          collect(file, b.body(), module, into);
        }
      } else if (d instanceof Directive.Options o && o.name().raw().equals(module)) {
        List<Word> words = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (ShellWord v : o.values()) {
          raw.add(v.raw());
          String bare = v.raw().replace("\"", "").replace("'", "");
          int eq = bare.indexOf('=');
          words.add(
              new Word(v.span().start(), v.span().end(), eq < 0 ? bare : bare.substring(0, eq)));
        }
        into.add(
            new Line(
                o.name().span().end(),
                words,
                o.span().start(),
                o.span().end(),
                o.add(),
                new Origin(file, o.span().line()),
                String.join(" ", raw)));
      }
    }
  }

  private static Optional<TextEdit> diff(String before, String after) {
    if (before.equals(after)) {
      return Optional.empty();
    }
    int p = 0;
    int max = Math.min(before.length(), after.length());
    while (p < max && before.charAt(p) == after.charAt(p)) {
      p++;
    }
    int s = 0;
    while (s < max - p
        && before.charAt(before.length() - 1 - s) == after.charAt(after.length() - 1 - s)) {
      s++;
    }
    return Optional.of(
        new TextEdit(p, before.length() - s, after.substring(p, after.length() - s)));
  }
}
