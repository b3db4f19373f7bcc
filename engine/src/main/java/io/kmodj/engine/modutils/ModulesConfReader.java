package io.kmodj.engine.modutils;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.config.Origin;
import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.modulesconf.Condition;
import io.kmodj.grammar.modulesconf.Directive;
import io.kmodj.grammar.modulesconf.ModulesConfFile;
import io.kmodj.grammar.modulesconf.ModulesConfSyntax;
import io.kmodj.grammar.modulesconf.ShellWord;
import io.kmodj.grammar.text.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * modutils' {@code config_read} in full mode: the built-in defaults (the resource {@code
 * defaults.conf}, a modules.conf of its own), then the configuration file with its includes,
 * conditionals evaluated and words expanded, into one {@link ModutilsConfig}. Problems are
 * collected as modutils words them; bad input never throws.
 */
public final class ModulesConfReader {
  /** modutils' limit on nested includes. */
  static final int MAX_INCLUDE_DEPTH = 20;

  private static final String DEFAULTS = "defaults.conf";

  /** The file name problems and origins of the built-in defaults carry. */
  public static final String DEFAULTS_NAME = "(built-in defaults)";

  /**
   * What to read and for which kernel.
   *
   * @param configFile {@code -C FILE} as given, or empty for /etc/modules.conf (then
   *     /etc/conf.modules, then nothing)
   * @param version the kernel version ({@code uname -r} answers it)
   * @param moduleDirectory {@code ROOT/lib/modules/VERSION}: the default path and depfile
   * @param autoclean whether modprobe runs with {@code -k} ({@code if -k})
   * @param allowExec whether command substitutions other than the built-ins may run
   */
  public record Request(
      Optional<String> configFile,
      String version,
      String moduleDirectory,
      boolean autoclean,
      boolean allowExec) {
    public Request {
      Objects.requireNonNull(configFile);
      Objects.requireNonNull(version);
      Objects.requireNonNull(moduleDirectory);
    }
  }

  /**
   * What the reading does with each line, for explanations ({@code kmodj explain}): every directive
   * applied or skipped and every {@code if} branch, in reading order.
   */
  public interface Listener {
    /**
     * An {@code if}, {@code elseif} or {@code else} was evaluated; its body follows, then {@link
     * #branchEnd()}.
     *
     * @param branch the branch
     * @param origin its file and line
     * @param taken whether its body applies
     * @param earlierTaken whether it was not taken because an earlier branch of the same {@code if}
     *     was
     */
    default void branch(
        Directive.Branch branch, Origin origin, boolean taken, boolean earlierTaken) {}

    /** The body of the last branch reported has ended. */
    default void branchEnd() {}

    /**
     * A directive was read.
     *
     * @param directive the directive
     * @param origin its file and line
     * @param applied false when it lies in a branch not taken
     * @param words its words after expansion (alias target, options, module list; empty for the
     *     others or when not applied)
     */
    default void directive(
        Directive directive, Origin origin, boolean applied, List<String> words) {}
  }

  private static final Listener SILENT = new Listener() {};

  private final Request request;
  private final ReadInputs inputs;
  private final Listener listener;
  private final ModutilsConfig config = new ModutilsConfig();
  private final WordExpander expander;
  private final ConditionEvaluator conditions;
  private final Deque<Path> including = new ArrayDeque<>();
  private final Set<String> setByUser = new HashSet<>();
  private final java.util.Map<String, List<OptionsLine>> optionsInEffect =
      new java.util.HashMap<>();
  private boolean defaultsLayer;
  private Origin current = new Origin(DEFAULTS_NAME, 0);

  /**
   * A reader for one request.
   *
   * @param request what to read
   */
  public ModulesConfReader(Request request) {
    this(request, ReadInputs.DIRECT);
  }

  /**
   * A reader for one request that reads the files an overlay covers from the overlay: the main file
   * and {@code include}d ones, as an editor's unsaved buffers hold them.
   *
   * @param request what to read
   * @param overlay the unsaved texts standing in for files
   */
  public ModulesConfReader(Request request, ConfigOverlay overlay) {
    this(request, overlay.isEmpty() ? ReadInputs.DIRECT : new ReadInputs.Overlaid(overlay));
  }

  /**
   * A reader for one request that consults files and the environment through the given inputs.
   *
   * @param request what to read
   * @param inputs where files, directories and variables are looked up
   */
  ModulesConfReader(Request request, ReadInputs inputs) {
    this(request, inputs, SILENT);
  }

