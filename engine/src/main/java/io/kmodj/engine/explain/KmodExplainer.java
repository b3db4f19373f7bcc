package io.kmodj.engine.explain;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigFiles;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.index.Fnmatch;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.LookupStep;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ModuleHandle;
import io.kmodj.engine.plan.Plan;
import io.kmodj.engine.plan.ProbeFlags;
import io.kmodj.engine.plan.ProbePlanner;
import io.kmodj.engine.plan.ShowDependsPrinter;
import io.kmodj.engine.plan.Step;
import io.kmodj.engine.system.ModuleSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Explains a name on a kmod (modprobe.d) system: the lookup through {@link
 * ModprobeContext#lookup(String, List)}, the plan {@code modprobe --show-depends} makes (nothing
 * loaded, install commands honoured, the blacklist for alias lookups only), the reason of each
 * step, and every configuration line about the name or a planned module, including those of files
 * kmod never reads (hidden by a file of the same name in an earlier directory, or not ending in
 * {@code .conf}).
 */
public final class KmodExplainer {
  private final ModuleSystem system;

  /**
   * An explainer over a loaded system.
   *
   * @param system the index and configuration
   */
  public KmodExplainer(ModuleSystem system) {
    this.system = Objects.requireNonNull(system);
  }

  /**
   * Explains one name.
   *
   * @param query the module name, alias or modalias string
   * @return the explanation; {@link Explanation#found()} is false when modprobe finds nothing
   */
  public Explanation explain(String query) {
    return explain(query, Optional.empty());
  }

  /**
   * Explains one name, and with a kernel's state why the module it stands for is loaded.
   *
   * @param query the module name, alias or modalias string
   * @param state the simulated kernel's state, if one is asked about
   * @return the explanation
   */
  public Explanation explain(String query, Optional<KernelState> state) {
    Explanation e = plain(query);
    if (state.isEmpty()) {
      return e;
    }
    return e.withLoaded(
        LoadReasons.of(
            state.get(),
            query,
            LoadReasons.candidates(e.lookup(), query),
            LoadReasons.kmod(system.config(), system.context(m -> {})),
            name -> explain(name, Optional.empty()).lookup()));
  }

