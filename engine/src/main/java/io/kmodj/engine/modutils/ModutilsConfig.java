package io.kmodj.engine.modutils;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigMessage;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.grammar.diag.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective modules.conf configuration, built-in defaults first: what modutils keeps in its
 * tables after {@code config_read}. Lists keep the order of first definition (a later line of the
 * same name replaces in place); {@link ModulesConfReader} fills it, readers only look.
 */
public final class ModutilsConfig {
  /** A named word list: an alias target, options, a probe or above/below list. */
  public record Named(String name, List<String> words, boolean autoclean) {
    public Named {
      Objects.requireNonNull(name);
      words = List.copyOf(words);
    }
  }

  /** The six hook kinds, in the order modprobe -c names them. */
  public enum HookKind {
    PRE_INSTALL("pre-install"),
    INSTALL("install"),
    POST_INSTALL("post-install"),
    PRE_REMOVE("pre-remove"),
    REMOVE("remove"),
    POST_REMOVE("post-remove");

    private final String keyword;

    HookKind(String keyword) {
      this.keyword = keyword;
    }

    /** The directive's keyword. */
    public String keyword() {
      return keyword;
    }
  }

  /** A hook line: every one is kept, the first of a kind and name wins. */
  public record Hook(HookKind kind, String name, String command) {
    public Hook {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(name);
      Objects.requireNonNull(command);
    }
  }

  /** A module search directory and its tag. */
  public record PathEntry(String tag, String directory) {
    public PathEntry {
      Objects.requireNonNull(tag);
      Objects.requireNonNull(directory);
    }
  }

  /**
   * A problem found while reading, with its place: what {@code kmodj check} reports.
   *
   * @param origin the file and line (line 0 when the file as a whole is meant)
   * @param severity how bad
   * @param code a stable identifier ({@code invalid-line}, {@code unknown-variable}, {@code
   *     include-loop}, ...)
   * @param message the message, one line
   */
  public record Problem(Origin origin, Severity severity, String code, String message) {
    public Problem {
      Objects.requireNonNull(origin);
      Objects.requireNonNull(severity);
      Objects.requireNonNull(code);
      Objects.requireNonNull(message);
    }
  }

  /**
   * An options line that a later plain {@code options} line for the same name replaced: modutils
   * keeps only the last plain line and the {@code add options} lines after it (conformance record
   * 06). Only lines that applied count (those in {@code if} branches taken), across included files.
   *
   * @param name the module or alias name, as written
   * @param replaced where the replaced line is
   * @param add whether the replaced line was an {@code add options} line
   * @param noAutoclean whether the replaced line had {@code -k} (which sticks even so)
   * @param words the replaced line's words, expanded
   * @param by where the replacing plain {@code options} line is
   */
  public record OptionsReplaced(
      String name,
      Origin replaced,
      boolean add,
      boolean noAutoclean,
      List<String> words,
      Origin by) {
    public OptionsReplaced {
      Objects.requireNonNull(name);
      Objects.requireNonNull(replaced);
      words = List.copyOf(words);
      Objects.requireNonNull(by);
    }
  }

  /** The generated files, in modutils' order (depfile last). */
  public static final List<String> GENERATED =
      List.of(
          "generic_string",
          "pcimap",
          "isapnpmap",
          "usbmap",
          "parportmap",
          "ieee1394map",
          "pnpbiosmap",
          "dep");

  final List<PathEntry> paths = new ArrayList<>();
  final List<String> prune = new ArrayList<>();
  final Map<String, Named> above = new LinkedHashMap<>();
  final Map<String, Named> below = new LinkedHashMap<>();
  final Map<String, Named> aliases = new LinkedHashMap<>();
  final Map<String, Named> options = new LinkedHashMap<>();
  final Map<String, Named> probes = new LinkedHashMap<>();
  final Map<String, Named> probealls = new LinkedHashMap<>();
  final List<Hook> hooks = new ArrayList<>();
  final List<OptionsReplaced> optionsReplaced = new ArrayList<>();
  final Map<String, String> generated = new LinkedHashMap<>();
  final Map<String, String> environment = new LinkedHashMap<>();
  String persistdir = "";
  Optional<String> insmodOpt = Optional.empty();
  final List<String> errors = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();
  final Map<String, Origin> origins = new HashMap<>();
  long newestConfigMillis;
  String lastConfigFile = "";

  ModutilsConfig() {
    for (String g : GENERATED) {
      generated.put(g, "");
    }
  }

  /** Module search directories in order. */
  public List<PathEntry> paths() {
    return Collections.unmodifiableList(paths);
  }

  /** Names directory walks skip. */
  public List<String> prune() {
    return Collections.unmodifiableList(prune);
  }

  /** {@code above NAME MODULES}: loaded after NAME. */
  public Map<String, Named> above() {
    return Collections.unmodifiableMap(above);
  }

  /** {@code below NAME MODULES}: loaded before NAME. */
  public Map<String, Named> below() {
    return Collections.unmodifiableMap(below);
  }

