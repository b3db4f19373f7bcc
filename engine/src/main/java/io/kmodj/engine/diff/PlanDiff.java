package io.kmodj.engine.diff;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.index.Fnmatch;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.index.PatternTrie;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.modutils.ModutilsModprobe;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ModuleHandle;
import io.kmodj.engine.plan.Plan;
import io.kmodj.engine.plan.ProbeFlags;
import io.kmodj.engine.plan.ProbePlanner;
import io.kmodj.engine.plan.ShowDependsPrinter;
import io.kmodj.engine.plan.Step;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the plans of every lookup under two configurations of one module tree and says which
 * changed, grouped by the configuration change that caused them.
 *
 * <p>The lookups are every module name of the tree (modules.dep), every alias string of its
 * modules.alias (each pattern looked up as written), and every name without wildcards that either
 * configuration mentions (alias names and targets, directive names, softdep lists). A plan is what
 * {@code modprobe --show-depends NAME} prints (modutils: {@code modprobe -n -v NAME}); see {@link
 * LookupChange} for what prints nothing.
 *
 * <p>kmod's fast path plans only the lookups a changed line can reach: those a changed line's name
 * (a pattern) matches, and those whose modules reach, through modules.dep and the softdeps of
 * either configuration, a module a changed line's name matches or a softdep whose name list a
 * changed line matches. {@code exhaustive} plans every lookup instead; the answers are the same (a
 * test checks it on generated changes). modutils' trees are small, and its lookups are always all
 * planned.
 */
public final class PlanDiff {
  /** Past this many changed names the fast path would match them all anyway: plan everything. */
  static final int FAST_PATH_LIMIT = 2000;

  private static final ProbeFlags SHOW_DEPENDS = new ProbeFlags(false, true, false, false);

  private PlanDiff() {}

  /** A plan as lines, with the names of the modules it touches (for grouping). */
  record Outcome(List<String> lines, Set<String> modules) {}

  /**
   * Compares two kmod (modprobe.d) configurations over one index.
   *
   * @param index the module index
   * @param before the old configuration
   * @param after the new configuration
   * @param exhaustive plan every lookup instead of those a change can reach
   * @return what changed
   */
  public static DiffResult kmod(
      ModuleIndex index, ModuleConfig before, ModuleConfig after, boolean exhaustive) {
    List<EntryDiff.Delta> deltas = EntryDiff.diff(items(before), items(after));
    List<String[]> indexAliases = pairs(index.aliases());
    Set<String> lookups = lookups(index, indexAliases, before, after);
    Collection<String> todo;
    if (deltas.isEmpty()) {
      todo = exhaustive ? lookups : List.of();
    } else if (exhaustive || namesOf(deltas).size() > FAST_PATH_LIMIT) {
      todo = lookups;
    } else {
      todo = reachable(index, before, after, deltas, lookups, indexAliases);
    }
    Map<String, Outcome[]> changed = new TreeMap<>();
    for (String l : todo) {
      Outcome b = kmodPlan(index, before, l);
      Outcome a = kmodPlan(index, after, l);
      if (!b.lines().equals(a.lines())) {
        changed.put(l, new Outcome[] {b, a});
      }
    }
    return result(deltas, changed, lookups.size(), todo.size());
  }

  /**
   * Compares two modutils (modules.conf) configurations over one modules.dep; every lookup is
   * planned.
   *
   * @param before the old configuration
   * @param after the new configuration
   * @param dep the modules.dep both are read over
   * @return what changed
   */
  public static DiffResult modutils(ModutilsConfig before, ModutilsConfig after, DepFile24 dep) {
    List<EntryDiff.Delta> deltas = EntryDiff.diff(items(before), items(after));
    Set<String> lookups = new TreeSet<>();
    for (DepFile24.Entry e : dep.entries()) {
      if (!e.key().equals("null")) {
        lookups.add(e.key());
      }
    }
    for (EntryDiff.Delta d : deltas) {
      for (Item i : d.before()) {
        literal(i, lookups);
      }
      for (Item i : d.after()) {
        literal(i, lookups);
      }
    }
    for (Item i : items(before)) {
      literal(i, lookups);
    }
    for (Item i : items(after)) {
      literal(i, lookups);
    }
    Map<String, Outcome[]> changed = new TreeMap<>();
    for (String l : lookups) {
      Outcome b = modutilsPlan(before, dep, l);
      Outcome a = modutilsPlan(after, dep, l);
      if (!b.lines().equals(a.lines())) {
        changed.put(l, new Outcome[] {b, a});
      }
    }
    return result(deltas, changed, lookups.size(), lookups.size());
  }

