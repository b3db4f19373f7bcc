package io.kmodj.engine.modutils;

import io.kmodj.grammar.modulesconf.ShellWord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * modutils' {@code meta_expand}, made safe: turns the words of a directive into the words modutils
 * would have got. Text with no shell meta character is split as is; text whose only meta characters
 * are quotes loses one level of quoting; text whose only meta character is {@code =} stays literal;
 * text whose only meta characters are glob characters is matched against the file system (kmodj
 * sorts the matches; modutils did not); anything else went through {@code /bin/echo} in a shell:
 * here {@code $VAR}/{@code ${VAR}} come from {@code define} then the environment, and {@code `uname
 * -r`} (and {@code `kernelversion`}) are answered from the selected kernel version. Any other
 * command substitution runs only when allowed ({@code --allow-exec}); otherwise it is reported and
 * yields nothing.
 */
public final class WordExpander {
  private static final String GLOB = "[]?*";
  private static final String META = "&();|<>$`\"'\\!{}[]~=+:?*";

  private final Map<String, String> defines;
  private final String version;
  private final boolean allowExec;
  private final Consumer<String> warnings;
  private final ReadInputs inputs;

  /**
   * An expander.
   *
   * @param defines the defined variables (read live: a later define is seen)
   * @param version the kernel version {@code uname -r} answers
   * @param allowExec whether other command substitutions may run
   * @param warnings where a substitution that was not run is reported
   */
  public WordExpander(
      Map<String, String> defines, String version, boolean allowExec, Consumer<String> warnings) {
    this(defines, version, allowExec, warnings, ReadInputs.DIRECT);
  }

  WordExpander(
      Map<String, String> defines,
      String version,
      boolean allowExec,
      Consumer<String> warnings,
      ReadInputs inputs) {
    this.defines = Objects.requireNonNull(defines);
    this.version = Objects.requireNonNull(version);
    this.allowExec = allowExec;
    this.warnings = Objects.requireNonNull(warnings);
    this.inputs = Objects.requireNonNull(inputs);
  }

  /** Where files, directories and the environment are consulted. */
  ReadInputs inputs() {
    return inputs;
  }

  /**
   * Expands the words of one directive together, as modutils expanded the rest of its line.
   *
   * @param words the words as written
   * @return the resulting words, possibly none
   */
  public List<String> expand(List<ShellWord> words) {
    StringBuilder all = new StringBuilder();
    for (ShellWord w : words) {
      all.append(w.raw()).append(' ');
    }
    String text = all.toString();
    boolean meta = false;
    boolean onlyGlob = true;
    boolean onlyEquals = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (META.indexOf(c) < 0) {
        continue;
      }
      meta = true;
      onlyGlob &= GLOB.indexOf(c) >= 0;
      onlyEquals &= c == '=';
    }
    List<String> out = new ArrayList<>();
    for (ShellWord w : words) {
      if (!meta || onlyEquals) {
        out.add(w.raw());
      } else if (onlyGlob) {
        out.addAll(glob(w.raw(), inputs));
      } else {
        out.addAll(shell(w));
      }
    }
    return out;
  }

  /**
   * The first word of an expansion, or the empty string (what {@code if} operands, {@code define}
   * values and {@code persistdir=} use).
   *
   * @param words the words as written
   * @return the first resulting word
   */
  public String first(List<ShellWord> words) {
    List<String> w = expand(words);
    return w.isEmpty() ? "" : w.get(0);
  }

  /** Matches a pattern against the file system, sorted; no match leaves the pattern as is. */
  static List<String> glob(String pattern) {
    return glob(pattern, ReadInputs.DIRECT);
  }

  private static List<String> glob(String pattern, ReadInputs inputs) {
    if (!pattern.startsWith("/")) {
      return List.of(pattern);
    }
    List<String> dirs = List.of("/");
    for (String part : pattern.substring(1).split("/", -1)) {
      List<String> next = new ArrayList<>();
      for (String d : dirs) {
        String prefix = d.endsWith("/") ? d : d + "/";
        if (part.chars().noneMatch(c -> GLOB.indexOf(c) >= 0)) {
          if (inputs.exists(Path.of(prefix + part))) {
            next.add(prefix + part);
          }
          continue;
        }
        try {
          inputs.list(Path.of(d)).stream()
              .filter(n -> !n.startsWith(".") && io.kmodj.engine.index.Fnmatch.matches(part, n))
              .sorted()
              .forEach(n -> next.add(prefix + n));
        } catch (IOException e) {
          // an unreadable directory matches nothing, as glob(3) skips it
        }
      }
      dirs = next;
    }
    return dirs.isEmpty() ? List.of(pattern) : dirs;
  }

  /** The shell step: substitutions, then splitting of unquoted results. */
  private List<String> shell(ShellWord w) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean[] started = {false};
    for (ShellWord.Part p : w.parts()) {
      if (p instanceof ShellWord.Part.Literal l) {
        cur.append(l.text());
        started[0] = true;
      } else if (p instanceof ShellWord.Part.Quoted q) {
        cur.append(quoted(q));
        started[0] = true;
      } else {
        String value = value(p);
        String[] fields = value.split("[ \t\n]+", -1);
        for (int i = 0; i < fields.length; i++) {
          if (i > 0 && started[0]) {
            words.add(cur.toString());
            cur.setLength(0);
            started[0] = false;
          }
          if (!fields[i].isEmpty()) {
            cur.append(fields[i]);
            started[0] = true;
          }
        }
      }
    }
    if (started[0]) {
      words.add(cur.toString());
    }
    return words;
  }

  private String quoted(ShellWord.Part.Quoted q) {
    StringBuilder sb = new StringBuilder();
    for (ShellWord.Part p : q.parts()) {
      if (p instanceof ShellWord.Part.Literal l) {
        sb.append(l.text());
      } else if (p instanceof ShellWord.Part.Quoted inner) {
        sb.append(quoted(inner));
      } else {
        sb.append(value(p));
      }
    }
    return sb.toString();
  }

  private String value(ShellWord.Part p) {
    if (p instanceof ShellWord.Part.Variable v) {
      String value = defines.get(v.name());
      if (value == null) {
        value = inputs.getenv(v.name());
      }
      return value == null ? "" : value;
    }
    if (p instanceof ShellWord.Part.Substitution s) {
      return substitute(s.command());
    }
    return "";
  }

  /**
   * A command substitution: {@code uname -r} and {@code kernelversion} are modutils' built-ins,
   * answered without running anything; anything else runs only when allowed.
   *
   * @param command the command between the backquotes
   * @return its output without trailing newlines
   */
  String substitute(String command) {
    String c = command.strip();
    if (c.startsWith("uname -r")) {
      return version;
    }
    if (c.startsWith("kernelversion")) {
      int first = version.indexOf('.');
      int second = first < 0 ? -1 : version.indexOf('.', first + 1);
      return second < 0 ? version : version.substring(0, second);
    }
    if (!allowExec) {
      warnings.accept(
          "not running `"
              + c
              + "`: command substitution needs --allow-exec; using an empty result");
      return "";
    }
    inputs.running(c);
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", c).redirectErrorStream(false).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.replaceAll("\n+$", "");
    } catch (IOException e) {
      warnings.accept("cannot run `" + c + "`: " + e.getMessage());
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
