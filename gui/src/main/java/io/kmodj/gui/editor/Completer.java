package io.kmodj.gui.editor;

import io.kmodj.engine.check.DeclaredParameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be typed at the caret: directives at the start of a line; module names after a directive
 * that names a module; alias names where a name is looked up; for {@code options MODULE} the
 * module's declared parameters, and after {@code NAME=} the values its type allows (and those the
 * system's configuration gives it, {@link EditorContext#values}); {@code pre:}/{@code post:} in
 * softdep lines. Plain Java, safe on any thread.
 */
public final class Completer {
  /** At most this many candidates are offered. */
  public static final int LIMIT = 200;

  /**
   * One candidate.
   *
   * @param replaceFrom where the text it replaces starts (the word typed so far)
   * @param replaceTo where it ends (the caret)
   * @param text what to put there
   * @param detail what it is (a parameter's type and description, "module", "alias", ...)
   */
  public record Completion(int replaceFrom, int replaceTo, String text, String detail) {
    /** Checks the parts. */
    public Completion {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private static final Pattern ALIAS =
      Pattern.compile("^[ \\t]*alias[ \\t]+(\\S+)", Pattern.MULTILINE);

  private final EditorContext context;
  private final Set<String> directives;

  /**
   * Completes against a system.
   *
   * @param context the loaded system's names and parameters
   * @param directives the directive words offered at the start of a line (those of the file's
   *     dialect, {@link Directives#of})
   */
  public Completer(EditorContext context, Set<String> directives) {
    this.context = Objects.requireNonNull(context, "context");
    this.directives = new TreeSet<>(directives);
  }

  /**
   * The candidates at a caret.
   *
   * @param text the whole text
   * @param caret the caret offset
   * @return the candidates starting with the word before the caret, in a useful order
   */
  public List<Completion> complete(String text, int caret) {
    int lineStart = IncrementalStyler.logicalLineStart(text, caret);
    String before = text.substring(lineStart, caret).replace("\\\n", " ");
    if (before.stripLeading().startsWith("#")) {
      return List.of();
    }
    int wordStart = before.length();
    while (wordStart > 0 && !Character.isWhitespace(before.charAt(wordStart - 1))) {
      wordStart--;
    }
    String prefix = before.substring(wordStart);
    int from = caret - prefix.length();
    List<String> words = List.of(before.substring(0, wordStart).trim().split("[ \t]+"));
    if (words.size() == 1 && words.get(0).isEmpty()) {
      words = List.of();
    }
    List<String> aliases = aliases(text, lineStart);
    List<Completion> out = new ArrayList<>();
    if (words.isEmpty()) {
      for (String d : directives) {
        add(out, from, caret, prefix, d, "directive");
      }
      return out;
    }
    String directive = words.get(0).toLowerCase(Locale.ROOT);
    int index = words.size();
    switch (directive) {
      case "options" -> {
        // modutils' "options -k MODULE" marks the module for autoclean
        int module = words.size() > 1 && words.get(1).equals("-k") ? 2 : 1;
        if (index == module) {
          names(out, aliases, from, caret, prefix, true);
        } else if (index > module) {
          parameters(out, from, caret, prefix, words.get(module));
        }
      }
      case "alias" -> {
        if (index == 1) {
          for (String a : aliases) {
            add(out, from, caret, prefix, a, "alias");
          }
        } else if (index == 2) {
          names(out, aliases, from, caret, prefix, false);
          add(out, from, caret, prefix, "off", "loads nothing and fails (modutils)");
          add(out, from, caret, prefix, "null", "loads nothing and succeeds (modutils)");
        }
      }
      case "softdep" -> {
        if (index >= 2) {
          add(out, from, caret, prefix, "pre:", "load before");
          add(out, from, caret, prefix, "post:", "load after");
        }
        names(out, aliases, from, caret, prefix, index == 1);
      }
      case "blacklist",
          "install",
          "remove",
          "pre-install",
          "post-install",
          "pre-remove",
          "post-remove",
          "prune" -> {
        if (index == 1) {
          names(out, aliases, from, caret, prefix, true);
        }
      }
      case "weakdep", "probe", "probeall", "above", "below" ->
          names(out, aliases, from, caret, prefix, true);
      default -> {
        // no completion for commands, paths and expressions
      }
    }
    return out;
  }

  /** The alias names of the system and those the text defines, but the one on the caret's line. */
  private List<String> aliases(String text, int lineStart) {
    Set<String> names = new LinkedHashSet<>(context.aliasNames());
    Matcher m = ALIAS.matcher(text);
    while (m.find()) {
      if (m.start() != lineStart) {
        names.add(m.group(1));
      }
    }
    return List.copyOf(names);
  }

  private void names(
      List<Completion> out,
      List<String> aliasNames,
      int from,
      int caret,
      String prefix,
      boolean aliases) {
    if (aliases) {
      for (String a : aliasNames) {
        add(out, from, caret, prefix, a, "alias");
      }
    }
    for (String m : context.moduleNames()) {
      add(out, from, caret, prefix, m, "module");
    }
  }

  private void parameters(List<Completion> out, int from, int caret, String prefix, String module) {
    List<Parameter> ps = context.parameters(module).orElse(List.of());
    int eq = prefix.indexOf('=');
    if (eq < 0) {
      for (Parameter p : ps) {
        add(out, from, caret, prefix, p.name() + "=", describe(p));
      }
      return;
    }
    String name = prefix.substring(0, eq);
    for (Parameter p : ps) {
      if (!p.name().equals(name)) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>(values(p));
      values.addAll(context.values(module, name));
      for (String v : values) {
        add(out, from, caret, prefix, name + "=" + v, describe(p));
      }
    }
  }

  /** The values a parameter's type suggests: booleans have them; other types none to offer. */
  static List<String> values(Parameter p) {
    if (p.isBoolean()) {
      return List.of("1", "0", "Y", "N", "on", "off");
    }
    return List.of();
  }

  private static String describe(Parameter p) {
    String type = p.type().isEmpty() ? "" : "(" + p.type() + ") ";
    return type + p.description();
  }

  private static void add(
      List<Completion> out, int from, int caret, String prefix, String text, String detail) {
    if (out.size() < LIMIT && text.startsWith(prefix) && !text.equals(prefix)) {
      out.add(new Completion(from, caret, text, detail));
    }
  }
}