  private static void literal(Item i, Set<String> lookups) {
    if (!i.name().equals("*") && !Fnmatch.isPattern(i.name()) && !i.kind().equals("path")) {
      lookups.add(i.name());
    }
    for (String n : i.names()) {
      if (!Fnmatch.isPattern(n) && n.indexOf('=') < 0 && !n.startsWith("-")) {
        lookups.add(n);
      }
    }
  }

  private static DiffResult result(
      List<EntryDiff.Delta> deltas, Map<String, Outcome[]> changed, int compared, int replanned) {
    List<LookupChange> all = new ArrayList<>();
    List<List<LookupChange>> byDelta = new ArrayList<>();
    for (int i = 0; i < deltas.size(); i++) {
      byDelta.add(new ArrayList<>());
    }
    for (Map.Entry<String, Outcome[]> e : changed.entrySet()) {
      Outcome b = e.getValue()[0];
      Outcome a = e.getValue()[1];
      LookupChange lc = new LookupChange(e.getKey(), b.lines(), a.lines());
      all.add(lc);
      Set<String> touched = new HashSet<>(b.modules());
      touched.addAll(a.modules());
      String name = ModuleNames.normalizeAlias(e.getKey()).orElse(e.getKey());
      touched.add(name);
      boolean placed = false;
      for (int i = 0; i < deltas.size(); i++) {
        if (concerns(deltas.get(i), name, touched)) {
          byDelta.get(i).add(lc);
          placed = true;
        }
      }
      if (!placed) {
        // nothing names it (a change no line of the lookup's plan shows): every change may have
        for (List<LookupChange> l : byDelta) {
          l.add(lc);
        }
      }
    }
    List<ChangeGroup> groups = new ArrayList<>();
    List<ConfigChange> changes = new ArrayList<>();
    for (int i = 0; i < deltas.size(); i++) {
      changes.add(deltas.get(i).change());
      if (!byDelta.get(i).isEmpty()) {
        groups.add(new ChangeGroup(deltas.get(i).change(), byDelta.get(i)));
      }
    }
    return new DiffResult(changes, groups, all, compared, replanned);
  }

