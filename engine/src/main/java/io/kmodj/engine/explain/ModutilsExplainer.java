package io.kmodj.engine.explain;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.modutils.ModutilsModprobe;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.Step;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.modulesconf.Directive;
import io.kmodj.grammar.modulesconf.ModulesConfPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Explains a name on a modutils (modules.conf) system. The configuration is read once more with a
 * {@link ModulesConfReader.Listener}, so every directive and every {@code if} branch is known with
 * its line, whether it applied, and (for options and lists) its words after expansion; the plan is
 * what {@link ModutilsModprobe} prints with {@code -n -v} for the name, the steps its executor
 * receives. The lookup follows modutils' rules: {@code probe}/{@code probeall} lists, then the
 * alias chain (exact names; shell patterns only for names starting with {@code /}; {@code off} and
 * {@code null}), then modules.dep.
 */
public final class ModutilsExplainer {
  private static final int FAILED = 255;
  private static final int MAX_CHAIN = 128;

  private final SystemSpec spec;
  private final boolean autoclean;
  private final boolean allowExec;
  private final ConfigOverlay overlay;

  /**
   * An explainer for a modules.conf system.
   *
   * @param spec where the system is ({@code -d}, {@code -S}, {@code -C FILE})
   * @param autoclean as modprobe {@code -k}: {@code if -k} is true, insmod gets {@code -k}
   * @param allowExec whether command substitutions other than modutils' built-ins may run
   */
  public ModutilsExplainer(SystemSpec spec, boolean autoclean, boolean allowExec) {
    this(spec, autoclean, allowExec, ConfigOverlay.NONE);
  }

  /**
   * An explainer for a modules.conf system whose configuration files an overlay covers are read
   * from the overlay (an editor's unsaved buffers); nothing is written.
   *
   * @param spec where the system is ({@code -d}, {@code -S}, {@code -C FILE})
   * @param autoclean as modprobe {@code -k}: {@code if -k} is true, insmod gets {@code -k}
   * @param allowExec whether command substitutions other than modutils' built-ins may run
   * @param overlay the unsaved texts standing in for configuration files
   */
  public ModutilsExplainer(
      SystemSpec spec, boolean autoclean, boolean allowExec, ConfigOverlay overlay) {
    this.spec = Objects.requireNonNull(spec);
    this.autoclean = autoclean;
    this.allowExec = allowExec;
    this.overlay = Objects.requireNonNull(overlay);
  }

  // --- what the reading did ------------------------------------------------------------------

  /** An {@code if}/{@code elseif}/{@code else} line and what became of it. */
  private record BranchSeen(
      int seq, Directive.Branch branch, Origin origin, boolean taken, boolean earlierTaken) {}

  /** A directive and what became of it, with the branches around it (innermost last). */
  private record Seen(
      int seq,
      Directive directive,
      Origin origin,
      boolean applied,
      List<String> words,
      List<BranchSeen> around) {}

  private static final class Recorder implements ModulesConfReader.Listener {
    final List<Seen> seen = new ArrayList<>();
    final List<BranchSeen> open = new ArrayList<>();
    int seq;

    @Override
    public void branch(Directive.Branch b, Origin origin, boolean taken, boolean earlierTaken) {
      open.add(new BranchSeen(seq++, b, origin, taken, earlierTaken));
    }

    @Override
    public void branchEnd() {
      if (!open.isEmpty()) {
        open.remove(open.size() - 1);
      }
    }

    @Override
    public void directive(Directive d, Origin origin, boolean applied, List<String> words) {
      seen.add(new Seen(seq++, d, origin, applied, List.copyOf(words), List.copyOf(open)));
    }
  }

  // --- explaining ----------------------------------------------------------------------------

  /**
   * Explains one name as {@code modprobe -n -v NAME} (with {@code -k} when asked) takes it.
   *
   * @param query the name
   * @return the explanation
   * @throws IOException when modules.dep cannot be read or is not a modules.dep
   */
  public Explanation explain(String query) throws IOException {
    return explain(query, Optional.empty());
  }

