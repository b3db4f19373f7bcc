package io.kmodj.gui.app;

import io.kmodj.grammar.modulesconf.Directive;
import io.kmodj.grammar.modulesconf.ModulesConfFile;
import io.kmodj.grammar.modulesconf.ModulesConfSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a modules.conf text {@code include}s, as the editor opens them: every {@code include}
 * line, in every branch of its {@code if} blocks (the user may want to read one modutils would not
 * take now), its first word as written. A relative path is taken from the including file's
 * directory (modutils takes it from its working directory, which for the desktop means nothing); a
 * word with an expansion ({@code $VAR}, a backquote) is left out, since only the loaded system can
 * tell what it names.
 */
final class Includes {
  private Includes() {}

  /**
   * The included files.
   *
   * @param file the including file
   * @param text its text
   * @return the files, in order, without repeats
   */
  static List<Path> of(Path file, String text) {
    ModulesConfFile parsed = ModulesConfSyntax.parse(file.toString(), text).value();
    Set<Path> out = new LinkedHashSet<>();
    collect(file.toAbsolutePath().getParent(), parsed.directives(), out);
    return List.copyOf(out);
  }

  private static void collect(Path dir, List<Directive> directives, Set<Path> out) {
    for (Directive d : directives) {
      if (d instanceof Directive.Include inc && !inc.words().isEmpty()) {
        String word = unquoted(inc.words().get(0).raw());
        if (!word.isEmpty() && word.indexOf('$') < 0 && word.indexOf('`') < 0) {
          Path p = Path.of(word);
          out.add((p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize());
        }
      } else if (d instanceof Directive.Conditional c) {
        for (Directive.Branch b : c.branches()) {
          collect(dir, b.body(), out);
        }
      }
    }
  }

  private static String unquoted(String raw) {
    if (raw.length() >= 2
        && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
        && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
      return raw.substring(1, raw.length() - 1);
    }
    return raw;
  }

  /**
   * The include path an offset is on, when its logical line is an {@code include}.
   *
   * @param file the including file
   * @param text its text
   * @param offset a character offset
   * @return the file named there
   */
  static java.util.Optional<Path> at(Path file, String text, int offset) {
    ModulesConfFile parsed = ModulesConfSyntax.parse(file.toString(), text).value();
    List<Directive.Include> found = new ArrayList<>();
    includes(parsed.directives(), found);
    Path dir = file.toAbsolutePath().getParent();
    for (Directive.Include inc : found) {
      if (inc.words().isEmpty()) {
        continue;
      }
      var w = inc.words().get(0);
      if (offset >= w.span().start() && offset <= w.span().end()) {
        Set<Path> named = new LinkedHashSet<>();
        collect(dir, List.of(inc), named);
        return named.stream().findFirst();
      }
    }
    return java.util.Optional.empty();
  }

  private static void includes(List<Directive> directives, List<Directive.Include> out) {
    for (Directive d : directives) {
      if (d instanceof Directive.Include inc) {
        out.add(inc);
      } else if (d instanceof Directive.Conditional c) {
        for (Directive.Branch b : c.branches()) {
          includes(b.body(), out);
        }
      }
    }
  }
}