  /**
   * A reader for one request that tells a listener what it does with each line.
   *
   * @param request what to read
   * @param listener told of every directive and branch
   */
  public ModulesConfReader(Request request, Listener listener) {
    this(request, ReadInputs.DIRECT, listener);
  }

  /**
   * A reader for one request that reads the files an overlay covers from the overlay and tells a
   * listener what it does with each line: {@code explain} over an editor's unsaved buffers.
   *
   * @param request what to read
   * @param overlay the unsaved texts standing in for files
   * @param listener told of every directive and branch
   */
  public ModulesConfReader(Request request, ConfigOverlay overlay, Listener listener) {
    this(
        request,
        overlay.isEmpty() ? ReadInputs.DIRECT : new ReadInputs.Overlaid(overlay),
        listener);
  }

  private ModulesConfReader(Request request, ReadInputs inputs, Listener listener) {
    this.request = Objects.requireNonNull(request);
    this.inputs = Objects.requireNonNull(inputs);
    this.listener = Objects.requireNonNull(listener);
    this.expander =
        new WordExpander(
            config.environment,
            request.version(),
            request.allowExec(),
            this::expansionWarning,
            inputs);
    this.conditions = new ConditionEvaluator(expander, request.autoclean());
  }

  /**
   * Reads the defaults and the configuration.
   *
   * @return the effective configuration, with its errors
   */
  public ModutilsConfig read() {
    defaultsLayer = true;
    String defaults =
        defaultsText()
            .replace("@MODULE_DIR@", request.moduleDirectory())
            .replace("@VERSION@", request.version());
    evaluate(ModulesConfSyntax.parse(DEFAULTS_NAME, defaults), new FileState());
    defaultsLayer = false;
    Optional<String> file = request.configFile();
    if (file.isEmpty()) {
      for (String f : List.of("/etc/modules.conf", "/etc/conf.modules")) {
        if (inputs.exists(Path.of(f))) {
          file = Optional.of(f);
          break;
        }
      }
    }
    if (file.isPresent()) {
      if (!readFile(file.get())) {
        config.errors.add("Can't open " + file.get());
        problem(
            new Origin(file.get(), 0), Severity.ERROR, "missing-file", "Can't open " + file.get());
      }
      config.lastConfigFile = file.get();
    }
    return config;
  }

