package io.kmodj.engine.kernel;

import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModuleState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The simulated kernel's module table: {@code init_module}, {@code delete_module} (and its 2.4
 * autoclean form), use counts, parameters, the {@code kernel.modprobe} sysctl and the kernel log.
 * All mutable state lives here; the table and the log are guarded by this object's monitor, which
 * every method on them takes, so modprobes run by concurrent kmod-thread workers see one consistent
 * table; the sysctl settings are volatile, read by each request without the monitor.
 */
public final class SimulatedKernel implements LoadedModules {
  /** The default {@code kernel.modprobe}: the in-process kmodj modprobe bound to this kernel. */
  public static final String IN_PROCESS_MODPROBE = "kmodj:modprobe";

  /** A {@code kernel.modprobe} that runs kmodj's own launcher as a separate process. */
  public static final String LAUNCHER_MODPROBE = "kmodj:launcher";

  /** One module as the kernel keeps it; only touched under the kernel's monitor. */
  private static final class Entry {
    final String name;
    final String path;
    final long size;
    ModuleState state;
    int useCount;
    final Set<String> holders = new LinkedHashSet<>();
    final List<String> deps;
    final EnumSet<ModuleFlag> flags = EnumSet.noneOf(ModuleFlag.class);
    final Map<String, String> params = new LinkedHashMap<>();

    Entry(String name, String path, long size, List<String> deps) {
      this.name = name;
      this.path = path;
      this.size = size;
      this.deps = List.copyOf(deps);
    }

    LoadedModule snapshot() {
      return new LoadedModule(
          name, path, size, state, useCount, List.copyOf(holders), deps, flags, params);
    }
  }

  private final SystemImage system;
  private final Predicate<String> builtin;
  private final Clock clock;
  private final KernelLog log;
  private final Optional<ParameterStore> persist;
  // the table in load order; guarded by this
  private final Map<String, Entry> table = new LinkedHashMap<>();
  // settings: read by every request without the monitor
  private volatile String modprobePath;
  private volatile boolean compat;
  private volatile String persistDir;
  // a detached copy's record of init_module and delete_module calls; null when not recording
  private List<Change> journal;
  // a detached copy's basis: what the table it was copied from looked like
  private List<Basis> origin = List.of();

  /**
   * A kernel just booted on a system.
   *
   * @param system the system
   * @param builtin which names are built in (modules.builtin)
   * @param clock the wall clock, for log timestamps
   * @param persist where unloads save parameters and loads restore them; empty for nowhere
   */
  public SimulatedKernel(
      SystemImage system,
      Predicate<String> builtin,
      Clock clock,
      Optional<ParameterStore> persist) {
    this(
        new KernelState(
            system, clock.millis(), IN_PROCESS_MODPROBE, false, "", List.of(), List.of()),
        builtin,
        clock,
        persist);
    log.log(KernelLog.Level.NOTICE, "Linux version " + system.release() + " (kmodj simulated)");
  }

  /**
   * A kernel restored from its saved state.
   *
   * @param state the state
   * @param builtin which names are built in
   * @param clock the wall clock
   * @param persist where parameters are saved; empty for nowhere
   */
  public SimulatedKernel(
      KernelState state, Predicate<String> builtin, Clock clock, Optional<ParameterStore> persist) {
    this.system = state.system();
    this.builtin = Objects.requireNonNull(builtin);
    this.clock = Objects.requireNonNull(clock);
    this.log = new KernelLog(clock, state.bootMillis(), state.log());
    this.persist = Objects.requireNonNull(persist);
    this.modprobePath = state.modprobePath();
    this.compat = state.compat();
    this.persistDir = state.persistDir();
    for (LoadedModule m : state.modules()) {
      Entry e = new Entry(m.name(), m.path(), m.size(), m.dependencies());
      e.state = m.state();
      e.useCount = m.useCount();
      e.holders.addAll(m.holders());
      e.flags.addAll(m.flags());
      e.params.putAll(m.parameters());
      table.put(e.name, e);
    }
  }

  /** The system this kernel runs. */
  public SystemImage system() {
    return system;
  }

  /** The kernel log. */
  public KernelLog log() {
    return log;
  }

  /** Whether a name is built into the kernel. */
  public boolean isBuiltin(String name) {
    return builtin.test(name);
  }

  /**
   * What a modprobe plan depends on in one table entry: the module, its state, its use count and
   * its holders (its dependencies and size never change while it is loaded).
   *
   * @param name the module
   * @param state its state
   * @param useCount its use count
   * @param holders the modules holding it
   */
  public record Basis(String name, ModuleState state, int useCount, List<String> holders) {
    public Basis {
      Objects.requireNonNull(name);
      Objects.requireNonNull(state);
      holders = List.copyOf(holders);
    }
  }