  /** Aliases; an empty word list is an alias with no target (it cancels a default). */
  public Map<String, Named> aliases() {
    return Collections.unmodifiableMap(aliases);
  }

  /** Options by module or alias name; {@code autoclean} false after {@code options -k}. */
  public Map<String, Named> options() {
    return Collections.unmodifiableMap(options);
  }

  /** Options lines a later plain options line replaced, in reading order of the replacing line. */
  public List<OptionsReplaced> optionsReplaced() {
    return Collections.unmodifiableList(optionsReplaced);
  }

  /** {@code probe} lists. */
  public Map<String, Named> probes() {
    return Collections.unmodifiableMap(probes);
  }

  /** {@code probeall} lists. */
  public Map<String, Named> probealls() {
    return Collections.unmodifiableMap(probealls);
  }

  /** Hook lines in file order. */
  public List<Hook> hooks() {
    return Collections.unmodifiableList(hooks);
  }

  /**
   * The first hook of a kind for a name, as modutils' {@code exec_cmd}.
   *
   * @param kind the kind
   * @param name the name ({@code .o} stripped by the caller)
   * @return the command
   */
  public Optional<String> hook(HookKind kind, String name) {
    for (Hook h : hooks) {
      if (h.kind() == kind && h.name().equals(name)) {
        return Optional.of(h.command());
      }
    }
    return Optional.empty();
  }

  /** The generated file names by base ({@code dep} is the depfile). */
  public Map<String, String> generated() {
    return Collections.unmodifiableMap(generated);
  }

  /** The depfile. */
  public String depfile() {
    return generated.get("dep");
  }

  /** The persistent-data directory. */
  public String persistdir() {
    return persistdir;
  }

  /** {@code insmod_opt=}, raw. */
  public Optional<String> insmodOpt() {
    return insmodOpt;
  }

  /** Variables set by {@code define}. */
  public Map<String, String> environment() {
    return Collections.unmodifiableMap(environment);
  }

  /** Errors, worded as modutils (without the {@code modprobe: } prefix); any fails the reading. */
  public List<String> errors() {
    return Collections.unmodifiableList(errors);
  }

  /** Non-fatal problems (a command not run, an include glob matching nothing). */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** Every problem of the reading with its place, errors and warnings, in reading order. */
  public List<Problem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /**
   * Where a directive for a name was last written.
   *
   * @param keyword the directive ({@code alias}, {@code options}, {@code probe}, {@code probeall},
   *     {@code above}, {@code below} or a hook keyword such as {@code pre-install})
   * @param name the name it is about
   * @return the place, if the directive was read from a file or the defaults
   */
  public Optional<Origin> origin(String keyword, String name) {
    return Optional.ofNullable(origins.get(keyword + " " + name));
  }

  /** Whether the reading failed (modprobe then exits 255 doing nothing). */
  public boolean failed() {
    return !errors.isEmpty();
  }

  /** The newest modification time of the files read, for modprobe's "more recent" note. */
  public long newestConfigMillis() {
    return newestConfigMillis;
  }

  /** The last configuration file read, as modprobe names it in that note. */
  public String lastConfigFile() {
    return lastConfigFile;
  }

  /**
   * The neutral configuration the kmod planner, the graph and check read: aliases (chains kept as
   * written), options, install/remove commands, and above/below as soft dependencies (below = pre,
   * above = post).
   *
   * @return the configuration
   */
  public ModuleConfig toModuleConfig() {
    ModuleConfig.Builder b = new ModuleConfig.Builder();
    Origin origin = new Origin(lastConfigFile.isEmpty() ? "modules.conf" : lastConfigFile, 0);
    for (Named a : aliases.values()) {
      if (!a.words().isEmpty()) {
        b.add(new ConfigEntry.Alias(a.name(), a.words().get(0), origin));
      }
    }
    for (Named o : options.values()) {
      b.add(new ConfigEntry.Options(o.name(), String.join(" ", o.words()), origin));
    }
    for (Hook h : hooks) {
      if (h.kind() == HookKind.INSTALL) {
        b.add(new ConfigEntry.Install(h.name(), h.command(), origin));
      } else if (h.kind() == HookKind.REMOVE) {
        b.add(new ConfigEntry.Remove(h.name(), h.command(), origin));
      }
    }
    List<String> names = new ArrayList<>(below.keySet());
    for (String n : above.keySet()) {
      if (!below.containsKey(n)) {
        names.add(n);
      }
    }
    for (String name : names) {
      List<String> pre = below.containsKey(name) ? below.get(name).words() : List.of();
      List<String> post = above.containsKey(name) ? above.get(name).words() : List.of();
      String shown =
          "softdep "
              + name
              + (pre.isEmpty() ? "" : " pre: " + String.join(" ", pre))
              + (post.isEmpty() ? "" : " post: " + String.join(" ", post));
      b.add(new ConfigEntry.Softdep(name, pre, post, shown, origin));
    }
    for (String e : errors) {
      b.message(new ConfigMessage(origin, "modutils", e));
    }
    return b.build();
  }
}
