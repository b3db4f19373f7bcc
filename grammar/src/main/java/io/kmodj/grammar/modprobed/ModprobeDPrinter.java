package io.kmodj.grammar.modprobed;

import io.kmodj.grammar.text.Word;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints modprobe.d directives back as text that {@link ModprobeDSyntax} parses to the same
 * directives: one line each, backslashes escaped as kmod's reader expects.
 */
public final class ModprobeDPrinter {
  private ModprobeDPrinter() {}

  /**
   * Prints a whole file, one directive a line, each line ending with a newline.
   *
   * @param file the parsed file
   * @return the text
   */
  public static String print(ModprobeDFile file) {
    StringBuilder sb = new StringBuilder();
    for (Directive d : file.directives()) {
      sb.append(print(d)).append('\n');
    }
    return sb.toString();
  }

  /**
   * Prints one directive as a line without its newline.
   *
   * @param d the directive
   * @return the line
   */
  public static String print(Directive d) {
    return d.accept(LINE);
  }

  private static final Directive.Visitor<String> LINE =
      new Directive.Visitor<>() {
        @Override
        public String alias(Directive.Alias a) {
          return "alias " + esc(a.name()) + " " + esc(a.module());
        }

        @Override
        public String options(Directive.Options o) {
          return "options " + esc(o.name()) + " " + esc(o.options());
        }

        @Override
        public String install(Directive.Install i) {
          return "install " + esc(i.name()) + " " + esc(i.command());
        }

        @Override
        public String remove(Directive.Remove r) {
          return "remove " + esc(r.name()) + " " + esc(r.command());
        }

        @Override
        public String blacklist(Directive.Blacklist b) {
          return "blacklist " + esc(b.name());
        }

        @Override
        public String softdep(Directive.Softdep s) {
          return "softdep " + esc(s.name()) + " " + esc(s.text());
        }

        @Override
        public String weakdep(Directive.Weakdep w) {
          return "weakdep " + esc(w.name()) + words(w.modules());
        }
      };

  private static String words(List<Word> words) {
    return words.stream().map(w -> " " + esc(w)).collect(Collectors.joining());
  }

  /** Escapes what kmod's line reader would otherwise eat: a backslash keeps the next character. */
  private static String esc(Word w) {
    return w.text().replace("\\", "\\\\");
  }
}