  private Explanation plain(String query) {
    ModuleConfig config = system.config();
    List<String> messages = new ArrayList<>();
    ModprobeContext ctx =
        new ModprobeContext(system.index(), config, LoadedModules.none(), messages::add);
    List<LookupStep> trace = new ArrayList<>();
    Optional<List<ModuleHandle>> found = ctx.lookup(query, trace);
    List<Resolution> lookup = new ArrayList<>();
    trace.forEach(t -> lookup.add(Resolution.of(t)));
    if (found.isEmpty() || found.get().isEmpty()) {
      messages.add(
          "modprobe: FATAL: Module "
              + query
              + " not found in directory "
              + system.index().dirname());
      return new Explanation(
          query,
          "kmod",
          lookup,
          List.of(),
          lines(query, List.of(), List.of()),
          "",
          1,
          messages,
          Optional.empty());
    }
    ProbePlanner planner = new ProbePlanner(ctx, new ProbeFlags(false, true, false, false));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<PlanStep> steps = new ArrayList<>();
    List<Plan> plans = new ArrayList<>();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1)) {
      ShowDependsPrinter printer = new ShowDependsPrinter(out);
      for (ModuleHandle mod : found.get()) {
        Plan plan = planner.plan(mod, null);
        plans.add(plan);
        plan.run(printer);
      }
    }
    Reasons reasons = new Reasons(config);
    for (int i = 0; i < plans.size(); i++) {
      ModuleHandle top = found.get().get(i);
      for (Step s : plans.get(i).steps()) {
        steps.add(reasons.step(query, top, plans.get(i), s));
      }
    }
    return new Explanation(
        query,
        "kmod",
        lookup,
        steps,
        lines(query, found.get(), plans),
        bytes.toString(StandardCharsets.ISO_8859_1),
        0,
        messages,
        Optional.empty());
  }

  /** What a step prints in a dry run ({@link ShowDependsPrinter}'s words). */
  static String printed(Step s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(b, true, StandardCharsets.ISO_8859_1)) {
      new ShowDependsPrinter(p).execute(s);
    }
    String t = b.toString(StandardCharsets.ISO_8859_1);
    return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
  }

  /** Works out why each step of a plan is there. */
  private final class Reasons {
    private final ModuleConfig config;
    private final ModprobeContext lookups;
    private final Map<String, List<String>> softdepTargets = new HashMap<>();

    Reasons(ModuleConfig config) {
      this.config = config;
      this.lookups = system.context(m -> {});
    }

    PlanStep step(String query, ModuleHandle top, Plan plan, Step s) {
      String m = s.module();
      List<Origin> lines = new ArrayList<>();
      String why;
      if (m.equals(top.name())) {
        why =
            top.alias()
                .map(a -> "what " + query + " stands for (alias " + a + ")")
                .orElse("the module " + query + " names");
      } else {
        why = relation(m, plan, top, lines);
      }
      String action;
      if (s instanceof Step.Insmod) {
        action = "insmod";
        optionLines(m, m.equals(top.name()) ? top.alias().orElse(null) : null, lines);
      } else if (s instanceof Step.RunInstall) {
        action = "install";
        installLine(m).ifPresent(lines::add);
        optionLines(m, m.equals(top.name()) ? top.alias().orElse(null) : null, lines);
        why += "; its install command runs instead of insmod";
      } else if (s instanceof Step.Builtin) {
        action = "builtin";
        why += "; built into the kernel, nothing to insert";
      } else if (s instanceof Step.Blacklisted) {
        action = "blacklisted";
        blacklistLine(m).ifPresent(lines::add);
        why += "; blacklisted and found through an alias, so modprobe skips it";
      } else if (s instanceof Step.AlreadyLoaded) {
        action = "already-loaded";
        why += "; already in the kernel";
      } else {
        action = "nothing";
        why += "; neither a file nor built in: modprobe does nothing and says nothing";
      }
      return new PlanStep(action, m, printed(s), why, lines);
    }

    private String relation(String m, Plan plan, ModuleHandle top, List<Origin> lines) {
      List<String> planned = new ArrayList<>();
      planned.add(top.name());
      for (Step s : plan.steps()) {
        if (!planned.contains(s.module())) {
          planned.add(s.module());
        }
      }
      if (dependencies(top.name()).contains(m)) {
        return "hard dependency of " + top.name() + " (modules.dep)";
      }
      for (String x : planned) {
        Optional<ConfigEntry.Softdep> sd = softdep(x);
        if (sd.isPresent() && !x.equals(m)) {
          if (softdepTargets(sd.get().pre()).contains(m)) {
            lines.add(sd.get().origin());
            return "softdep pre: of " + x + " (" + where(sd.get().origin()) + ")";
          }
          if (softdepTargets(sd.get().post()).contains(m)) {
            lines.add(sd.get().origin());
            return "softdep post: of " + x + " (" + where(sd.get().origin()) + ")";
          }
        }
      }
      for (String x : planned) {
        if (dependencies(x).contains(m)) {
          return "hard dependency of " + x + " (modules.dep)";
        }
      }
      return "needed by " + top.name();
    }

    private List<String> softdepTargets(List<String> names) {
      List<String> out = new ArrayList<>();
      for (String n : names) {
        out.addAll(
            softdepTargets.computeIfAbsent(
                n,
                k ->
                    lookups.lookup(k).orElse(List.of()).stream().map(ModuleHandle::name).toList()));
      }
      return out;
    }

    private List<String> dependencies(String module) {
      return system
          .index()
          .dependencies(module)
          .map(DepEntry::dependencies)
          .orElse(List.of())
          .stream()
          .map(ModuleNames::fromPath)
          .toList();
    }

    private void optionLines(String module, String alias, List<Origin> lines) {
      for (ConfigEntry.Options o : config.options()) {
        if (!o.options().isEmpty()
            && (o.name().equals(module) || (alias != null && o.name().equals(alias)))) {
          lines.add(o.origin());
        }
      }
    }

    private Optional<Origin> installLine(String module) {
      return firstInstall(config, module).map(ConfigEntry::origin);
    }

    private Optional<Origin> blacklistLine(String module) {
      return config.blacklist().stream()
          .filter(b -> b.name().equals(module))
          .map(ConfigEntry::origin)
          .findFirst();
    }

    private Optional<ConfigEntry.Softdep> softdep(String module) {
      return firstSoftdep(config, module);
    }
  }

  static Optional<ConfigEntry.Install> firstInstall(ModuleConfig config, String module) {
    return config.installs().stream().filter(i -> Fnmatch.matches(i.name(), module)).findFirst();
  }

  static Optional<ConfigEntry.Softdep> firstSoftdep(ModuleConfig config, String module) {
    return config.softdeps().stream().filter(s -> Fnmatch.matches(s.name(), module)).findFirst();
  }

  static String where(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }

  /** The text of an entry as the configuration reads it. */
  static String text(ConfigEntry e) {
    if (e instanceof ConfigEntry.Alias a) {
      return "alias " + a.name() + " " + a.module();
    } else if (e instanceof ConfigEntry.Options o) {
      return "options " + o.name() + " " + o.options();
    } else if (e instanceof ConfigEntry.Install i) {
      return "install " + i.name() + " " + i.command();
    } else if (e instanceof ConfigEntry.Remove r) {
      return "remove " + r.name() + " " + r.command();
    } else if (e instanceof ConfigEntry.Blacklist b) {
      return "blacklist " + b.name();
    }
    ConfigEntry.Softdep s = (ConfigEntry.Softdep) e;
    // written out from its lists: modprobe -c's text runs "pre: a" and "post:" together
    return "softdep "
        + s.name()
        + (s.pre().isEmpty() ? "" : " pre: " + String.join(" ", s.pre()))
        + (s.post().isEmpty() ? "" : " post: " + String.join(" ", s.post()));
  }

  static String directive(ConfigEntry e) {
    return text(e).substring(0, text(e).indexOf(' '));
  }

  private static List<ConfigEntry> entries(ModuleConfig c) {
    List<ConfigEntry> all = new ArrayList<>();
    all.addAll(c.aliases());
    all.addAll(c.options());
    all.addAll(c.installs());
    all.addAll(c.removes());
    all.addAll(c.blacklist());
    all.addAll(c.softdeps());
    return all;
  }

  /** The lines about the query and the planned modules, each judged. */
  private List<ConfigLine> lines(String query, List<ModuleHandle> tops, List<Plan> plans) {
    String name = ModuleNames.normalizeAlias(query).orElse(query);
    ModuleConfig config = system.config();
    // planned module -> how it came in: "top", "alias", "dependency", "softdep"
    Map<String, String> planned = new java.util.LinkedHashMap<>();
    Set<String> aliases = new LinkedHashSet<>();
    Map<String, Step> stepOf = new HashMap<>();
    for (int i = 0; i < plans.size(); i++) {
      ModuleHandle top = tops.get(i);
      top.alias().ifPresent(aliases::add);
      planned.put(top.name(), top.alias().isPresent() ? "alias" : "top");
      for (Step s : plans.get(i).steps()) {
        planned.putIfAbsent(s.module(), "pulled");
        stepOf.putIfAbsent(s.module(), s);
      }
    }
    List<ConfigLine> out = new ArrayList<>();
    for (ConfigEntry e : sorted(entries(config))) {
      judge(e, name, planned, aliases, stepOf, config).ifPresent(out::add);
    }
    for (Unread u : unread()) {
      for (ConfigEntry e : sorted(entries(u.config()))) {
        if (concerns(e, name, planned.keySet(), aliases)) {
          out.add(new ConfigLine(e.origin(), directive(e), text(e), false, u.reason()));
        }
      }
    }
    return out;
  }

  private static List<ConfigEntry> sorted(List<ConfigEntry> entries) {
    // reading order: files as kmod reads them are already in order within a kind; merge by file
    // rank then line, keeping each file's first appearance as its rank
    Map<String, Integer> rank = new HashMap<>();
    List<ConfigEntry> list = new ArrayList<>(entries);
    List<String> files = new ArrayList<>();
    for (ConfigEntry e : entries) {
      if (!rank.containsKey(e.origin().file())) {
        files.add(e.origin().file());
        rank.put(e.origin().file(), 0);
      }
    }
    java.util.Collections.sort(files, ConfigFilesOrder.INSTANCE);
    for (int i = 0; i < files.size(); i++) {
      rank.put(files.get(i), i);
    }
    list.sort(
        java.util.Comparator.comparingInt((ConfigEntry e) -> rank.get(e.origin().file()))
            .thenComparingInt(e -> e.origin().line()));
    return list;
  }

  /** Orders file names as kmod reads them: by base name, the kernel command line last. */
  private enum ConfigFilesOrder implements java.util.Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
      boolean ca = a.startsWith("/proc") || (!a.contains("/") && a.contains("cmdline"));
      boolean cb = b.startsWith("/proc") || (!b.contains("/") && b.contains("cmdline"));
      if (ca != cb) {
        return ca ? 1 : -1;
      }
      return java.util.Arrays.compareUnsigned(
          base(a).getBytes(StandardCharsets.UTF_8), base(b).getBytes(StandardCharsets.UTF_8));
    }

    private static String base(String f) {
      int slash = f.lastIndexOf('/');
      return slash < 0 ? f : f.substring(slash + 1);
    }
  }

  private static boolean concerns(
      ConfigEntry e, String name, Set<String> planned, Set<String> aliases) {
    if (e instanceof ConfigEntry.Alias a) {
      return Fnmatch.matches(a.name(), name) || planned.contains(a.module());
    } else if (e instanceof ConfigEntry.Options o) {
      return o.name().equals(name) || planned.contains(o.name()) || aliases.contains(o.name());
    } else if (e instanceof ConfigEntry.Blacklist b) {
      return b.name().equals(name) || planned.contains(b.name());
    }
    if (e.name().equals(name)) {
      return true;
    }
    for (String m : planned) {
      if (Fnmatch.matches(e.name(), m)) {
        return true;
      }
    }
    return false;
  }

  private Optional<ConfigLine> judge(
      ConfigEntry e,
      String name,
      Map<String, String> planned,
      Set<String> aliases,
      Map<String, Step> stepOf,
      ModuleConfig config) {
    if (!concerns(e, name, planned.keySet(), aliases)) {
      return Optional.empty();
    }
    boolean applied;
    String reason;
    if (e instanceof ConfigEntry.Alias a) {
      applied = Fnmatch.matches(a.name(), name);
      reason =
          applied
              ? name + " matches it: it stands for " + a.module()
              : "an alias for " + a.module() + " that " + name + " does not match";
    } else if (e instanceof ConfigEntry.Options o) {
      Step s = stepOf.get(o.name());
      if (s == null && aliases.contains(o.name())) {
        s =
            planned.keySet().stream()
                .map(stepOf::get)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
      }
      applied = s instanceof Step.Insmod || s instanceof Step.RunInstall;
      if (o.options().isEmpty()) {
        applied = false;
        reason = "no options on the line";
      } else if (applied) {
        reason = "passed to " + (s instanceof Step.Insmod ? "insmod" : "the install command");
      } else if (s == null) {
        reason = o.name() + " is not looked up by this name, or nothing is inserted for it";
      } else {
        reason = "nothing is inserted for " + s.module() + " (" + kind(s) + ")";
      }
    } else if (e instanceof ConfigEntry.Install i) {
      String module = matching(i.name(), planned.keySet(), name);
      Optional<ConfigEntry.Install> first = firstInstall(config, module);
      Step s = stepOf.get(module);
      if (first.isPresent() && !first.get().equals(i)) {
        applied = false;
        reason = "an earlier install line won (" + where(first.get().origin()) + ")";
      } else if (s instanceof Step.RunInstall) {
        applied = true;
        reason = "runs instead of inserting " + module;
      } else if (firstSoftdep(config, module).isPresent()) {
        applied = false;
        reason =
            "a softdep for "
                + module
                + " ("
                + where(firstSoftdep(config, module).get().origin())
                + ") disables the install command: modprobe inserts the module itself";
      } else if (s == null) {
        applied = !planned.containsKey(module) && i.name().equals(name);
        reason = applied ? "answered the lookup of " + name : "not reached";
      } else {
        applied = false;
        reason = "nothing is inserted for " + module + " (" + kind(s) + ")";
      }
    } else if (e instanceof ConfigEntry.Remove) {
      applied = false;
      reason = "used only by modprobe -r";
    } else if (e instanceof ConfigEntry.Blacklist b) {
      Step s = stepOf.get(b.name());
      applied = s instanceof Step.Blacklisted;
      String how = planned.get(b.name());
      if (applied) {
        reason = b.name() + " was found through an alias: modprobe skips it";
      } else if ("top".equals(how)) {
        reason =
            "blacklist applies only to alias lookups: "
                + b.name()
                + " asked by its own name still loads (modprobe -b would honour it)";
      } else if ("pulled".equals(how)) {
        reason =
            "blacklist does not stop a module brought in as a dependency or by a softdep;"
                + " use install "
                + b.name()
                + " /bin/false to block it";
      } else {
        reason = "not reached";
      }
    } else {
      ConfigEntry.Softdep sd = (ConfigEntry.Softdep) e;
      String module = matching(sd.name(), planned.keySet(), name);
      Optional<ConfigEntry.Softdep> first = firstSoftdep(config, module);
      if (first.isPresent() && !first.get().equals(sd)) {
        applied = false;
        reason =
            "only the first softdep for a module counts: "
                + where(first.get().origin())
                + " came first";
      } else if (planned.containsKey(module) && stepOf.containsKey(module)) {
        applied = true;
        reason = "loads its modules around " + module;
      } else {
        applied = false;
        reason = "not reached";
      }
    }
    return Optional.of(new ConfigLine(e.origin(), directive(e), text(e), applied, reason));
  }

  private static String kind(Step s) {
    if (s instanceof Step.Builtin) {
      return "built in";
    } else if (s instanceof Step.Blacklisted) {
      return "blacklisted";
    } else if (s instanceof Step.AlreadyLoaded) {
      return "already loaded";
    }
    return "no file";
  }

  private static String matching(String pattern, Set<String> planned, String name) {
    for (String m : planned) {
      if (Fnmatch.matches(pattern, m)) {
        return m;
      }
    }
    return name;
  }

  /** A file kmod does not read, with what it holds and why. */
  private record Unread(ModuleConfig config, String reason) {}

  /** Files in the configuration directories that kmod skips: hidden ones and non-.conf ones. */
  private List<Unread> unread() {
    List<String> paths =
        system.spec().configPaths().isEmpty()
            ? ConfigFiles.DEFAULT_PATHS
            : system.spec().configPaths();
    Map<String, String> seen = new TreeMap<>();
    List<Unread> out = new ArrayList<>();
    for (String dir : paths) {
      Path p = Path.of(dir);
      if (!Files.isDirectory(p)) {
        continue;
      }
      List<Path> entries;
      try (Stream<Path> s = Files.list(p)) {
        entries = s.sorted().toList();
      } catch (IOException e) {
        continue;
      }
      for (Path f : entries) {
        String fn = f.getFileName().toString();
        if (fn.startsWith(".") || !Files.isRegularFile(f)) {
          continue;
        }
        String shown = dir + "/" + fn;
        boolean read = fn.length() >= 6 && (fn.endsWith(".conf") || fn.endsWith(".alias"));
        String reason;
        if (!read) {
          reason = "file not read: kmod reads only names ending in .conf (and .alias)";
        } else if (seen.containsKey(fn)) {
          reason = "file hidden by " + seen.get(fn) + " (same name, earlier directory)";
        } else {
          seen.put(fn, shown);
          continue;
        }
        try {
          String text = Files.readString(f, StandardCharsets.ISO_8859_1);
          ModuleConfig.Builder b = new ModuleConfig.Builder();
          ModprobeDFrontEnd.readFile(shown, text, b);
          out.add(new Unread(b.build(), reason));
        } catch (IOException e) {
          // unreadable: kmod would not read it either
        }
      }
    }
    return out;
  }
}
