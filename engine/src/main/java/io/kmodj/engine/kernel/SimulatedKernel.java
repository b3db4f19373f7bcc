package io.kmodj.engine.kernel;

import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModuleState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
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
 *
 * <p>A {@linkplain #detached() detached copy} is copy-on-write: the kernel keeps an immutable view
 * of its table ({@link Frozen}), made again only after the table changed, and a copy reads that
 * view until its first {@code init_module}, {@code delete_module} or other change makes it a table
 * of its own. A request for a module already loaded, which changes nothing, thus costs no copy of
 * the table at all.
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
    final LoadCause cause;

    Entry(String name, String path, long size, List<String> deps, LoadCause cause) {
      this.name = name;
      this.path = path;
      this.size = size;
      this.deps = List.copyOf(deps);
      this.cause = cause;
    }

    LoadedModule snapshot() {
      return new LoadedModule(
          name, path, size, state, useCount, List.copyOf(holders), deps, flags, params, cause);
    }
  }

  private final SystemImage system;
  private final Predicate<String> builtin;
  private final Clock clock;
  private final KernelLog log;
  private final Optional<ParameterStore> persist;
  // the table in load order; guarded by this; null while a detached copy still reads its frozen
  // view
  private Map<String, Entry> table;
  // an immutable view of the table, made on demand and dropped when the table changes; a
  // detached copy starts with its origin's view and no table
  private Frozen frozen;
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
    this.table = new LinkedHashMap<>();
    for (LoadedModule m : state.modules()) {
      Entry e = new Entry(m.name(), m.path(), m.size(), m.dependencies(), m.cause());
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

  /**
   * The table as it is at one moment, immutable: each module as {@link LoadedModule}, in load
   * order, and the table's {@link Basis}.
   *
   * @param byName the modules by name, in load order (unmodifiable)
   * @param basis what plans depend on, in load order
   */
  private record Frozen(Map<String, LoadedModule> byName, List<Basis> basis) {
    static Frozen of(Map<String, Entry> table) {
      Map<String, LoadedModule> byName = new LinkedHashMap<>();
      List<Basis> basis = new ArrayList<>(table.size());
      for (Entry e : table.values()) {
        LoadedModule m = e.snapshot();
        byName.put(e.name, m);
        basis.add(new Basis(m.name(), m.state(), m.useCount(), m.holders()));
      }
      return new Frozen(Collections.unmodifiableMap(byName), List.copyOf(basis));
    }
  }

  /** The frozen view of the table, made again if the table changed since the last one. */
  private Frozen frozen() {
    if (frozen == null) {
      frozen = Frozen.of(table);
    }
    return frozen;
  }

  /**
   * The table, to be changed: a detached copy still reading its origin's view gets a table of its
   * own first. Every change of the table goes through here, which drops the frozen view.
   */
  private Map<String, Entry> writable() {
    if (table == null) {
      Map<String, Entry> own = new LinkedHashMap<>();
      for (LoadedModule m : frozen.byName().values()) {
        Entry e = new Entry(m.name(), m.path(), m.size(), m.dependencies(), m.cause());
        e.state = m.state();
        e.useCount = m.useCount();
        e.holders.addAll(m.holders());
        e.flags.addAll(m.flags());
        e.params.putAll(m.parameters());
        own.put(e.name, e);
      }
      table = own;
    }
    frozen = null;
    return table;
  }

  /** One module as it is now, read without making a table of a copy's own. */
  private Optional<LoadedModule> peek(String name) {
    if (table == null) {
      return Optional.ofNullable(frozen.byName().get(name));
    }
    Entry e = table.get(name);
    return e == null ? Optional.empty() : Optional.of(e.snapshot());
  }

  /** The table as plans see it, in load order (an immutable list). */
  public synchronized List<Basis> basis() {
    return frozen().basis();
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
    copy.origin = copy.frozen.basis();
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
    // copy-on-write: the origin's immutable view until this copy changes something
    this.frozen = from.frozen();
    this.table = null;
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
    List<LoadedModule> mods = new ArrayList<>(frozen().byName().values());
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
    List<LoadedModule> out = new ArrayList<>(frozen().byName().values());
    Collections.reverse(out);
    return out;
  }

  /**
   * One module of the table.
   *
   * @param name the module name
   * @return it, or empty when not loaded
   */
  public synchronized Optional<LoadedModule> module(String name) {
    return peek(name);
  }

  @Override
  public synchronized Optional<ModuleState> state(String name) {
    if (table == null) {
      LoadedModule m = frozen.byName().get(name);
      return m == null ? Optional.empty() : Optional.of(m.state());
    }
    Entry e = table.get(name);
    return e == null ? Optional.empty() : Optional.of(e.state);
  }

  @Override
  public synchronized OptionalInt refcount(String name) {
    if (table == null) {
      LoadedModule m = frozen.byName().get(name);
      return m == null ? OptionalInt.empty() : OptionalInt.of(m.refcount());
    }
    Entry e = table.get(name);
    return e == null ? OptionalInt.empty() : OptionalInt.of(e.useCount + e.holders.size());
  }

  @Override
  public synchronized List<String> holders(String name) {
    if (table == null) {
      LoadedModule m = frozen.byName().get(name);
      return m == null ? List.of() : m.holders();
    }
    Entry e = table.get(name);
    return e == null ? List.of() : List.copyOf(e.holders);
  }

  /**
   * {@code init_module}: links a module into the table. Refused with {@code -EEXIST} when the name
   * is loaded or built in, and with {@code -ENOENT} (and an "Unknown symbol" line) when a module it
   * depends on is not live. Saved parameters are applied first, then the given options, which win.
   * A detached copy journals every call but one refused with {@code -EEXIST}, which changes nothing
   * and logs nothing: the basis check of {@link #replay} already vouches that the kernel would
   * refuse it too (modutils' modprobe asks insmod again for a module already loaded, and a request
   * that finds its modules loaded then has nothing to make again).
   *
   * @param request what to load
   * @return 0 or a negative errno
   */
  public synchronized int initModule(InitRequest request) {
    int r = init(request);
    if (journal != null && r != -Errno.EEXIST) {
      journal.add(new Change.Init(request, r));
    }
    return r;
  }

  private int init(InitRequest request) {
    String name = request.name();
    if (peek(name).isPresent() || builtin.test(name)) {
      return -Errno.EEXIST;
    }
    List<String> missing = new ArrayList<>();
    for (String d : request.dependencies()) {
      if (!builtin.test(d) && !peek(d).map(m -> m.state() == ModuleState.LIVE).orElse(false)) {
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
    Map<String, Entry> mods = writable();
    Entry e =
        new Entry(name, request.path(), request.size(), request.dependencies(), request.cause());
    e.state = ModuleState.COMING;
    e.params.putAll(params);
    if (request.autoclean()) {
      e.flags.add(ModuleFlag.AUTOCLEAN);
    }
    mods.put(name, e);
    for (String d : request.dependencies()) {
      Entry dep = mods.get(d);
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
    Optional<LoadedModule> m = peek(name);
    if (m.isEmpty()) {
      return -Errno.ENOENT;
    }
    if (m.get().useCount() > 0
        || !m.get().holders().isEmpty()
        || m.get().state() != ModuleState.LIVE) {
      return -Errno.EBUSY;
    }
    free(writable().get(name), false);
    return 0;
  }

  /** 2.4 free_module: save, unlink from the modules it needed, mark those just freed. */
  private void free(Entry e, boolean tagFreed) {
    Map<String, Entry> mods = writable();
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
      Entry dep = mods.get(d);
      if (dep != null) {
        dep.holders.remove(e.name);
        if (tagFreed && dep.holders.isEmpty()) {
          dep.flags.add(ModuleFlag.JUST_FREED);
        }
      }
    }
    mods.remove(e.name);
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
    Map<String, Entry> mods = writable();
    List<String> freed = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      // 2.4 walks module_list, newest first
      List<Entry> newestFirst = new ArrayList<>(mods.values());
      Collections.reverse(newestFirst);
      for (Entry e : newestFirst) {
        if (!mods.containsKey(e.name)) {
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
    for (Entry e : mods.values()) {
      e.flags.remove(ModuleFlag.JUST_FREED);
    }
    // free() dropped the view; the marks changed after it
    frozen = null;
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
    if (peek(name).isEmpty()) {
      return -Errno.ENOENT;
    }
    Entry e = writable().get(name);
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
    Optional<LoadedModule> m = peek(name);
    if (m.isEmpty()) {
      return -Errno.ENOENT;
    }
    if (m.get().useCount() == 0) {
      return -Errno.EINVAL;
    }
    Entry e = writable().get(name);
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
    if (peek(module).isEmpty()) {
      return -Errno.ENOENT;
    }
    writable().get(module).params.put(param, value);
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
   * @param cause the request it is loaded with, kept in its table entry; null when not known
   */
  public record InitRequest(
      String name,
      String path,
      long size,
      List<String> dependencies,
      String options,
      boolean autoclean,
      LoadCause cause) {
    public InitRequest {
      Objects.requireNonNull(name);
      Objects.requireNonNull(path);
      dependencies = List.copyOf(dependencies);
      Objects.requireNonNull(options);
    }

    /**
     * A request whose cause is not known.
     *
     * @param name the module name
     * @param path its file
     * @param size its size in bytes
     * @param dependencies the modules it needs (modules.dep)
     * @param options its options, as modprobe passes them
     * @param autoclean whether it is loaded on a kernel request ({@code -k})
     */
    public InitRequest(
        String name,
        String path,
        long size,
        List<String> dependencies,
        String options,
        boolean autoclean) {
      this(name, path, size, dependencies, options, autoclean, null);
    }
  }
}