  /** One call a detached copy recorded, to be made again on the kernel it was copied from. */
  public sealed interface Change {
    /** What the call answered on the copy. */
    int result();

    /**
     * {@code init_module}.
     *
     * @param request what was loaded
     * @param result its answer on the copy
     */
    record Init(InitRequest request, int result) implements Change {}

    /**
     * {@code delete_module(name)}.
     *
     * @param name the module
     * @param result its answer on the copy
     */
    record Delete(String name, int result) implements Change {}
  }

  /** The table as plans see it, in load order. */
  public synchronized List<Basis> basis() {
    List<Basis> out = new ArrayList<>(table.size());
    for (Entry e : table.values()) {
      out.add(new Basis(e.name, e.state, e.useCount, List.copyOf(e.holders)));
    }
    return out;
  }

  /**
   * A copy of this kernel to plan on without holding this one: the same table and settings, a log
   * of its own, no persist directory, and a journal of the {@code init_module} and {@code
   * delete_module} calls made on it ({@link #journal()}), which {@link #replay} makes again here if
   * this kernel's {@link #basis()} is still the copy's {@link #origin()}.
   *
   * @return the copy
   */
  public synchronized SimulatedKernel detached() {
    SimulatedKernel copy = new SimulatedKernel(system, builtin, clock, this);
    copy.journal = new ArrayList<>();
    copy.origin = basis();
    return copy;
  }

  private SimulatedKernel(
      SystemImage system, Predicate<String> builtin, Clock clock, SimulatedKernel from) {
    this.system = system;
    this.builtin = builtin;
    this.clock = clock;
    this.log = new KernelLog(clock, from.log.bootMillis(), List.of());
    this.persist = Optional.empty();
    this.modprobePath = from.modprobePath;
    this.compat = from.compat;
    this.persistDir = from.persistDir;
    for (Entry f : from.table.values()) {
      Entry e = new Entry(f.name, f.path, f.size, f.deps);
      e.state = f.state;
      e.useCount = f.useCount;
      e.holders.addAll(f.holders);
      e.flags.addAll(f.flags);
      e.params.putAll(f.params);
      table.put(e.name, e);
    }
  }

  /** A detached copy's basis: the table of the kernel it was copied from, when it was copied. */
  public synchronized List<Basis> origin() {
    return origin;
  }

  /** A detached copy's calls so far, oldest first (empty for a kernel that is not a copy). */
  public synchronized List<Change> journal() {
    return journal == null ? List.of() : List.copyOf(journal);
  }

  /**
   * Makes the calls a detached copy recorded, in order, as one step.
   *
   * @param changes the copy's journal
   * @return whether every call answered as it did on the copy
   */
  public synchronized boolean replay(List<Change> changes) {
    boolean same = true;
    for (Change c : changes) {
      int r =
          c instanceof Change.Init i
              ? initModule(i.request())
              : deleteModule(((Change.Delete) c).name());
      same &= r == c.result();
    }
    return same;
  }

  /**
   * Runs an action with this kernel held: no other thread's call comes between its calls.
   *
   * @param action the action
   * @param <T> its answer
   * @return the answer
   */
  public synchronized <T> T atomically(Function<SimulatedKernel, T> action) {
    return action.apply(this);
  }

  /** The state to save. */
  public synchronized KernelState state() {
    List<LoadedModule> mods = new ArrayList<>();
    for (Entry e : table.values()) {
      mods.add(e.snapshot());
    }
    return new KernelState(
        system, log.bootMillis(), modprobePath, compat, persistDir, mods, log.lines());
  }

  /** {@code kernel.modprobe}: the program request_module runs; empty disables autoloading. */
  public String modprobePath() {
    return modprobePath;
  }

  /**
   * Sets {@code kernel.modprobe}.
   *
   * @param path the program
   */
  public void setModprobePath(String path) {
    modprobePath = Objects.requireNonNull(path);
  }

  /** Whether request_module runs modprobe as 2.2/2.4 did ({@code -s -k}). */
  public boolean compat() {
    return compat;
  }

  /**
   * Sets 2.2/2.4 compatibility.
   *
   * @param on whether on
   */
  public void setCompat(boolean on) {
    compat = on;
  }

  /** The persist directory configured (empty: the state directory's {@code persist/}). */
  public String persistDir() {
    return persistDir;
  }

  /**
   * Sets the persist directory (takes effect for the next command).
   *
   * @param dir the directory, empty for the default
   */
  public void setPersistDir(String dir) {
    persistDir = Objects.requireNonNull(dir);
  }

