package io.kmodj.engine.modutils;

import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.plan.Executor;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.Step;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * modutils 2.4's modprobe over a {@link ModutilsConfig} and a 2.4 modules.dep: names resolved
 * through alias chains (a loop is reported, not followed forever), {@code probe}/{@code probeall}
 * lists, a stack built with {@code above} modules after, {@code below} modules and modules.dep
 * dependencies before, then per module the {@code pre-install}, {@code install} or insmod, and
 * {@code post-install} of every name in its chain. With {@code -v} it prints what modutils printed
 * ({@code /sbin/insmod [insmod_opt] PATH OPTIONS}, {@code # pre-install NAME:} and the command);
 * every action also goes to an {@link Executor} as a {@link Step}. Only dry runs: the commands are
 * never run here.
 */
public final class ModutilsModprobe {
  /** modutils' {@code SHELL_META}: a module name with one of these is a pattern. */
  static final String SHELL_META = "&();|<>$`\"'\\!{}[]~=+:?*";

  private static final int NORMAL = 0;
  private static final int ABOVE = 1;
  private static final int BELOW = 2;
  private static final int MAX_RECURSION = 128;

  /**
   * The modprobe flags that change planning and output.
   *
   * @param verbose {@code -v}
   * @param quiet {@code -q} (and {@code -k})
   * @param autoclean {@code -k}
   * @param syslog {@code -s}
   * @param type {@code -t TAG}
   */
  public record Flags(
      boolean verbose, boolean quiet, boolean autoclean, boolean syslog, Optional<String> type) {
    public Flags {
      Objects.requireNonNull(type);
    }
  }

  /** Planning stopped on a configuration modutils never returned from (an alias loop). */
  public static final class PlanningFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PlanningFailure(String message) {
      super(message);
    }
  }

  private final ModutilsConfig config;
  private final DepFile24 dep;
  private final LoadedModules loaded;
  private final Flags flags;
  private final PrintStream out;
  private final Consumer<String> error;
  private final Executor executor;
  private Consumer<String> requests = name -> {};
  // how deep fromList is: 1 for the command line's names, more inside a probe list
  private int depth;
  private final ModuleWalker walker;
  // modutils' static "loaded" counter, shared by nested probe lists (records 10c, 24a)
  private int loadedCount;
  private int recursion;

  /**
   * A modprobe.
   *
   * @param config the configuration
   * @param dep modules.dep
   * @param loaded what the kernel has loaded (for {@code -r})
   * @param flags the flags
   * @param out standard output ({@code -v} lines)
   * @param error receives error messages without the {@code modprobe: } prefix
   * @param executor receives the steps
   */
  public ModutilsModprobe(
      ModutilsConfig config,
      DepFile24 dep,
      LoadedModules loaded,
      Flags flags,
      PrintStream out,
      Consumer<String> error,
      Executor executor) {
    this.config = Objects.requireNonNull(config);
    this.dep = Objects.requireNonNull(dep);
    this.loaded = Objects.requireNonNull(loaded);
    this.flags = Objects.requireNonNull(flags);
    this.out = Objects.requireNonNull(out);
    this.error = Objects.requireNonNull(error);
    this.executor = Objects.requireNonNull(executor);
    this.walker =
        new ModuleWalker(
            config.prune(), flags.verbose() ? Optional.of(out::print) : Optional.empty());
  }

  /**
   * Whether a name holds one of modutils' shell metacharacters: modprobe then takes it as a pattern
   * of module files.
   *
   * @param s the name
   * @return whether it is a pattern
   */
  public static boolean hasShellMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (SHELL_META.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** A module being planned: modutils' DESC. */
  private static final class Desc {
    final List<String> names = new ArrayList<>();
    final List<List<String>> options = new ArrayList<>();
    String kname;
    String objkey;
    DepFile24.Entry nod;
    int mode;
    boolean autoclean = true;
    // the kernel name given by modprobe -o NAME (only on the requested module)
    String givenKname;
  }

  /** Where {@code build_stack} reports the name it could not find. */
  private static final class ErrorName {
    String name;
    boolean requested;
  }

  private void verbose(String text) {
    if (flags.verbose()) {
      out.print(text);
    }
  }

  // --- name resolution ----------------------------------------------------------------------

  /** modutils' {@code any_alias}: exact names, or shell-like patterns for names starting with /. */
  private String anyAlias(String mod) {
    if (!mod.startsWith("/")) {
      ModutilsConfig.Named a = config.aliases.get(DepFile24.stripo(mod));
      return a == null || a.words().isEmpty() ? null : a.words().get(0);
    }
    for (ModutilsConfig.Named a : config.aliases.values()) {
      if (devfsMatch(a.name(), mod)) {
        if (a.words().isEmpty()) {
          return null;
        }
        String target = a.words().get(0);
        return mod.equals(target) ? null : target;
      }
    }
    return null;
  }

  /**
   * modutils' matcher for alias names of names starting with {@code /}: {@code ?} one character,
   * {@code *} the whole rest (text after it ignored).
   *
   * @param pattern the alias name
   * @param name the name looked up
   * @return whether it matches
   */
  public static boolean devfsMatch(String pattern, String name) {
    int p = 0;
    int q = 0;
    while (p < pattern.length() && q < name.length()) {
      char c = pattern.charAt(p);
      if (c == '*' || (c != name.charAt(q) && c != '?')) {
        break;
      }
      p++;
      q++;
    }
    return (p < pattern.length() && pattern.charAt(p) == '*')
        || (p == pattern.length() && q == name.length());
  }

  private ModutilsConfig.Named anyOptions(String mod) {
    return config.options.get(mod.startsWith("/") ? mod : DepFile24.stripo(mod));
  }

  private Desc buildDesc(String name, String objname, boolean allowAlias) {
    DepFile24.Entry nod = null;
    if (objname != null) {
      nod = dep.byPath(objname).orElse(null);
      if (nod == null) {
        return null;
      }
    }
    Desc desc = new Desc();
    desc.nod = nod;
    Set<String> chain = new LinkedHashSet<>();
    for (String p = name; p != null; ) {
      if (p.equals("off")) {
        desc.objkey = null;
        break;
      }
      desc.objkey = p;
      desc.names.add(p);
      chain.add(p);
      ModutilsConfig.Named o = anyOptions(p);
      if (o != null) {
        if (!o.autoclean()) {
          desc.autoclean = false;
        }
        if (!o.words().isEmpty()) {
          desc.options.add(0, o.words());
          if (desc.kname == null) {
            int i = o.words().indexOf("-o");
            if (i >= 0 && i + 1 < o.words().size()) {
              desc.kname = o.words().get(i + 1);
            }
          }
        }
      }
      String next = allowAlias ? anyAlias(p) : null;
      if (next != null && chain.contains(next)) {
        // modutils followed this forever (record 19); kmodj names the loop and stops
        List<String> loop = new ArrayList<>(chain);
        loop = loop.subList(loop.indexOf(next), loop.size());
        throw new PlanningFailure(
            "alias loop: "
                + String.join(" -> ", loop)
                + " -> "
                + next
                + " (requested "
                + name
                + ")");
      }
      p = next;
    }
    if (desc.kname == null) {
      desc.kname = desc.objkey;
    }
    if (desc.nod == null && desc.objkey != null) {
      desc.nod = dep.byKey(desc.objkey).orElse(null);
    }
    // an alias to a probe name runs the probe list (devfs: alias /dev/sg* /dev/sg, record 24a)
    if (desc.nod == null && desc.objkey != null && !name.equals(desc.objkey)) {
      int ret = 0;
      ModutilsConfig.Named g = config.probes.get(desc.objkey);
      if (g != null) {
        ret = fromList(g.words(), false);
      } else if ((g = config.probealls.get(desc.objkey)) != null) {
        ret = fromList(g.words(), true);
      }
      if (ret != 0) {
        desc.objkey = null;
      }
    }
    return desc;
  }

  /**
   * modutils' {@code build_stack}: 0, -1 (aliased off) or -2 (not found, {@code errorName} says
   * which).
   */
  private int buildStack(
      List<Desc> stack,
      String name,
      String objname,
      boolean append,
      Desc rev,
      int mode,
      boolean allowAlias,
      ErrorName errorName,
      boolean requested,
      String givenKname) {
    if (errorName != null) {
      errorName.name = name;
      errorName.requested = requested;
    }
    Desc desc = buildDesc(name, objname, allowAlias);
    if (desc == null) {
      return -2;
    }
    if (desc.kname == null) {
      return -1;
    }
    if (desc.nod == null) {
      return -2;
    }
    if (givenKname != null) {
      // modprobe -o NAME: the command line over every options line (the last -o wins)
      desc.kname = givenKname;
      desc.givenKname = givenKname;
    }
    desc.mode = mode;
    if (rev != null && rev.kname.equals(desc.kname)) {
      return 0;
    }
    if (++recursion > MAX_RECURSION) {
      StringBuilder sb = new StringBuilder("Circular dependency?");
      for (Desc d : stack) {
        sb.append(' ').append(d.kname);
      }
      recursion = 0;
      throw new PlanningFailure("Too deep recursion in module dependencies!\n" + sb);
    }
    try {
      for (String n : desc.names) {
        ModutilsConfig.Named g = config.above.get(DepFile24.stripo(n));
        if (g == null) {
          continue;
        }
        for (String up : g.words()) {
          if (stack.stream().noneMatch(d -> d.kname.equals(up))) {
            int r =
                buildStack(
                    stack,
                    up,
                    null,
                    append,
                    rev != null ? rev : desc,
                    ABOVE,
                    true,
                    errorName,
                    false,
                    null);
            if (r < 0) {
              return r;
            }
          }
        }
      }
      for (int i = 0; i < stack.size(); i++) {
        Desc d = stack.get(i);
        if (d.kname.equals(desc.kname)) {
          if (rev != null && rev == d) {
            return 0;
          }
          stack.remove(i);
          break;
        }
      }
      if (append) {
        stack.add(desc);
      } else {
        stack.add(0, desc);
      }
      for (String n : desc.names) {
        ModutilsConfig.Named g = config.below.get(DepFile24.stripo(n));
        if (g == null) {
          continue;
        }
        for (String down : g.words()) {
          int r = buildStack(stack, down, null, append, rev, BELOW, true, errorName, false, null);
          if (r < 0) {
            return r;
          }
        }
      }
      for (String d : desc.nod.dependencies()) {
        int r =
            buildStack(
                stack, DepFile24.stripo(d), d, append, rev, NORMAL, false, errorName, false, null);
        if (r < 0) {
          return r;
        }
      }
      return 0;
    } finally {
      recursion--;
    }
  }

  // --- loading ------------------------------------------------------------------------------

  private int insmod(Desc desc, List<String> options) {
    if ("null".equals(desc.objkey)) {
      return 0;
    }
    for (String name : desc.names) {
      config
          .hook(ModutilsConfig.HookKind.PRE_INSTALL, DepFile24.stripo(name))
          .ifPresent(ex -> verbose("# pre-install " + name + ":\n" + ex + "\n"));
    }
    boolean usedEx = false;
    for (String name : desc.names) {
      Optional<String> ex = config.hook(ModutilsConfig.HookKind.INSTALL, DepFile24.stripo(name));
      if (ex.isPresent()) {
        verbose("# install " + name + ":\n" + ex.get() + "\n");
        executor.execute(new Step.RunInstall(desc.kname, ex.get(), "", desc.mode == NORMAL));
        usedEx = true;
      }
    }
    if (!usedEx) {
      List<String> argv = new ArrayList<>();
      argv.add("/sbin/insmod");
      if (flags.autoclean() && desc.autoclean) {
        argv.add("-k");
      }
      if (flags.quiet()) {
        argv.add("-q");
      }
      if (flags.syslog()) {
        argv.add("-s");
      }
      config
          .insmodOpt()
          .ifPresent(
              o -> {
                for (String w : o.split("[ \t]+", -1)) {
                  if (!w.isEmpty()) {
                    argv.add(w);
                  }
                }
              });
      argv.add(desc.nod.path());
      int modopts = argv.size();
      for (List<String> group : desc.options) {
        merge(argv, modopts, group, true);
      }
      if (desc.givenKname != null) {
        // kept once: in place of an options line's -o, else right after the object path
        int j = argv.subList(modopts, argv.size()).indexOf("-o");
        if (j >= 0 && modopts + j + 1 < argv.size()) {
          argv.set(modopts + j + 1, desc.givenKname);
        } else {
          argv.add(modopts, desc.givenKname);
          argv.add(modopts, "-o");
        }
      }
      if (options != null && !options.isEmpty() && options.get(0).indexOf('=') >= 0) {
        merge(argv, modopts, options, false);
      }
      verbose(String.join(" ", argv) + "\n");
      executor.execute(
          new Step.Insmod(
              desc.kname,
              desc.nod.path(),
              String.join(" ", argv.subList(modopts, argv.size())),
              desc.mode == NORMAL));
    }
    for (String name : desc.names) {
      config
          .hook(ModutilsConfig.HookKind.POST_INSTALL, DepFile24.stripo(name))
          .ifPresent(ex -> verbose("# post-install " + name + ":\n" + ex + "\n"));
    }
    return 0;
  }

  /**
   * Merges option words into insmod's argument list as modutils did: {@code -o NAME} once (the last
   * wins), {@code key=value} replacing the same key in place, new keys appended; a word that is
   * neither ends the list (configuration) or the option words (command line).
   */
  private static void merge(List<String> argv, int modopts, List<String> words, boolean config) {
    for (int n = 0; n < words.size(); n++) {
      String opt = words.get(n);
      if (config && opt.equals("-o")) {
        if (++n >= words.size()) {
          break;
        }
        String kname = words.get(n);
        int j = argv.subList(modopts, argv.size()).indexOf("-o");
        if (j >= 0 && modopts + j + 1 < argv.size()) {
          argv.set(modopts + j + 1, kname);
        } else {
          argv.add("-o");
          argv.add(kname);
        }
        continue;
      }
      int eq = opt.indexOf('=');
      if (eq < 0) {
        break;
      }
      String key = opt.substring(0, eq + 1);
      boolean replaced = false;
      for (int j = modopts; j < argv.size(); j++) {
        if (argv.get(j).startsWith(key)) {
          argv.set(j, opt);
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        argv.add(opt);
      }
    }
  }

  private int probeStack(
      String name,
      String obj,
      List<String> options,
      ErrorName errorName,
      boolean requested,
      String givenKname) {
    List<Desc> stack = new ArrayList<>();
    int status =
        buildStack(stack, name, obj, false, null, NORMAL, true, errorName, requested, givenKname);
    if (status < 0) {
      return status;
    }
    for (Desc desc : stack) {
      List<String> these = null;
      if (name.equals(desc.names.get(0))) {
        these = options;
      }
      insmod(desc, these);
    }
    return 0;
  }

  /**
   * modutils' {@code modprobe_fromlist}: loads the names (each may be followed by its {@code
   * key=value} options), all of them with {@code loadAll}, else up to the first that loads.
   *
   * @param args the names and options
   * @param loadAll {@code -a}, or a {@code probeall} list
   * @return 0 on success, -1 after reporting the failure
   */
  public int fromList(List<String> args, boolean loadAll) {
    return fromList(args, loadAll, Optional.empty());
  }

  /**
   * {@link #fromList(List, boolean)} with the kernel name of {@code modprobe -o NAME}: the module a
   * command-line name resolves to (not its dependencies, nor the modules {@code above} and {@code
   * below} pull in, nor the members of a {@code probe} list) is loaded as NAME, passed to insmod as
   * {@code -o NAME} in place of any {@code -o} of its options lines.
   *
   * @param args the names and options
   * @param loadAll {@code -a}, or a {@code probeall} list
   * @param kname the kernel name, if {@code -o} was given
   * @return 0 on success, -1 after reporting the failure
   */
  public int fromList(List<String> args, boolean loadAll, Optional<String> kname) {
    depth++;
    try {
      return fromNames(args, loadAll, kname);
    } finally {
      depth--;
    }
  }

  /**
   * Tells a listener each name of the command line as its loading begins (not the members of a
   * {@code probe} list it leads to): the simulated kernel records it as the request its modules
   * were loaded with.
   *
   * @param listener receives each command-line name
   * @return this modprobe
   */
  public ModutilsModprobe onRequest(Consumer<String> listener) {
    this.requests = Objects.requireNonNull(listener);
    return this;
  }

  private int fromNames(List<String> args, boolean loadAll, Optional<String> kname) {
    String given = kname.orElse(null);
    loadedCount = 0;
    int ret = 0;
    String name = args.isEmpty() ? "" : args.get(0);
    ErrorName errorName = new ErrorName();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).indexOf('=') >= 0) {
        continue;
      }
      name = args.get(i);
      if (depth == 1) {
        requests.accept(name);
      }
      List<String> options =
          i + 1 < args.size() && args.get(i + 1).indexOf('=') >= 0
              ? args.subList(i + 1, args.size())
              : null;
      ModutilsConfig.Named g;
      if (flags.type().isPresent() || hasShellMeta(name)) {
        List<String> files = locate(name);
        if (files.isEmpty()) {
          ret = -2;
          continue;
        }
        for (int alt = 0; alt < files.size(); alt++) {
          String obj = files.get(alt);
          ret = probeStack(DepFile24.stripo(obj), obj, options, errorName, false, given);
          if (ret >= -1) {
            loadedCount++;
          }
          if (ret >= -1 && !loadAll) {
            break;
          }
        }
      } else if ((g = config.probes.get(name)) != null) {
        ret = fromList(g.words(), false);
      } else if ((g = config.probealls.get(name)) != null) {
        ret = fromList(g.words(), true);
      } else {
        ret = probeStack(name, null, options, errorName, true, given);
        if (ret >= -1) {
          loadedCount++;
        }
      }
      if (!loadAll && loadedCount > 0) {
        return 0;
      }
    }
    if (loadedCount > 0) {
      return 0;
    }
    if (ret == -2) {
      if (errorName.name != null && !errorName.requested) {
        error.accept("Can't locate module " + errorName.name + " which is needed for " + name);
      } else if (!flags.quiet()) {
        error.accept("Can't locate module " + name);
      }
    } else {
      error.accept("insmod " + name + " failed");
    }
    return -1;
  }

  /**
   * modutils' {@code config_locate}: the files a pattern (or {@code -t}) names, NAME.o first, each
   * base name once. kmodj takes them in modules.dep order, files modules.dep does not know after
   * (sorted): modutils took the directory's unsorted order (record 15c shows depmod's).
   */
  private List<String> locate(String match) {
    if (match.isEmpty()) {
      return List.of();
    }
    if (match.indexOf('/') >= 0) {
      return List.of(match);
    }
    List<String> dirs = new ArrayList<>();
    for (ModutilsConfig.PathEntry p : config.paths()) {
      dirs.add(p.directory());
    }
    List<String> g = walker.list(dirs, match + ".o", flags.type());
    if (g.isEmpty()) {
      g = walker.list(dirs, match + ".o.gz", flags.type());
    }
    if (g.isEmpty()) {
      g = walker.list(dirs, match, flags.type());
    }
    List<String> unique = new ArrayList<>();
    Set<String> bases = new LinkedHashSet<>();
    for (String f : g) {
      if (bases.add(f.substring(f.lastIndexOf('/') + 1))) {
        unique.add(f);
      }
    }
    unique.sort(
        Comparator.comparingInt(
                (String f) -> {
                  int pos = dep.position(f);
                  return pos < 0 ? Integer.MAX_VALUE : pos;
                })
            .thenComparing(Comparator.naturalOrder()));
    return unique;
  }

  /**
   * {@code modprobe -l}: the module files matching a pattern along the paths.
   *
   * @param pattern the pattern, {@code *} for all
   * @return the files, each once, in walk order
   */
  public List<String> list(String pattern) {
    List<String> dirs = new ArrayList<>();
    for (ModutilsConfig.PathEntry p : config.paths()) {
      dirs.add(p.directory());
    }
    return walker.list(dirs, pattern, flags.type());
  }

  // --- removal ------------------------------------------------------------------------------

  /**
   * modutils' {@code unload}: removes a module and its stack, what is loaded and not busy.
   *
   * @param name the name given
   * @return 0, or -1 when the named module itself could not be removed
   */
  public int unload(String name) {
    String mod = DepFile24.stripo(name);
    ModutilsConfig.Named g = config.probes.get(mod);
    if (g == null) {
      g = config.probealls.get(mod);
    }
    if (g != null) {
      int ret = 0;
      for (String m : g.words()) {
        int how = unload(m);
        if (how != 0) {
          ret = how;
        }
      }
      return ret;
    }
    List<Desc> stack = new ArrayList<>();
    int ret = buildStack(stack, mod, null, true, null, NORMAL, true, null, true, null);
    if (ret == -1) {
      return 0;
    }
    if (ret < 0) {
      return rmmod(mod, null);
    }
    for (Desc desc : stack) {
      if (loaded.state(desc.kname).isEmpty()) {
        continue;
      }
      boolean wantDel = mod.equals(desc.kname);
      if (rmmod(desc.kname, desc) != 0 && wantDel) {
        ret = -1;
      }
    }
    return ret;
  }

  /** modutils' {@code call_rmmod}: -1 when busy, else the hooks and the delete. */
  private int rmmod(String modname, Desc desc) {
    String kname = desc == null ? DepFile24.stripo(modname) : desc.kname;
    List<String> head = desc == null ? List.of(kname) : desc.names;
    if (loaded.state(kname).isEmpty()) {
      return 0;
    }
    if (loaded.refcount(kname).orElse(0) != 0 || !loaded.holders(kname).isEmpty()) {
      return -1;
    }
    for (String name : head) {
      config
          .hook(ModutilsConfig.HookKind.PRE_REMOVE, DepFile24.stripo(name))
          .ifPresent(ex -> verbose("# pre-remove " + name + ":\n" + ex + "\n"));
    }
    boolean usedEx = false;
    for (String name : head) {
      // modutils looks the remove command up by the kernel name, once per name of the chain
      Optional<String> ex = config.hook(ModutilsConfig.HookKind.REMOVE, kname);
      if (ex.isPresent()) {
        verbose("# remove " + name + ":\n" + ex.get() + "\n");
        executor.execute(new Step.RunRemove(kname, ex.get()));
        usedEx = true;
      }
    }
    if (!usedEx) {
      verbose("# delete " + kname + "\n");
      executor.execute(new Step.Rmmod(kname));
    }
    for (String name : head) {
      config
          .hook(ModutilsConfig.HookKind.POST_REMOVE, DepFile24.stripo(name))
          .ifPresent(ex -> verbose("# post-remove " + name + ":\n" + ex + "\n"));
    }
    return 0;
  }
}