  private static boolean concerns(EntryDiff.Delta d, String lookup, Set<String> touched) {
    List<Item> items = new ArrayList<>(d.before());
    items.addAll(d.after());
    for (Item i : items) {
      if (i.name().equals("*")) {
        return true;
      }
      if (Fnmatch.matches(i.name(), lookup)) {
        return true;
      }
      for (String t : touched) {
        if (Fnmatch.matches(i.name(), t)) {
          return true;
        }
      }
      for (String n : i.names()) {
        if (touched.contains(n)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- kmod ----

  static List<Item> items(ModuleConfig c) {
    List<Item> out = new ArrayList<>();
    for (ConfigEntry.Blacklist b : c.blacklist()) {
      out.add(new Item("blacklist", "blacklist " + b.name(), b.origin(), b.name(), List.of()));
    }
    for (ConfigEntry.Install i : c.installs()) {
      out.add(
          new Item(
              "install",
              "install " + i.name() + " " + i.command(),
              i.origin(),
              i.name(),
              List.of()));
    }
    for (ConfigEntry.Remove r : c.removes()) {
      out.add(
          new Item(
              "remove", "remove " + r.name() + " " + r.command(), r.origin(), r.name(), List.of()));
    }
    for (ConfigEntry.Alias a : c.aliases()) {
      out.add(
          new Item(
              "alias",
              "alias " + a.name() + " " + a.module(),
              a.origin(),
              a.name(),
              List.of(a.module())));
    }
    for (ConfigEntry.Options o : c.options()) {
      out.add(
          new Item(
              "options",
              "options " + o.name() + " " + o.options(),
              o.origin(),
              o.name(),
              List.of()));
    }
    for (ConfigEntry.Softdep s : c.softdeps()) {
      List<String> names = new ArrayList<>(s.pre());
      names.addAll(s.post());
      out.add(
          new Item(
              "softdep", "softdep " + s.name() + " " + s.shown(), s.origin(), s.name(), names));
    }
    return out;
  }

  /**
   * The lookups a kmod diff compares: the tree's module names, its modules.alias strings, the names
   * without wildcards the configurations mention.
   *
   * @param index the index
   * @param before one configuration
   * @param after the other
   * @return the lookups, sorted
   */
  public static Set<String> kmodLookups(
      ModuleIndex index, ModuleConfig before, ModuleConfig after) {
    return lookups(index, pairs(index.aliases()), before, after);
  }

  private static Set<String> lookups(
      ModuleIndex index, List<String[]> indexAliases, ModuleConfig before, ModuleConfig after) {
    Set<String> lookups = new TreeSet<>(index.moduleNames());
    for (String[] p : indexAliases) {
      lookups.add(p[0]);
    }
    mentioned(before, lookups);
    mentioned(after, lookups);
    return lookups;
  }

  private static void mentioned(ModuleConfig c, Set<String> lookups) {
    for (Item i : items(c)) {
      if (!Fnmatch.isPattern(i.name())) {
        lookups.add(i.name());
      }
      for (String n : i.names()) {
        if (!Fnmatch.isPattern(n)) {
          lookups.add(n);
        }
      }
    }
  }

  /** Every key and value of an index trie, as {@code [key, value]}. */
  private static List<String[]> pairs(PatternTrie trie) {
    StringBuilder sb = new StringBuilder();
    try {
      trie.dump("", sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < sb.length(); i++) {
      if (sb.charAt(i) == '\n') {
        String line = sb.substring(start, i);
        int sp = line.lastIndexOf(' ');
        if (sp > 0) {
          out.add(new String[] {line.substring(0, sp), line.substring(sp + 1)});
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static Set<String> namesOf(List<EntryDiff.Delta> deltas) {
    Set<String> names = new HashSet<>();
    for (EntryDiff.Delta d : deltas) {
      for (Item i : d.before()) {
        names.add(i.name());
      }
      for (Item i : d.after()) {
        names.add(i.name());
      }
    }
    return names;
  }

  /** Names matched by the changed lines' names (each a pattern). */
  private static final class Dirty {
    private final Set<String> literal = new HashSet<>();
    private final List<String> patterns = new ArrayList<>();

    Dirty(Set<String> names) {
      for (String n : names) {
        if (Fnmatch.isPattern(n)) {
          patterns.add(n);
        } else {
          literal.add(n);
        }
      }
    }

    boolean matches(String s) {
      if (literal.contains(s)) {
        return true;
      }
      for (String p : patterns) {
        if (Fnmatch.matches(p, s)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The lookups whose plan a change can reach (a superset of those whose plan changes). */
  private static Set<String> reachable(
      ModuleIndex index,
      ModuleConfig before,
      ModuleConfig after,
      List<EntryDiff.Delta> deltas,
      Set<String> lookups,
      List<String[]> indexAliases) {
    Dirty dirty = new Dirty(namesOf(deltas));
    // who may hold a module in its plan: modules.dep, then the softdeps of either configuration
    Map<String, Set<String>> holders = new HashMap<>();
    Set<String> modules = new LinkedHashSet<>(index.moduleNames());
    for (String m : index.moduleNames()) {
      DepEntry e = index.dependencies(m).orElseThrow();
      for (String d : e.dependencies()) {
        holders.computeIfAbsent(ModuleNames.fromPath(d), k -> new HashSet<>()).add(m);
      }
    }
    for (ModuleConfig c : List.of(before, after)) {
      for (ConfigEntry.Alias a : c.aliases()) {
        modules.add(a.module());
      }
    }
    Set<String> seeds = new HashSet<>();
    for (ModuleConfig c : List.of(before, after)) {
      for (ConfigEntry.Softdep s : c.softdeps()) {
        List<String> owners = new ArrayList<>();
        if (Fnmatch.isPattern(s.name())) {
          for (String m : modules) {
            if (Fnmatch.matches(s.name(), m)) {
              owners.add(m);
            }
          }
        } else {
          owners.add(s.name());
        }
        List<String> names = new ArrayList<>(s.pre());
        names.addAll(s.post());
        for (String n : names) {
          Optional<String> norm = ModuleNames.normalizeAlias(n);
          if (norm.isEmpty()) {
            continue;
          }
          if (dirty.matches(norm.get())) {
            seeds.addAll(owners);
          }
          for (ModuleConfig c2 : List.of(before, after)) {
            for (String r : resolve(index, c2, n)) {
              holders.computeIfAbsent(r, k -> new HashSet<>()).addAll(owners);
            }
          }
        }
      }
    }
    for (String m : modules) {
      if (dirty.matches(m)) {
        seeds.add(m);
      }
    }
    for (String l : lookups) {
      if (dirty.matches(l)) {
        seeds.add(l);
      }
    }
    Set<String> reach = new HashSet<>(seeds);
    Deque<String> queue = new ArrayDeque<>(seeds);
    while (!queue.isEmpty()) {
      for (String h : holders.getOrDefault(queue.pop(), Set.of())) {
        if (reach.add(h)) {
          queue.push(h);
        }
      }
    }
    // the index and configured aliases that lead to a reached module
    PatternTrie leading = new PatternTrie();
    for (String[] p : indexAliases) {
      if (reach.contains(p[1])) {
        leading.add(p[0], p[1], 0);
      }
    }
    for (String[] p : pairs(index.builtinAliases())) {
      if (reach.contains(p[1])) {
        leading.add(p[0], p[1], 0);
      }
    }
    leading.freeze();
    List<String> configured = new ArrayList<>();
    for (ModuleConfig c : List.of(before, after)) {
      for (ConfigEntry.Alias a : c.aliases()) {
        if (reach.contains(a.module())) {
          configured.add(a.name());
        }
      }
    }
    Set<String> out = new TreeSet<>();
    for (String l : lookups) {
      Optional<String> norm = ModuleNames.normalizeAlias(l);
      if (norm.isEmpty()) {
        continue;
      }
      String n = norm.get();
      boolean hit =
          reach.contains(n)
              || dirty.matches(n)
              || n.startsWith("symbol:")
              || !leading.search(n).isEmpty();
      for (int i = 0; !hit && i < configured.size(); i++) {
        hit = Fnmatch.matches(configured.get(i), n);
      }
      if (hit) {
        out.add(l);
      }
    }
    return out;
  }

  private static List<String> resolve(ModuleIndex index, ModuleConfig config, String name) {
    ModprobeContext ctx = new ModprobeContext(index, config, LoadedModules.none(), m -> {});
    List<String> out = new ArrayList<>();
    for (ModuleHandle h : ctx.lookup(name).orElse(List.of())) {
      out.add(h.name());
    }
    return out;
  }

  /**
   * The plan of one lookup under a kmod configuration, as {@code modprobe --show-depends} prints it
   * (lines starting with {@code #} for what prints nothing).
   *
   * @param index the index
   * @param config the configuration
   * @param lookup the name looked up
   * @return the plan's lines
   */
  public static List<String> kmodPlanLines(ModuleIndex index, ModuleConfig config, String lookup) {
    return kmodPlan(index, config, lookup).lines();
  }

  static Outcome kmodPlan(ModuleIndex index, ModuleConfig config, String lookup) {
    ModprobeContext ctx = new ModprobeContext(index, config, LoadedModules.none(), m -> {});
    Optional<List<ModuleHandle>> found = ctx.lookup(lookup);
    if (found.isEmpty()) {
      return new Outcome(List.of("# not a valid name"), Set.of());
    }
    if (found.get().isEmpty()) {
      return new Outcome(List.of("# not found"), Set.of());
    }
    List<String> lines = new ArrayList<>();
    Set<String> modules = new HashSet<>();
    ProbePlanner planner = new ProbePlanner(ctx, SHOW_DEPENDS);
    for (ModuleHandle mod : found.get()) {
      Plan plan = planner.plan(mod, null);
      for (Step s : plan.steps()) {
        modules.add(s.module());
        lines.add(line(s));
      }
    }
    return new Outcome(lines, modules);
  }

  private static String line(Step step) {
    if (step instanceof Step.Insmod s) {
      return "insmod " + s.path() + " " + s.options();
    } else if (step instanceof Step.Builtin s) {
      return "builtin " + s.module();
    } else if (step instanceof Step.RunInstall s) {
      return "install " + s.command() + " " + s.options();
    } else if (step instanceof Step.Blacklisted s) {
      return "# blacklisted " + s.module();
    } else if (step instanceof Step.Nothing s) {
      return "# no file for " + s.module();
    } else if (step instanceof Step.AlreadyLoaded s) {
      return "# already loaded " + s.module();
    } else if (step instanceof Step.Rmmod s) {
      return "rmmod " + s.module();
    }
    return "remove " + ((Step.RunRemove) step).command();
  }

  // ---- modutils ----

  static List<Item> items(ModutilsConfig c) {
    List<Item> out = new ArrayList<>();
    Origin whole =
        new Origin(c.lastConfigFile().isEmpty() ? "modules.conf" : c.lastConfigFile(), 0);
    for (ModutilsConfig.PathEntry p : c.paths()) {
      out.add(new Item("path", "path[" + p.tag() + "]=" + p.directory(), whole, "*", List.of()));
    }
    c.insmodOpt()
        .ifPresent(o -> out.add(new Item("insmod_opt", "insmod_opt=" + o, whole, "*", List.of())));
    named(c, "alias", c.aliases(), whole, out);
    named(c, "options", c.options(), whole, out);
    named(c, "probe", c.probes(), whole, out);
    named(c, "probeall", c.probealls(), whole, out);
    named(c, "below", c.below(), whole, out);
    named(c, "above", c.above(), whole, out);
    for (ModutilsConfig.Hook h : c.hooks()) {
      String k = h.kind().keyword();
      out.add(
          new Item(
              k,
              k + " " + h.name() + " " + h.command(),
              c.origin(k, h.name()).orElse(whole),
              h.name(),
              List.of()));
    }
    return out;
  }

  private static void named(
      ModutilsConfig c,
      String keyword,
      Map<String, ModutilsConfig.Named> map,
      Origin whole,
      List<Item> out) {
    for (ModutilsConfig.Named n : map.values()) {
      String text =
          keyword
              + (n.autoclean() ? " " : " -k ")
              + n.name()
              + (n.words().isEmpty() ? "" : " " + String.join(" ", n.words()));
      out.add(
          new Item(keyword, text, c.origin(keyword, n.name()).orElse(whole), n.name(), n.words()));
    }
  }

  /**
   * The plan of one lookup under a modutils configuration, as {@code modprobe -n -v} prints its
   * steps (lines starting with {@code #} for failures and messages).
   *
   * @param config the configuration
   * @param dep the modules.dep
   * @param lookup the name looked up
   * @return the plan's lines
   */
  public static List<String> modutilsPlanLines(
      ModutilsConfig config, DepFile24 dep, String lookup) {
    return modutilsPlan(config, dep, lookup).lines();
  }

  static Outcome modutilsPlan(ModutilsConfig config, DepFile24 dep, String lookup) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1);
    List<String> messages = new ArrayList<>();
    Set<String> modules = new HashSet<>();
    ShowDependsPrinter printer = new ShowDependsPrinter(out);
    ModutilsModprobe mp =
        new ModutilsModprobe(
            config,
            dep,
            LoadedModules.none(),
            new ModutilsModprobe.Flags(false, false, false, false, Optional.empty()),
            out,
            m -> messages.add("# error: " + m),
            step -> {
              modules.add(step.module());
              return printer.execute(step);
            });
    int code;
    try {
      code = mp.fromList(List.of(lookup), false);
    } catch (ModutilsModprobe.PlanningFailure e) {
      messages.add("# error: " + e.getMessage());
      code = -1;
    }
    out.flush();
    List<String> lines = new ArrayList<>();
    for (String l : bytes.toString(StandardCharsets.ISO_8859_1).split("\n", -1)) {
      if (!l.isEmpty()) {
        lines.add(l);
      }
    }
    for (String m : messages) {
      lines.add(m.replace('\n', ' '));
    }
    if (code != 0) {
      lines.add("# fails");
    }
    return new Outcome(lines, modules);
  }
}