  /** The module table, newest first, as lsmod and /proc/modules list it. */
  public synchronized List<LoadedModule> modules() {
    List<LoadedModule> out = new ArrayList<>();
    for (Entry e : table.values()) {
      out.add(0, e.snapshot());
    }
    return out;
  }

  /**
   * One module of the table.
   *
   * @param name the module name
   * @return it, or empty when not loaded
   */
  public synchronized Optional<LoadedModule> module(String name) {
    Entry e = table.get(name);
    return e == null ? Optional.empty() : Optional.of(e.snapshot());
  }

  @Override
  public synchronized Optional<ModuleState> state(String name) {
    Entry e = table.get(name);
    return e == null ? Optional.empty() : Optional.of(e.state);
  }

  @Override
  public synchronized OptionalInt refcount(String name) {
    Entry e = table.get(name);
    return e == null ? OptionalInt.empty() : OptionalInt.of(e.useCount + e.holders.size());
  }

  @Override
  public synchronized List<String> holders(String name) {
    Entry e = table.get(name);
    return e == null ? List.of() : List.copyOf(e.holders);
  }

  /**
   * {@code init_module}: links a module into the table. Refused with {@code -EEXIST} when the name
   * is loaded or built in, and with {@code -ENOENT} (and an "Unknown symbol" line) when a module it
   * depends on is not live. Saved parameters are applied first, then the given options, which win.
   *
   * @param request what to load
   * @return 0 or a negative errno
   */
  public synchronized int initModule(InitRequest request) {
    int r = init(request);
    if (journal != null) {
      journal.add(new Change.Init(request, r));
    }
    return r;
  }

  private int init(InitRequest request) {
    String name = request.name();
    if (table.containsKey(name) || builtin.test(name)) {
      return -Errno.EEXIST;
    }
    List<String> missing = new ArrayList<>();
    for (String d : request.dependencies()) {
      Entry dep = table.get(d);
      if (!builtin.test(d) && (dep == null || dep.state != ModuleState.LIVE)) {
        missing.add(d);
      }
    }
    if (!missing.isEmpty()) {
      for (String d : missing) {
        log.log(
            KernelLog.Level.WARNING,
            name + ": Unknown symbol in module (needs " + d + ", which is not loaded) (err -2)");
      }
      return -Errno.ENOENT;
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (persist.isPresent()) {
      ParameterStore.Saved saved = persist.get().load(name);
      saved.problem().ifPresent(p -> log.log(KernelLog.Level.WARNING, name + ": " + p));
      if (!saved.values().isEmpty()) {
        log.log(KernelLog.Level.INFO, name + ": restored saved parameters " + join(saved.values()));
      }
      params.putAll(saved.values());
    }
    params.putAll(ModuleOptions.parse(request.options()));
    Entry e = new Entry(name, request.path(), request.size(), request.dependencies());
    e.state = ModuleState.COMING;
    e.params.putAll(params);
    if (request.autoclean()) {
      e.flags.add(ModuleFlag.AUTOCLEAN);
    }
    table.put(name, e);
    for (String d : request.dependencies()) {
      Entry dep = table.get(d);
      if (dep != null) {
        dep.holders.add(name);
        // 2.4 sys_init_module: "being referenced by a dependent module counts as a use"
        dep.flags.add(ModuleFlag.USED_ONCE);
      }
    }
    e.state = ModuleState.LIVE;
    log.log(
        KernelLog.Level.INFO,
        name
            + ": loaded"
            + (params.isEmpty() ? "" : " with " + join(params))
            + (request.autoclean() ? " (autoclean)" : ""));
    return 0;
  }

  private static String join(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(p.getKey()).append('=').append(p.getValue());
    }
    return sb.toString();
  }

  /**
   * {@code delete_module(name)}: unlinks an unused module, saving its parameters. Refused with
   * {@code -ENOENT} when it is not loaded (or built in) and {@code -EBUSY} while it is used or
   * held.
   *
   * @param name the module
   * @return 0 or a negative errno
   */
  public synchronized int deleteModule(String name) {
    int r = delete(name);
    if (journal != null) {
      journal.add(new Change.Delete(name, r));
    }
    return r;
  }

  private int delete(String name) {
    Entry e = table.get(name);
    if (e == null) {
      return -Errno.ENOENT;
    }
    if (e.useCount > 0 || !e.holders.isEmpty() || e.state != ModuleState.LIVE) {
      return -Errno.EBUSY;
    }
    free(e, false);
    return 0;
  }

