package io.kmodj.engine.explain;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.LoadCause;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ModuleFlag;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ModuleHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Why a module of a simulated kernel is loaded, worked out from the kernel's saved state: the
 * module table in load order (each module's holders and dependencies, its autoclean flag), the
 * kernel log (when and with which parameters it was loaded), and the configuration's soft relations
 * (kmod's softdep lines, modutils' below and above). A module is followed to the loaded module that
 * holds it (a hard dependency), else to a loaded module whose soft relation names it, until one is
 * reached that nothing loaded needs: that one was asked for, and the request recorded with it
 * ({@link LoadCause}: modprobe by hand, the kernel's request_module, insmod, and the name asked)
 * says by whom. A module of the chain that came in with another request than the top one's (loaded
 * for an earlier request, needed now by a later module) says so. A state written before kmodj
 * recorded requests tells an asked-for module as asked by hand or by a request, or on the kernel's
 * request when its autoclean flag says so (2.2/2.4 compatibility, where request_module runs {@code
 * modprobe -k}).
 */
public final class LoadReasons {
  /**
   * A soft relation: loading {@code of} also loads {@code module}.
   *
   * @param of the module whose loading brings the other in
   * @param module the module brought in
   * @param how the relation for people, with its file:line ({@code softdep pre: of bonding
   *     (10-network.conf:6)})
   */
  public record Soft(String of, String module, String how) {
    public Soft {
      Objects.requireNonNull(of);
      Objects.requireNonNull(module);
      Objects.requireNonNull(how);
    }
  }

  private LoadReasons() {}

  /**
   * The soft relations of a kmod configuration: the first softdep line matching a module, its names
   * looked up as modprobe looks them up.
   *
   * @param config the configuration
   * @param lookups a context to look the names up in
   * @return the relations of a loaded module
   */
  public static Function<String, List<Soft>> kmod(ModuleConfig config, ModprobeContext lookups) {
    Map<String, List<String>> cache = new HashMap<>();
    return x -> {
      Optional<ConfigEntry.Softdep> sd = KmodExplainer.firstSoftdep(config, x);
      if (sd.isEmpty()) {
        return List.of();
      }
      List<Soft> out = new ArrayList<>();
      String where = KmodExplainer.where(sd.get().origin());
      for (String n : sd.get().pre()) {
        for (String m : resolve(n, lookups, cache)) {
          out.add(new Soft(x, m, "softdep pre: of " + x + " (" + where + "), loaded before it"));
        }
      }
      for (String n : sd.get().post()) {
        for (String m : resolve(n, lookups, cache)) {
          out.add(new Soft(x, m, "softdep post: of " + x + " (" + where + "), loaded after it"));
        }
      }
      return out;
    };
  }

  private static List<String> resolve(
      String name, ModprobeContext lookups, Map<String, List<String>> cache) {
    return cache.computeIfAbsent(
        name, k -> lookups.lookup(k).orElse(List.of()).stream().map(ModuleHandle::name).toList());
  }

  /**
   * The soft relations of a modules.conf configuration: {@code below} and {@code above} lists.
   *
   * @param config the configuration
   * @return the relations of a loaded module
   */
  public static Function<String, List<Soft>> modutils(ModutilsConfig config) {
    return x -> {
      List<Soft> out = new ArrayList<>();
      String key = DepFile24.stripo(x);
      ModutilsConfig.Named below = config.below().get(key);
      if (below != null) {
        String where = config.origin("below", key).map(KmodExplainer::where).orElse("?");
        for (String m : below.words()) {
          out.add(new Soft(x, m, "below " + x + " (" + where + "), loaded before it"));
        }
      }
      ModutilsConfig.Named above = config.above().get(key);
      if (above != null) {
        String where = config.origin("above", key).map(KmodExplainer::where).orElse("?");
        for (String m : above.words()) {
          out.add(new Soft(x, m, "above " + x + " (" + where + "), loaded after it"));
        }
      }
      return out;
    };
  }

  /**
   * Why a module is loaded.
   *
   * @param state the kernel's state
   * @param query the name explained
   * @param candidates the modules the name explained stands for, in order; the first loaded one is
   *     explained (the first one when none is)
   * @param soft the soft relations of a loaded module
   * @return the reason
   */
  public static LoadReason of(
      KernelState state, String query, List<String> candidates, Function<String, List<Soft>> soft) {
    return of(state, query, candidates, soft, name -> List.of());
  }

  /**
   * Why a module is loaded, the name its request asked for followed to the module through the
   * configuration as it is now.
   *
   * @param state the kernel's state
   * @param query the name explained
   * @param candidates the modules the name explained stands for, in order; the first loaded one is
   *     explained (the first one when none is)
   * @param soft the soft relations of a loaded module
   * @param lookups the lookup of a name, as explain takes it
   * @return the reason
   */
  public static LoadReason of(
      KernelState state,
      String query,
      List<String> candidates,
      Function<String, List<Soft>> soft,
      Function<String, List<Resolution>> lookups) {
    Map<String, LoadedModule> table = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    for (LoadedModule m : state.modules()) {
      position.put(m.name(), position.size());
      table.put(m.name(), m);
    }
    String module = candidates.stream().filter(table::containsKey).findFirst().orElse(null);
    if (module == null) {
      return new LoadReason(
          candidates.isEmpty() ? "" : candidates.get(0), false, List.of(), Optional.empty());
    }
    List<String> chain = new ArrayList<>();
    if (!module.equals(query) && !module.equals(DepFile24.stripo(query))) {
      chain.add(query + ": stands for " + module + " (the lookup above)");
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> links = new ArrayList<>();
    List<LoadCause> causes = new ArrayList<>();
    List<String> logs = new ArrayList<>();
    LoadCause top = null;
    String cur = module;
    while (cur != null && seen.add(cur)) {
      LoadedModule lm = table.get(cur);
      String loaded = loadLine(state.log(), cur);
      String next = null;
      String how = null;
      for (String h : lm.holders()) {
        if (table.containsKey(h) && !seen.contains(h)) {
          if (next == null || position.get(h) < position.get(next)) {
            next = h;
          }
        }
      }
      if (next != null) {
        how = "hard dependency of " + next + " (modules.dep), which holds it";
      } else {
        outer:
        for (LoadedModule x : state.modules()) {
          if (seen.contains(x.name())) {
            continue;
          }
          for (Soft s : soft.apply(x.name())) {
            if (s.module().equals(cur)) {
              next = x.name();
              how = s.how();
              break outer;
            }
          }
        }
      }
      if (how == null) {
        top = lm.cause();
        how = asked(lm) + through(lm, lookups);
      }
      links.add(cur + ": " + how);
      logs.add(loaded.isEmpty() ? "" : "; " + loaded);
      causes.add(lm.cause());
      cur = next;
    }
    for (int i = 0; i < links.size(); i++) {
      LoadCause c = causes.get(i);
      String link = links.get(i);
      // a module brought in by a request other than the one of the module that now needs it
      if (i < links.size() - 1 && c != null && !c.equals(top)) {
        link += "; it came in with an earlier request, " + c.describe();
      }
      chain.add(link + logs.get(i));
    }
    return new LoadReason(module, true, chain, Optional.ofNullable(table.get(module).cause()));
  }

  /**
   * How the name a request asked for leads to the module it loaded, by the configuration as it is
   * now ({@code ; char-major-10-237 stands for loop: module aliases (modules.alias)}); empty when
   * the name is the module's own, or the lookup no longer leads there.
   */
  private static String through(LoadedModule lm, Function<String, List<Resolution>> lookups) {
    LoadCause c = lm.cause();
    if (c == null
        || c.by().equals(LoadCause.INSMOD)
        || DepFile24.stripo(c.asked()).equals(lm.name())) {
      return "";
    }
    List<String> steps = new ArrayList<>();
    boolean reaches = false;
    for (Resolution r : lookups.apply(c.asked())) {
      if (!r.answered()) {
        continue;
      }
      reaches |= r.modules().contains(lm.name());
      if (TERMINAL.contains(r.source())) {
        continue;
      }
      StringBuilder sb = new StringBuilder(r.title());
      if (!r.lines().isEmpty()) {
        sb.append(" (");
        for (int i = 0; i < r.lines().size(); i++) {
          sb.append(i == 0 ? "" : ", ").append(KmodExplainer.where(r.lines().get(i)));
        }
        sb.append(')');
      }
      steps.add(sb.toString());
    }
    if (!reaches || steps.isEmpty()) {
      return "";
    }
    return "; " + c.asked() + " stands for " + lm.name() + ": " + String.join(", then ", steps);
  }

  // lookup steps that answer with the module itself: nothing to tell of the way there
  private static final Set<String> TERMINAL = Set.of("module-name", "modules-dep");

  /** Why a module nothing loaded needs is there: the request recorded with it, if any. */
  private static String asked(LoadedModule lm) {
    boolean autoclean = lm.flags().contains(ModuleFlag.AUTOCLEAN);
    LoadCause c = lm.cause();
    if (c != null) {
      return "asked for by "
          + c.describe()
          + (autoclean ? "; marked autoclean (modprobe -k), so rmmod -a may reap it" : "");
    }
    return autoclean
        ? "asked for on the kernel's request (request_module ran modprobe -k, which marks"
            + " it autoclean); this state does not record the name asked for"
        : "asked for itself: by hand (modprobe, insmod) or by a request_module; nothing"
            + " loaded needs it, and this state does not record the request (it was written"
            + " before kmodj recorded requests)";
  }

  /**
   * The modules a lookup stands for: those of the steps that answered with modules (not the
   * modutils alias links and lists, which answer with names), then the name itself.
   */
  static List<String> candidates(List<Resolution> lookup, String query) {
    Set<String> out = new LinkedHashSet<>();
    for (Resolution r : lookup) {
      if (r.answered() && !NAMES_ONLY.contains(r.source())) {
        out.addAll(r.modules());
      }
    }
    out.add(query);
    out.add(DepFile24.stripo(query));
    return List.copyOf(out);
  }

  private static final Set<String> NAMES_ONLY =
      Set.of("alias", "wildcard-alias", "probe", "probeall", "aliased-probe", "aliased-probeall");

  /** The last log line saying the module was loaded, as dmesg prints it. */
  private static String loadLine(List<KernelLog.Line> log, String module) {
    String prefix = module + ": loaded";
    for (int i = log.size() - 1; i >= 0; i--) {
      KernelLog.Line l = log.get(i);
      if (l.text().startsWith(prefix)) {
        return "log: " + l.formatted();
      }
    }
    return "";
  }
}