  /**
   * Explains one name, and with a kernel's state why the module it stands for is loaded.
   *
   * @param query the name
   * @param state the simulated kernel's state, if one is asked about
   * @return the explanation
   * @throws IOException when modules.dep cannot be read or is not a modules.dep
   */
  public Explanation explain(String query, Optional<KernelState> state) throws IOException {
    String version = spec.version().orElse(System.getProperty("os.version"));
    String root = spec.modutilsRoot();
    Optional<String> file =
        spec.configPaths().isEmpty() ? Optional.empty() : Optional.of(spec.configPaths().get(0));
    Recorder rec = new Recorder();
    ModutilsConfig config =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    file, version, root + "/lib/modules/" + version, autoclean, allowExec),
                overlay,
                rec)
            .read();
    List<String> messages = new ArrayList<>();
    for (String w : config.warnings()) {
      messages.add("modprobe: " + w);
    }
    if (config.failed()) {
      for (String e : config.errors()) {
        messages.add("modprobe: " + e);
      }
      List<Resolution> lookup =
          List.of(
              new Resolution(
                  "configuration",
                  "the configuration",
                  true,
                  false,
                  List.of(),
                  List.of(),
                  "the configuration has errors: modprobe stops before looking anything up"));
      return new Explanation(
          query, "modutils", lookup, List.of(), List.of(), "", FAILED, messages, Optional.empty());
    }
    Path depfile = Path.of(config.depfile());
    DepFile24.Result r;
    long depTime;
    try {
      r = DepFile24.read(depfile, root);
      depTime = Files.getLastModifiedTime(depfile).toMillis();
    } catch (NoSuchFileException e) {
      throw new IOException("Can't open dependencies file " + depfile, e);
    }
    if (r.error().isPresent()) {
      throw new IOException(depfile + ": " + r.error().get());
    }
    DepFile24 dep = r.depFile().orElseThrow();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Step> steps = new ArrayList<>();
    int exit;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1)) {
      if (config.newestConfigMillis() > depTime) {
        out.print("Note: " + config.lastConfigFile() + " is more recent than " + depfile + "\n");
      }
      ModutilsModprobe mp =
          new ModutilsModprobe(
              config,
              dep,
              LoadedModules.none(),
              new ModutilsModprobe.Flags(true, autoclean, autoclean, false, Optional.empty()),
              out,
              m -> messages.add("modprobe: " + m),
              s -> {
                steps.add(s);
                return 0;
              });
      try {
        exit = mp.fromList(List.of(query), false) == 0 ? 0 : FAILED;
      } catch (ModutilsModprobe.PlanningFailure e) {
        messages.add("modprobe: " + e.getMessage());
        exit = FAILED;
      }
    }
    List<String> insmodLines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.ISO_8859_1).split("\n", -1)) {
      if (line.startsWith("/sbin/insmod ")) {
        insmodLines.add(line);
      }
    }
    Work w = new Work(query, config, dep, rec.seen, steps, insmodLines);
    w.lookup();
    w.plan();
    Explanation e =
        new Explanation(
            query,
            "modutils",
            w.lookup,
            w.plan,
            w.lines(),
            bytes.toString(StandardCharsets.ISO_8859_1),
            exit,
            messages,
            Optional.empty());
    if (state.isEmpty()) {
      return e;
    }
    return e.withLoaded(
        LoadReasons.of(
            state.get(),
            query,
            LoadReasons.candidates(e.lookup(), query),
            LoadReasons.modutils(config),
            name -> {
              try {
                return explain(name, Optional.empty()).lookup();
              } catch (IOException ex) {
                // the tree was readable a moment ago; without it the way there is not told
                return List.of();
              }
            }));
  }

  /** The explanation of one query, worked out step by step. */
  private static final class Work {
    final String query;
    final ModutilsConfig config;
    final DepFile24 dep;
    final List<Seen> seen;
    final List<Step> steps;
    final List<String> insmodLines;
    final List<Resolution> lookup = new ArrayList<>();
    final List<PlanStep> plan = new ArrayList<>();
    // every name of the alias chains followed, and what each chain ends on
    final Set<String> chained = new LinkedHashSet<>();
    final Map<String, List<String>> chainOf = new LinkedHashMap<>();
    // the module names the lookup answered with, in order
    final List<String> roots = new ArrayList<>();
    // modules of the plan (objkey or kernel name) and names whose lines concern it
    final Set<String> planned = new LinkedHashSet<>();
    final Set<String> installed = new LinkedHashSet<>();
    final Set<String> inserted = new LinkedHashSet<>();

    Work(
        String query,
        ModutilsConfig config,
        DepFile24 dep,
        List<Seen> seen,
        List<Step> steps,
        List<String> insmodLines) {
      this.insmodLines = insmodLines;
      this.query = query;
      this.config = config;
      this.dep = dep;
      this.seen = seen;
      this.steps = steps;
    }

    // --- the lookup ----------------------------------------------------------------------

    void lookup() {
      if (ModutilsModprobe.hasShellMeta(query)) {
        List<String> got = new ArrayList<>();
        for (Step s : steps) {
          if (s instanceof Step.Insmod i && i.required()) {
            got.add(i.module());
          }
        }
        lookup.add(
            new Resolution(
                "pattern",
                "module files matching a pattern",
                true,
                !got.isEmpty(),
                got,
                List.of(),
                query
                    + " holds shell metacharacters: the files along the module path matching "
                    + query
                    + ".o (else .o.gz, else the name as given) are tried in turn, the first that"
                    + " loads wins"));
        roots.addAll(got);
        return;
      }
      if (list("probe", config.probes(), false) || list("probeall", config.probealls(), true)) {
        return;
      }
      lookup.add(
          new Resolution(
              "probe",
              "probe and probeall lists",
              true,
              false,
              List.of(),
              List.of(),
              "no probe or probeall line for " + query));
      chain(query, true);
    }

    /** A probe or probeall list for the query: each member resolved in turn. */
    private boolean list(String kind, Map<String, ModutilsConfig.Named> map, boolean all) {
      ModutilsConfig.Named g = map.get(query);
      if (g == null) {
        return false;
      }
      List<Origin> at = config.origin(kind, query).map(List::of).orElse(List.of());
      lookup.add(
          new Resolution(
              kind,
              kind + " lists",
              true,
              true,
              g.words(),
              at,
              kind
                  + " "
                  + query
                  + (all
                      ? ": every one of " + String.join(" ", g.words()) + " is loaded"
                      : ": the first of " + String.join(" ", g.words()) + " that loads wins")));
      for (String m : g.words()) {
        chain(m, false);
      }
      return true;
    }

    /** modutils' alias chain from a name, as buildDesc follows it, then modules.dep. */
    private void chain(String name, boolean top) {
      List<String> names = new ArrayList<>();
      String objkey = null;
      for (String p = name; p != null; ) {
        if (p.equals("off")) {
          lookup.add(
              new Resolution(
                  "off",
                  "alias to off",
                  true,
                  true,
                  List.of(),
                  List.of(),
                  "the chain ends in off: modprobe loads nothing for " + name + " and succeeds"));
          chained.addAll(names);
          chainOf.put(name, names);
          return;
        }
        if (names.size() > MAX_CHAIN) {
          break;
        }
        if (names.contains(p)) {
          lookup.add(
              new Resolution(
                  "alias-loop",
                  "alias loop",
                  true,
                  false,
                  List.of(),
                  List.of(),
                  "the chain comes back to "
                      + p
                      + ": "
                      + String.join(" -> ", names)
                      + " -> "
                      + p
                      + " (modutils followed it forever; kmodj stops)"));
          chained.addAll(names);
          chainOf.put(name, names);
          return;
        }
        objkey = p;
        names.add(p);
        p = alias(p);
      }
      chained.addAll(names);
      chainOf.put(name, names);
      Optional<DepFile24.Entry> e = dep.byKey(objkey);
      if (e.isPresent() && objkey.equals("null")) {
        lookup.add(
            new Resolution(
                "null",
                "alias to null",
                true,
                true,
                List.of(),
                List.of(),
                "the chain ends in null: modprobe takes it as loaded, runs nothing for it and"
                    + " succeeds"));
        return;
      }
      if (e.isPresent()) {
        lookup.add(
            new Resolution(
                "modules-dep",
                "modules.dep",
                true,
                true,
                List.of(objkey),
                List.of(),
                "modules.dep has " + objkey + ": " + e.get().path()));
        roots.add(objkey);
        return;
      }
      if (names.size() > 1) {
        ModutilsConfig.Named g = config.probes().get(objkey);
        String kind = "probe";
        if (g == null) {
          g = config.probealls().get(objkey);
          kind = "probeall";
        }
        if (g != null) {
          lookup.add(
              new Resolution(
                  "aliased-" + kind,
                  "an alias to a " + kind + " list",
                  true,
                  true,
                  g.words(),
                  config.origin(kind, objkey).map(List::of).orElse(List.of()),
                  "the chain ends on "
                      + objkey
                      + ", not a module but a "
                      + kind
                      + " list: "
                      + String.join(" ", g.words())));
          for (String m : g.words()) {
            chain(m, false);
          }
          return;
        }
      }
      lookup.add(
          new Resolution(
              "modules-dep",
              "modules.dep",
              true,
              false,
              List.of(),
              List.of(),
              "no module "
                  + objkey
                  + " in modules.dep"
                  + (top ? ": modprobe can't locate it" : "")));
    }

    /** modutils' any_alias, with a lookup step saying what it found. */
    private String alias(String p) {
      if (!p.startsWith("/")) {
        ModutilsConfig.Named a = config.aliases().get(DepFile24.stripo(p));
        if (a == null) {
          String pattern = patternFor(p);
          lookup.add(
              new Resolution(
                  "alias",
                  "aliases",
                  true,
                  false,
                  List.of(),
                  List.of(),
                  "no alias line for "
                      + p
                      + (pattern == null
                          ? ""
                          : " (alias "
                              + pattern
                              + " would match, but patterns apply only to names starting with /)")));
          return null;
        }
        Origin at = config.origin("alias", a.name()).orElse(null);
        if (a.words().isEmpty()) {
          lookup.add(
              new Resolution(
                  "alias",
                  "aliases",
                  true,
                  false,
                  List.of(),
                  at == null ? List.of() : List.of(at),
                  "alias " + p + " has no target (it cancels a default): the chain stops here"));
          return null;
        }
        String next = a.words().get(0);
        lookup.add(
            new Resolution(
                "alias",
                "aliases",
                true,
                true,
                List.of(next),
                at == null ? List.of() : List.of(at),
                "alias " + p + " -> " + next));
        return next;
      }
      for (ModutilsConfig.Named a : config.aliases().values()) {
        if (ModutilsModprobe.devfsMatch(/* pattern= */ a.name(), /* name= */ p)) {
          Origin at = config.origin("alias", a.name()).orElse(null);
          String next = a.words().isEmpty() ? null : a.words().get(0);
          if (next != null && next.equals(p)) {
            next = null;
          }
          lookup.add(
              new Resolution(
                  "wildcard-alias",
                  "aliases (patterns, for names starting with /)",
                  true,
                  next != null,
                  next == null ? List.of() : List.of(next),
                  at == null ? List.of() : List.of(at),
                  p
                      + " matches the alias "
                      + a.name()
                      + (next == null
                          ? ", which leads nowhere new: the chain stops here"
                          : " -> " + next)
                      + " (the first alias that matches wins)"));
          return next;
        }
      }
      lookup.add(
          new Resolution(
              "wildcard-alias",
              "aliases (patterns, for names starting with /)",
              true,
              false,
              List.of(),
              List.of(),
              "no alias matches " + p));
      return null;
    }

    /** An alias name with a pattern that would match a name not starting with /. */
    private String patternFor(String p) {
      for (ModutilsConfig.Named a : config.aliases().values()) {
        if (ModutilsModprobe.hasShellMeta(a.name())
            && ModutilsModprobe.devfsMatch(/* pattern= */ a.name(), /* name= */ p)) {
          return a.name();
        }
      }
      return null;
    }

    // --- the plan ------------------------------------------------------------------------

    void plan() {
      int insmods = 0;
      for (Step s : steps) {
        String m = s.module();
        String key = m;
        if (s instanceof Step.Insmod i) {
          key = dep.byPath(i.path()).map(DepFile24.Entry::key).orElse(m);
        }
        planned.add(key);
        planned.add(m);
      }
      for (Step s : steps) {
        String m = s.module();
        String key = s instanceof Step.Insmod i ? keyOf(i) : m;
        List<String> names = names(key);
        List<Origin> lines = new ArrayList<>();
        hooks(ModutilsConfig.HookKind.PRE_INSTALL, names, "pre-install");
        String why = why(key, lines);
        if (s instanceof Step.Insmod i) {
          inserted.addAll(names);
          String merged = options(names, lines);
          plan.add(
              new PlanStep(
                  "insmod",
                  m,
                  insmods < insmodLines.size() ? insmodLines.get(insmods++) : insmodLine(i),
                  why + (merged.isEmpty() ? "" : "; options " + merged),
                  lines));
        } else if (s instanceof Step.RunInstall ri) {
          installed.addAll(names);
          for (String n : names) {
            if (config.hook(ModutilsConfig.HookKind.INSTALL, DepFile24.stripo(n)).isPresent()) {
              config.origin("install", DepFile24.stripo(n)).ifPresent(lines::add);
            }
          }
          plan.add(
              new PlanStep(
                  "install",
                  m,
                  "# install " + m + ":\n" + ri.command(),
                  why + "; its install command runs instead of insmod",
                  lines));
        }
        hooks(ModutilsConfig.HookKind.POST_INSTALL, names, "post-install");
      }
    }

    private String keyOf(Step.Insmod i) {
      return dep.byPath(i.path()).map(DepFile24.Entry::key).orElse(i.module());
    }

    /** The names whose lines concern a planned module: its alias chain when it is a root. */
    private List<String> names(String key) {
      for (List<String> c : chainOf.values()) {
        if (!c.isEmpty() && c.get(c.size() - 1).equals(key)) {
          return c;
        }
      }
      return List.of(key);
    }

    private void hooks(ModutilsConfig.HookKind kind, List<String> names, String action) {
      for (String n : names) {
        Optional<String> ex = config.hook(kind, DepFile24.stripo(n));
        if (ex.isPresent()) {
          List<Origin> at =
              config.origin(kind.keyword(), DepFile24.stripo(n)).map(List::of).orElse(List.of());
          plan.add(
              new PlanStep(
                  action,
                  n,
                  "# " + kind.keyword() + " " + n + ":\n" + ex.get(),
                  "the " + kind.keyword() + " command of " + n,
                  at));
        }
      }
    }

    private static String insmodLine(Step.Insmod i) {
      return "/sbin/insmod " + i.path() + (i.options().isEmpty() ? "" : " " + i.options());
    }

    private String why(String key, List<Origin> lines) {
      if (roots.contains(key)) {
        for (Map.Entry<String, List<String>> c : chainOf.entrySet()) {
          List<String> names = c.getValue();
          if (!names.isEmpty() && names.get(names.size() - 1).equals(key)) {
            for (String n : names.subList(0, names.size() - 1)) {
              config.origin("alias", DepFile24.stripo(n)).ifPresent(lines::add);
            }
            String via =
                names.size() > 1 ? " (alias chain " + String.join(" -> ", names) + ")" : "";
            return c.getKey().equals(query)
                ? (names.size() > 1 ? "what " + query + " stands for" + via : "the module asked")
                : "member " + c.getKey() + " of the list for " + query + via;
          }
        }
        return "matches " + query;
      }
      for (String x : planned) {
        if (x.equals(key)) {
          continue;
        }
        Optional<DepFile24.Entry> e = dep.byKey(x);
        if (e.isPresent()) {
          for (String d : e.get().dependencies()) {
            if (DepFile24.stripo(d).equals(key)) {
              return "modules.dep dependency of " + x;
            }
          }
        }
      }
      for (String x : planned) {
        for (String n : names(x)) {
          String sn = DepFile24.stripo(n);
          ModutilsConfig.Named b = config.below().get(sn);
          if (b != null && b.words().contains(key)) {
            config.origin("below", sn).ifPresent(lines::add);
            return "below " + n + " (" + where(config.origin("below", sn)) + "): loaded before it";
          }
          ModutilsConfig.Named a = config.above().get(sn);
          if (a != null && a.words().contains(key)) {
            config.origin("above", sn).ifPresent(lines::add);
            return "above " + n + " (" + where(config.origin("above", sn)) + "): loaded after it";
          }
        }
      }
      return "needed for " + query;
    }

    /**
     * The options insmod gets from the configuration, merged as modutils merges them: the options
     * of the chain's last name first, each earlier name's {@code key=value} replacing the same key.
     */
    private String options(List<String> names, List<Origin> lines) {
      Map<String, String> value = new LinkedHashMap<>();
      Map<String, String> from = new LinkedHashMap<>();
      for (int i = names.size() - 1; i >= 0; i--) {
        String n = names.get(i);
        ModutilsConfig.Named o = config.options().get(n.startsWith("/") ? n : DepFile24.stripo(n));
        if (o == null || o.words().isEmpty()) {
          continue;
        }
        config.origin("options", o.name()).ifPresent(lines::add);
        for (String w : o.words()) {
          int eq = w.indexOf('=');
          if (eq < 0) {
            break;
          }
          String k = w.substring(0, eq);
          value.put(k, w);
          from.put(k, n);
        }
      }
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : value.entrySet()) {
        parts.add(e.getValue() + " (from " + from.get(e.getKey()) + ")");
      }
      return String.join(", ", parts);
    }

    // --- the lines -----------------------------------------------------------------------

    List<ConfigLine> lines() {
      Set<String> about = new LinkedHashSet<>();
      about.add(query);
      about.addAll(chained);
      about.addAll(planned);
      List<ConfigLine> out = new ArrayList<>();
      Set<Integer> branchesShown = new LinkedHashSet<>();
      for (int i = 0; i < seen.size(); i++) {
        Seen s = seen.get(i);
        if (!concerns(s, about)) {
          continue;
        }
        for (BranchSeen b : s.around()) {
          if (branchesShown.add(b.seq())) {
            out.add(branchLine(b));
          }
        }
        out.add(judge(s, i));
      }
      return out;
    }

    private ConfigLine branchLine(BranchSeen b) {
      String reason;
      if (b.taken()) {
        reason =
            b.branch().kind() == Directive.BranchKind.ELSE
                ? "taken: no earlier branch of its if was"
                : "taken: the condition is true";
      } else if (b.earlierTaken()) {
        reason = "not taken: an earlier branch of its if was taken";
      } else {
        reason = "not taken: the condition is false";
      }
      return new ConfigLine(
          b.origin(),
          b.branch().kind().keyword(),
          ModulesConfPrinter.line(b.branch()),
          b.taken(),
          reason + defaults(b.origin()));
    }

    private boolean concerns(Seen s, Set<String> about) {
      Directive d = s.directive();
      if (d instanceof Directive.Alias a) {
        String name = a.name().raw();
        if (about.contains(name) || about.contains(DepFile24.stripo(name))) {
          return true;
        }
        if (!s.words().isEmpty() && about.contains(s.words().get(0))) {
          return true;
        }
        if (!s.applied() && !a.rest().isEmpty() && about.contains(a.rest().get(0).raw())) {
          return true;
        }
        return ModutilsModprobe.hasShellMeta(name) && ModutilsModprobe.devfsMatch(name, query);
      } else if (d instanceof Directive.Options o) {
        return about.contains(o.name().raw());
      } else if (d instanceof Directive.Hook h) {
        return about.contains(h.name().raw());
      } else if (d instanceof Directive.ModuleList l) {
        if (about.contains(l.name().raw())) {
          return true;
        }
        if (l.kind() == Directive.ListKind.ABOVE || l.kind() == Directive.ListKind.BELOW) {
          for (String m : s.words()) {
            if (planned.contains(m)) {
              return true;
            }
          }
        }
        return false;
      }
      return false;
    }

    private ConfigLine judge(Seen s, int index) {
      Directive d = s.directive();
      String text = ModulesConfPrinter.line(d);
      String directive = directiveName(d);
      if (!s.applied()) {
        BranchSeen b = s.around().isEmpty() ? null : s.around().get(s.around().size() - 1);
        String why =
            b == null
                ? "not read"
                : b.earlierTaken()
                    ? "skipped: an earlier branch of the if at " + where(b.origin()) + " was taken"
                    : "skipped: inside `"
                        + ModulesConfPrinter.line(b.branch())
                        + "` ("
                        + where(b.origin())
                        + "), which is false";
        return new ConfigLine(s.origin(), directive, text, false, why + defaults(s.origin()));
      }
      boolean applied;
      String reason;
      if (d instanceof Directive.Alias a) {
        String name = a.name().raw();
        Optional<Origin> eff = config.origin("alias", name);
        if (eff.isPresent() && !eff.get().equals(s.origin())) {
          applied = false;
          reason = "replaced: a later alias line for " + name + " (" + where(eff) + ") wins";
        } else if (chained.contains(name) || chained.contains(DepFile24.stripo(name))) {
          applied = true;
          reason =
              s.words().isEmpty()
                  ? "no target: the chain stops at " + name + " (it cancels a default alias)"
                  : "followed: " + name + " -> " + s.words().get(0);
        } else if (ModutilsModprobe.hasShellMeta(name)
            && ModutilsModprobe.devfsMatch(name, query)
            && !query.startsWith("/")) {
          applied = false;
          reason = "a pattern: patterns apply only to names starting with /";
        } else if (ModutilsModprobe.hasShellMeta(name)
            && chained.stream().anyMatch(c -> ModutilsModprobe.devfsMatch(name, c))) {
          applied = lookup.stream().anyMatch(r -> r.lines().contains(s.origin()));
          reason =
              applied
                  ? "followed: the first alias whose pattern matches"
                  : "an earlier alias whose pattern matches won";
        } else {
          applied = false;
          reason = "not reached: " + name + " is not looked up for " + query;
        }
      } else if (d instanceof Directive.Options o) {
        String name = o.name().raw();
        Optional<Seen> later = laterReplacing(index, Directive.Options.class, name);
        if (later.isPresent()) {
          applied = false;
          reason =
              "replaced by the later options line at "
                  + where(later.get().origin())
                  + " (options replaces the earlier ones; add options appends)";
        } else {
          String how =
              o.add()
                  ? "add options: appended to the earlier options of " + name
                  : "sets the options of " + name;
          if (inserted.contains(name)) {
            applied = true;
            reason = how + "; passed to insmod";
          } else if (installed.contains(name)) {
            applied = false;
            reason = how + ", but its install command runs instead of insmod";
          } else {
            applied = false;
            reason = how + ", but nothing is inserted for it here";
          }
          if (o.noAutoclean()) {
            reason += "; -k: never autocleaned";
          }
        }
      } else if (d instanceof Directive.Hook h) {
        String name = h.name().raw();
        ModutilsConfig.HookKind kind = ModutilsConfig.HookKind.valueOf(h.kind().name());
        Optional<Seen> first = firstHook(kind, name);
        if (first.isPresent() && first.get().seq() != s.seq()) {
          applied = false;
          reason =
              "an earlier "
                  + kind.keyword()
                  + " line for "
                  + name
                  + " ("
                  + where(first.get().origin())
                  + ") wins";
        } else if (kind == ModutilsConfig.HookKind.PRE_REMOVE
            || kind == ModutilsConfig.HookKind.REMOVE
            || kind == ModutilsConfig.HookKind.POST_REMOVE) {
          applied = false;
          reason = "used only by modprobe -r";
        } else if (inserted.contains(name) || installed.contains(name)) {
          applied = true;
          reason =
              switch (kind) {
                case INSTALL -> "runs instead of insmod";
                case PRE_INSTALL -> "runs before loading";
                default -> "runs after loading";
              };
        } else {
          applied = false;
          reason = "not reached: " + name + " is not loaded for " + query;
        }
      } else {
        Directive.ModuleList l = (Directive.ModuleList) d;
        String name = l.name().raw();
        String keyword = l.kind().keyword();
        Optional<Seen> later = laterReplacing(index, Directive.ModuleList.class, name, l.kind());
        if (later.isPresent()) {
          applied = false;
          reason =
              "replaced by the later "
                  + keyword
                  + " line at "
                  + where(later.get().origin())
                  + " (add "
                  + keyword
                  + " would append)";
        } else if ((l.kind() == Directive.ListKind.PROBE || l.kind() == Directive.ListKind.PROBEALL)
            && lookup.stream().anyMatch(r -> r.lines().contains(s.origin()))) {
          applied = true;
          reason = (l.add() ? "appended to the list; " : "") + "answers the lookup of " + name;
        } else if ((l.kind() == Directive.ListKind.ABOVE || l.kind() == Directive.ListKind.BELOW)
            && planned.contains(DepFile24.stripo(name))) {
          applied = true;
          reason =
              (l.add() ? "appended to the list; " : "")
                  + "loads "
                  + String.join(" ", s.words())
                  + (l.kind() == Directive.ListKind.BELOW ? " before " : " after ")
                  + name;
        } else {
          applied = false;
          reason = "not reached: " + name + " is not looked up for " + query;
        }
      }
      return new ConfigLine(s.origin(), directive, text, applied, reason + defaults(s.origin()));
    }

    /** A later applied line of the same kind and name that replaces (not {@code add}). */
    private Optional<Seen> laterReplacing(int index, Class<?> kind, String name) {
      return laterReplacing(index, kind, name, null);
    }

    private Optional<Seen> laterReplacing(
        int index, Class<?> kind, String name, Directive.ListKind listKind) {
      Optional<Seen> last = Optional.empty();
      for (int j = index + 1; j < seen.size(); j++) {
        Seen t = seen.get(j);
        if (!t.applied() || !kind.isInstance(t.directive())) {
          continue;
        }
        if (t.directive() instanceof Directive.Options o
            && o.name().raw().equals(name)
            && !o.add()) {
          last = Optional.of(t);
        } else if (t.directive() instanceof Directive.ModuleList l
            && l.kind() == listKind
            && l.name().raw().equals(name)
            && !l.add()) {
          last = Optional.of(t);
        }
      }
      return last;
    }

    private Optional<Seen> firstHook(ModutilsConfig.HookKind kind, String name) {
      for (Seen t : seen) {
        if (t.applied()
            && t.directive() instanceof Directive.Hook h
            && h.kind().name().equals(kind.name())
            && h.name().raw().equals(name)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    private static String directiveName(Directive d) {
      if (d instanceof Directive.Alias) {
        return "alias";
      } else if (d instanceof Directive.Options o) {
        return o.add() ? "add options" : "options";
      } else if (d instanceof Directive.Hook h) {
        return h.kind().keyword();
      } else if (d instanceof Directive.ModuleList l) {
        return (l.add() ? "add " : "") + l.kind().keyword();
      }
      return d.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
  }

  private static String defaults(Origin o) {
    return o.file().equals(ModulesConfReader.DEFAULTS_NAME) ? " (built-in default)" : "";
  }

  private static String where(Optional<Origin> o) {
    return o.map(ModutilsExplainer::where).orElse("?");
  }

  private static String where(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }
}