  /** 2.4 free_module: save, unlink from the modules it needed, mark those just freed. */
  private void free(Entry e, boolean tagFreed) {
    e.state = ModuleState.GOING;
    if (persist.isPresent() && !e.params.isEmpty()) {
      Optional<String> problem = persist.get().save(e.name, e.params);
      if (problem.isPresent()) {
        log.log(KernelLog.Level.WARNING, e.name + ": " + problem.get());
      } else {
        log.log(
            KernelLog.Level.INFO,
            e.name + ": parameters saved to " + persist.get().directory().resolve(e.name));
      }
    }
    for (String d : e.deps) {
      Entry dep = table.get(d);
      if (dep != null) {
        dep.holders.remove(e.name);
        if (tagFreed && dep.holders.isEmpty()) {
          dep.flags.add(ModuleFlag.JUST_FREED);
        }
      }
    }
    table.remove(e.name);
    log.log(KernelLog.Level.INFO, e.name + ": unloaded" + (tagFreed ? " (autoclean)" : ""));
  }

  /**
   * {@code delete_module(NULL)}, the 2.2/2.4 autoclean step behind {@code rmmod -a}: a module that
   * is autoclean, live, used at least once, unheld and unused loses its VISITED mark if it has one
   * (unless a module it held was just freed), and is freed otherwise; the scan repeats while
   * something was freed, then the JUST_FREED marks are cleared.
   *
   * @return the modules freed, in the order they went
   */
  public synchronized List<String> autoclean() {
    List<String> freed = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      // 2.4 walks module_list, newest first
      List<Entry> newestFirst = new ArrayList<>(table.values());
      java.util.Collections.reverse(newestFirst);
      for (Entry e : newestFirst) {
        if (!table.containsKey(e.name)) {
          continue;
        }
        boolean candidate =
            e.holders.isEmpty()
                && e.flags.contains(ModuleFlag.AUTOCLEAN)
                && e.state == ModuleState.LIVE
                && e.flags.contains(ModuleFlag.USED_ONCE)
                && e.useCount == 0;
        if (!candidate) {
          continue;
        }
        if (e.flags.contains(ModuleFlag.VISITED) && !e.flags.contains(ModuleFlag.JUST_FREED)) {
          e.flags.remove(ModuleFlag.VISITED);
        } else {
          free(e, true);
          freed.add(e.name);
          changed = true;
        }
      }
    }
    for (Entry e : table.values()) {
      e.flags.remove(ModuleFlag.JUST_FREED);
    }
    return freed;
  }

  /**
   * A use of a module begins (2.4 {@code __MOD_INC_USE_COUNT}, modern {@code try_module_get}): the
   * use count rises and the module is marked visited and used once.
   *
   * @param name the module
   * @return 0, or {@code -ENOENT} when it is not loaded
   */
  public synchronized int get(String name) {
    Entry e = table.get(name);
    if (e == null) {
      return -Errno.ENOENT;
    }
    e.useCount++;
    e.flags.add(ModuleFlag.VISITED);
    e.flags.add(ModuleFlag.USED_ONCE);
    return 0;
  }

  /**
   * A use of a module ends ({@code __MOD_DEC_USE_COUNT}, {@code module_put}).
   *
   * @param name the module
   * @return 0, {@code -ENOENT} when not loaded, {@code -EINVAL} when it was not in use
   */
  public synchronized int put(String name) {
    Entry e = table.get(name);
    if (e == null) {
      return -Errno.ENOENT;
    }
    if (e.useCount == 0) {
      return -Errno.EINVAL;
    }
    e.useCount--;
    e.flags.add(ModuleFlag.VISITED);
    e.flags.add(ModuleFlag.USED_ONCE);
    return 0;
  }

  /**
   * Writes a parameter's live value, as {@code echo V > /sys/module/M/parameters/P} does.
   *
   * @param module the module
   * @param param the parameter
   * @param value the value
   * @return 0, or {@code -ENOENT} when the module is not loaded
   */
  public synchronized int setParameter(String module, String param, String value) {
    Entry e = table.get(module);
    if (e == null) {
      return -Errno.ENOENT;
    }
    e.params.put(param, value);
    return 0;
  }

  /**
   * What init_module is asked to load.
   *
   * @param name the module name
   * @param path its file
   * @param size its size in bytes
   * @param dependencies the modules it needs (modules.dep)
   * @param options its options, as modprobe passes them
   * @param autoclean whether it is loaded on a kernel request ({@code -k})
   */
  public record InitRequest(
      String name,
      String path,
      long size,
      List<String> dependencies,
      String options,
      boolean autoclean) {
    public InitRequest {
      Objects.requireNonNull(name);
      Objects.requireNonNull(path);
      dependencies = List.copyOf(dependencies);
      Objects.requireNonNull(options);
    }
  }
}