  /** The built-in defaults resource, a modules.conf with placeholders. */
  public static String defaultsText() {
    try (InputStream in = ModulesConfReader.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULTS + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one file (the main one or an include); false if it cannot be opened. */
  private boolean readFile(String name) {
    Path path = Path.of(name);
    byte[] bytes;
    try {
      ReadInputs.FileRead f = inputs.read(path);
      bytes = f.bytes();
      config.newestConfigMillis = Math.max(config.newestConfigMillis, f.modifiedMillis());
    } catch (IOException e) {
      return false;
    }
    Path key = path.toAbsolutePath().normalize();
    including.push(key);
    try {
      evaluate(ModulesConfSyntax.parse(name, bytes), new FileState());
    } finally {
      including.pop();
    }
    return true;
  }

  /** Per-file state: modutils keeps {@code keep} and "a path line was seen" per file. */
  private static final class FileState {
    boolean keep;
    boolean pathSeen;
  }

  private void evaluate(ParseResult<ModulesConfFile> parsed, FileState state) {
    for (Diagnostic d : parsed.diagnostics()) {
      problem(origin(d.span()), d.severity(), d.code(), d.message());
      if (d.severity() != Severity.ERROR) {
        continue;
      }
      if (d.code().equals("invalid-line")) {
        config.errors.add(d.message() + "\n\t" + d.offending());
      } else {
        config.errors.add(d.message());
      }
    }
    walk(parsed.value().directives(), true, state);
  }

  /**
   * Applies directives. Conditionals are evaluated even in an inactive branch, and a true branch
   * nested in a false one applies (modutils consulted only the innermost level, record 20).
   */
  private void walk(List<Directive> directives, boolean active, FileState state) {
    for (Directive d : directives) {
      if (d instanceof Directive.Conditional c) {
        conditional(c, state);
      } else if (active) {
        apply(d, state);
      } else {
        listener.directive(d, origin(d.span()), false, List.of());
      }
    }
  }

  /** modutils' branch states: 0 not taken yet, 1 active, 2 an earlier branch was taken. */
  private void conditional(Directive.Conditional c, FileState state) {
    int s = 0;
    for (Directive.Branch b : c.branches()) {
      int before = s;
      current = origin(b.span());
      b.condition().ifPresent(this::conditionVariables);
      s =
          switch (b.kind()) {
            case IF -> conditions.test(b.condition().orElseThrow()) ? 1 : 0;
            case ELSEIF -> before != 0 ? 2 : (conditions.test(b.condition().orElseThrow()) ? 1 : 0);
            // a second else toggles again, as in modutils
            case ELSE -> before == 0 ? 1 : 0;
          };
      listener.branch(b, current, s == 1, s != 1 && before != 0);
      walk(b.body(), s == 1, state);
      listener.branchEnd();
    }
  }

  private void apply(Directive d, FileState state) {
    current = origin(d.span());
    if (d instanceof Directive.Alias a) {
      variables(a.rest());
      remember("alias", a.name().raw());
      List<String> target = expander.expand(a.rest());
      listener.directive(d, current, true, target.isEmpty() ? List.of() : target.subList(0, 1));
      config.aliases.put(
          a.name().raw(),
          new ModutilsConfig.Named(
              a.name().raw(), target.isEmpty() ? List.of() : target.subList(0, 1), true));
    } else if (d instanceof Directive.Options o) {
      variables(o.values());
      remember("options", o.name().raw());
      List<String> values = expander.expand(o.values());
      listener.directive(d, current, true, values);
      replacing(o, values);
      named(config.options, o.name().raw(), values, o.add(), o.noAutoclean());
    } else if (d instanceof Directive.Hook h) {
      remember(
          h.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), h.name().raw());
      listener.directive(d, current, true, List.of(h.command().raw()));
      config.hooks.add(
          new ModutilsConfig.Hook(
              ModutilsConfig.HookKind.valueOf(h.kind().name()), h.name().raw(), h.command().raw()));
    } else if (d instanceof Directive.ModuleList l) {
      variables(l.modules());
      remember(l.kind().name().toLowerCase(java.util.Locale.ROOT), l.name().raw());
      List<String> modules = expander.expand(l.modules());
      listener.directive(d, current, true, modules);
      java.util.Map<String, ModutilsConfig.Named> map =
          switch (l.kind()) {
            case PROBE -> config.probes;
            case PROBEALL -> config.probealls;
            case ABOVE -> config.above;
            case BELOW -> config.below;
          };
      named(map, l.name().raw(), modules, l.add(), false);
    } else {
      listener.directive(d, current, true, List.of());
    }
    if (d instanceof Directive.Prune p) {
      List<String> w = expander.expand(p.words());
      if (!w.isEmpty()) {
        config.prune.add(w.get(0));
      }
    } else if (d instanceof Directive.Define def) {
      variables(def.value());
      config.environment.put(def.name().raw(), expander.first(def.value()));
    } else if (d instanceof Directive.Include inc) {
      include(inc);
    } else if (d instanceof Directive.Keep) {
      if (!state.pathSeen) {
        state.keep = true;
      }
    } else if (d instanceof Directive.Path p) {
      variables(List.of(p.value()));
      if (!state.pathSeen && !state.keep) {
        config.paths.clear();
      }
      state.pathSeen = true;
      for (String dir : expander.expand(List.of(p.value()))) {
        config.paths.add(new ModutilsConfig.PathEntry(p.effectiveTag(), dir));
      }
    } else if (d instanceof Directive.Setting s) {
      setting(s);
    }
  }

  /** An options line in effect: where, and what it said. */
  private record OptionsLine(Origin origin, boolean add, boolean noAutoclean, List<String> words) {}

  /**
   * Keeps the options lines in effect per name; a plain line replaces all of them (record 06), and
   * each replaced line that is not a built-in default is remembered for {@code check}.
   */
  private void replacing(Directive.Options o, List<String> values) {
    List<OptionsLine> lines =
        optionsInEffect.computeIfAbsent(o.name().raw(), k -> new ArrayList<>());
    if (!o.add()) {
      for (OptionsLine l : lines) {
        if (!l.origin().file().equals(DEFAULTS_NAME)) {
          config.optionsReplaced.add(
              new ModutilsConfig.OptionsReplaced(
                  o.name().raw(), l.origin(), l.add(), l.noAutoclean(), l.words(), current));
        }
      }
      lines.clear();
    }
    lines.add(new OptionsLine(current, o.add(), o.noAutoclean(), values));
  }

  private void named(
      java.util.Map<String, ModutilsConfig.Named> map,
      String name,
      List<String> words,
      boolean add,
      boolean noAutoclean) {
    ModutilsConfig.Named old = map.get(name);
    // -k is sticky: once seen, a later options line does not clear it
    boolean autoclean = !noAutoclean && (old == null || old.autoclean());
    List<String> all = new ArrayList<>();
    if (add && old != null) {
      all.addAll(old.words());
    }
    all.addAll(words);
    map.put(name, new ModutilsConfig.Named(name, all, autoclean));
  }

  private void setting(Directive.Setting s) {
    String keyword = s.kind().keyword();
    if (s.kind() == Directive.SettingKind.INSMOD_OPT) {
      config.insmodOpt = Optional.of(s.value().raw());
      return;
    }
    if (s.kind() == Directive.SettingKind.PERSISTDIR) {
      String v = expander.first(List.of(s.value()));
      config.persistdir = v.isEmpty() ? s.value().raw() : v;
      return;
    }
    String base = keyword.substring(0, keyword.length() - "file".length());
    if (!defaultsLayer && !setByUser.add(base)) {
      // modutils: the first xxxfile= wins; a second one is an invalid line
      config.errors.add(
          "Invalid line " + s.span().endLine() + " in " + s.span().file() + "\n\t" + keyword);
      problem(
          origin(s.span()),
          Severity.ERROR,
          "duplicate-setting",
          keyword + "= set a second time (the first one wins)");
      return;
    }
    config.generated.put(base, expander.first(List.of(s.value())));
  }

  private void include(Directive.Include inc) {
    List<ShellWord> words = inc.words();
    List<String> files = words.isEmpty() ? List.of() : expander.expand(words.subList(0, 1));
    if (files.isEmpty()) {
      files = words.isEmpty() ? List.of("") : List.of(words.get(0).raw());
    }
    for (String f : files) {
      Path key = Path.of(f).toAbsolutePath().normalize();
      if (including.contains(key)) {
        List<String> chain = new ArrayList<>();
        including.descendingIterator().forEachRemaining(p -> chain.add(p.toString()));
        chain.add(key.toString());
        config.errors.add("include loop: " + String.join(" -> ", chain));
        problem(
            origin(inc.span()),
            Severity.ERROR,
            "include-loop",
            "include loop: " + String.join(" -> ", chain));
        continue;
      }
      if (including.size() > MAX_INCLUDE_DEPTH) {
        config.errors.add("Too many include level in line " + inc.span().endLine());
        problem(
            origin(inc.span()),
            Severity.ERROR,
            "include-depth",
            "too many nested includes (modutils allows " + MAX_INCLUDE_DEPTH + ")");
        continue;
      }
      if (!readFile(f)) {
        config.errors.add("Can't open " + f);
        config.errors.add("include " + f + " failed");
        config.errors.add(
            "Invalid line " + inc.span().endLine() + " in " + inc.span().file() + "\n\tinclude");
        problem(origin(inc.span()), Severity.ERROR, "include-missing", "Can't open include " + f);
      }
    }
  }

  private static Origin origin(Span span) {
    return new Origin(span.file(), Math.max(0, span.endLine()));
  }

  private void problem(Origin origin, Severity severity, String code, String message) {
    config.problems.add(new ModutilsConfig.Problem(origin, severity, code, message));
  }

  private void remember(String keyword, String name) {
    config.origins.put(keyword + " " + name, current);
  }

  /** A command substitution not run: a warning as before, and a problem on the current line. */
  private void expansionWarning(String message) {
    config.warnings.add(message);
    problem(current, Severity.WARNING, "command-substitution", message);
  }

  /** Reports variables used by the words that neither {@code define} nor the environment set. */
  private void variables(List<ShellWord> words) {
    for (ShellWord w : words) {
      variables(w.parts());
    }
  }

  private void variables(Iterable<ShellWord.Part> parts) {
    for (ShellWord.Part p : parts) {
      if (p instanceof ShellWord.Part.Variable v) {
        if (!config.environment.containsKey(v.name()) && inputs.getenv(v.name()) == null) {
          problem(
              current,
              Severity.WARNING,
              "unknown-variable",
              "unknown variable $" + v.name() + " (expands to nothing)");
        }
      } else if (p instanceof ShellWord.Part.Quoted q && q.quote() != '\'') {
        variables(q.parts());
      }
    }
  }

  private void conditionVariables(Condition c) {
    if (c instanceof Condition.Truth t) {
      variables(List.of(t.word()));
    } else if (c instanceof Condition.Compare cmp) {
      variables(List.of(cmp.left(), cmp.right()));
    } else if (c instanceof Condition.FileTest f) {
      variables(List.of(f.file()));
    } else if (c instanceof Condition.Not n) {
      conditionVariables(n.operand());
    }
  }
}
