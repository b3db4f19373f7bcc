package io.kmodj.gui.sim;

import io.kmodj.engine.cli.KernelSession;
import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.KmodDaemon;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.RequestKind;
import io.kmodj.gui.model.Workers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simulated kernel of the desktop's own, booted on a system: its module table, its kmod thread
 * running the in-process modprobe, saved parameters in a persist directory, and an autoclean
 * schedule. Every method blocks while the kernel works, so the GUI calls them off the FX thread;
 * they are thread-safe (the kernel holds its monitor, the kmod thread and schedule guard
 * themselves). A simulation made by {@link #inTemporaryDirectory} owns its directory and deletes it
 * when closed.
 */
public final class Simulation implements AutoCloseable {
  private final SystemImage system;
  private final SimulatedKernel kernel;
  private final KernelAccess access;
  private final ParameterStore persist;
  private final KmodThread kmod;
  private final RequestKind modules;
  private final ScheduledExecutorService timer;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private final Optional<Path> ownedDirectory;
  // guarded by this
  private ScheduledFuture<?> autoclean;
  private String schedule = "";
  private ZonedDateTime nextAutoclean;

  /**
   * Boots a kernel on a system. A modutils system runs in 2.2/2.4 compatibility, so requests load
   * modules autoclean as {@code modprobe -s -k} did.
   *
   * @param system the system
   * @param persistDir where unloads save parameters
   * @param clock the wall clock (log timestamps, the schedule)
   */
  public Simulation(SystemImage system, Path persistDir, Clock clock) {
    this(system, persistDir, clock, Optional.empty());
  }

  /**
   * Boots a kernel on a system with its state (the persist directory, the kmod thread's state) in a
   * new temporary directory of its own, deleted by {@link #close}.
   *
   * @param system the system
   * @param clock the wall clock
   * @return the simulation
   * @throws IOException if the directory cannot be made
   */
  public static Simulation inTemporaryDirectory(SystemImage system, Clock clock)
      throws IOException {
    Path dir = Files.createTempDirectory("kmodj-gui-sim");
    return new Simulation(system, dir.resolve("persist"), clock, Optional.of(dir));
  }

  private Simulation(SystemImage system, Path persistDir, Clock clock, Optional<Path> owned) {
    this.ownedDirectory = owned;
    this.system = Objects.requireNonNull(system);
    this.clock = Objects.requireNonNull(clock);
    this.persist = new ParameterStore(persistDir);
    this.kernel =
        new SimulatedKernel(system, KernelSession.builtins(system), clock, Optional.of(persist));
    kernel.setCompat(system.dialect().equals("modutils"));
    this.access = KernelAccess.of(kernel);
    this.kmod =
        new KmodThread(
            KmodThread.Settings.modern(),
            KernelSession.launcher(access, system, persistDir.resolveSibling("state")),
            (level, text) -> kernel.log().log(level, text));
    this.modules = RequestKind.modules(kernel::modprobePath, kernel::compat);
    this.timer = Executors.newSingleThreadScheduledExecutor(Workers.daemon("kmodj-gui-autoclean"));
  }

  /** The system the kernel runs. */
  public SystemImage system() {
    return system;
  }

  /** The kernel, for direct reads. */
  public KernelAccess kernel() {
    return access;
  }

  /** Where parameters are saved. */
  public ParameterStore persist() {
    return persist;
  }

  /**
   * Calls a listener after every change made through this simulation (a request, an unload, an
   * autoclean pass, a setting), on the thread that made it.
   *
   * @param listener the listener
   */
  public void onChange(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  private void changed() {
    for (Runnable r : listeners) {
      r.run();
    }
  }

  /**
   * One module loaded by a request.
   *
   * @param name the module
   * @param path its file
   * @param parameters its parameters once loaded (options and restored values)
   * @param autoclean whether it was loaded autoclean
   */
  public record Insmod(
      String name, String path, java.util.Map<String, String> parameters, boolean autoclean) {}

  /**
   * What a request did.
   *
   * @param name the requested name
   * @param argv what the kmod thread ran
   * @param result 0 or a negative errno
   * @param loaded the modules it loaded, in order
   * @param log the kernel log lines written meanwhile
   */
  public record Trace(
      String name, List<String> argv, int result, List<Insmod> loaded, List<KernelLog.Line> log) {
    /** The trace as lines: request_module, the kmod thread's argv, each insmod, the answer. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      out.add("request_module(\"" + name + "\")");
      out.add("  → kmod thread runs: " + String.join(" ", argv));
      for (Insmod m : loaded) {
        StringBuilder sb = new StringBuilder("  → insmod " + m.path());
        m.parameters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        if (m.autoclean()) {
          sb.append("   (autoclean)");
        }
        out.add(sb.toString());
      }
      for (KernelLog.Line l : log) {
        if (l.level().compareTo(KernelLog.Level.WARNING) <= 0 || l.text().startsWith("kmod:")) {
          out.add("  ! " + l.text());
        }
      }
      out.add(
          result == 0
              ? "  = 0"
              : "  = -" + Errno.name(result) + " (" + Errno.message(result) + ")");
      return out;
    }
  }

  /**
   * {@code request_module(name)}, as a device open would make it.
   *
   * @param name the name the kernel asks for
   * @return what happened
   */
  public synchronized Trace request(String name) {
    List<String> before = names(kernel.modules());
    long seq = lastSeq();
    List<String> argv = modules.argv(name);
    int r = kmod.request(modules, name);
    List<Insmod> loaded = new ArrayList<>();
    for (LoadedModule m : kernel.modules()) {
      if (!before.contains(m.name())) {
        loaded.add(
            new Insmod(
                m.name(),
                m.path(),
                m.parameters(),
                m.flags().contains(io.kmodj.engine.kernel.ModuleFlag.AUTOCLEAN)));
      }
    }
    // the table is newest first, as lsmod shows it; the trace goes in load order
    java.util.Collections.reverse(loaded);
    List<KernelLog.Line> log = new ArrayList<>();
    for (KernelLog.Line l : kernel.log().lines()) {
      if (l.seq() > seq) {
        log.add(l);
      }
    }
    changed();
    return new Trace(name, argv, r, loaded, log);
  }

  private long lastSeq() {
    List<KernelLog.Line> lines = kernel.log().lines();
    return lines.isEmpty() ? -1 : lines.get(lines.size() - 1).seq();
  }

  private static List<String> names(List<LoadedModule> modules) {
    List<String> out = new ArrayList<>();
    for (LoadedModule m : modules) {
      out.add(m.name());
    }
    return out;
  }

  /** The module table, newest first (as lsmod lists it). */
  public List<LoadedModule> modules() {
    return kernel.modules();
  }

  /** The kernel log, oldest first. */
  public List<KernelLog.Line> log() {
    return kernel.log().lines();
  }

  /**
   * {@code rmmod NAME}.
   *
   * @param name the module
   * @return an error message as rmmod words it, or empty when it was removed
   */
  public synchronized Optional<String> rmmod(String name) {
    Optional<LoadedModule> m = kernel.module(name);
    Optional<String> answer;
    if (m.isEmpty()) {
      answer = Optional.of("Module " + name + " is not currently loaded");
    } else if (!m.get().holders().isEmpty()) {
      answer =
          Optional.of("Module " + name + " is in use by: " + String.join(" ", m.get().holders()));
    } else {
      int r = kernel.deleteModule(name);
      answer =
          r == -Errno.EBUSY
              ? Optional.of("Module " + name + " is in use")
              : r < 0 ? Optional.of(Errno.message(r)) : Optional.empty();
    }
    changed();
    return answer;
  }

  /**
   * {@code rmmod -a}: one autoclean pass.
   *
   * @return the modules it removed, in order
   */
  public synchronized List<String> autocleanPass() {
    List<String> freed = kernel.autoclean();
    changed();
    return freed;
  }

  /**
   * A use of a module begins (a device opened) or ends.
   *
   * @param name the module
   * @param begin true to begin a use, false to end one
   * @return 0 or a negative errno
   */
  public synchronized int use(String name, boolean begin) {
    int r = begin ? kernel.get(name) : kernel.put(name);
    changed();
    return r;
  }

  /** The {@code kernel.modprobe} sysctl. */
  public String modprobePath() {
    return kernel.modprobePath();
  }

  /**
   * Sets {@code kernel.modprobe}; empty disables autoloading.
   *
   * @param path the helper
   */
  public synchronized void setModprobePath(String path) {
    kernel.setModprobePath(path);
    changed();
  }

  /**
   * Runs {@code rmmod -a} on a crontab schedule from now on, replacing any earlier one.
   *
   * @param cron the schedule, five crontab fields ({@code 0-59/5 * * * *})
   * @throws IllegalArgumentException when it is not a crontab expression
   */
  public synchronized void scheduleAutoclean(String cron) {
    KmodDaemon.parse(cron);
    cancelAutoclean();
    schedule = cron;
    planNext();
  }

  /** Stops the autoclean schedule. */
  public synchronized void cancelAutoclean() {
    if (autoclean != null) {
      autoclean.cancel(false);
      autoclean = null;
    }
    nextAutoclean = null;
    schedule = "";
  }

  /** When the schedule runs next, if one is on. */
  public synchronized Optional<ZonedDateTime> nextAutoclean() {
    return Optional.ofNullable(nextAutoclean);
  }

  private synchronized void planNext() {
    if (schedule.isEmpty() || timer.isShutdown()) {
      return;
    }
    ZonedDateTime now = ZonedDateTime.now(clock);
    Optional<ZonedDateTime> next = KmodDaemon.next(schedule, now);
    if (next.isEmpty()) {
      nextAutoclean = null;
      return;
    }
    nextAutoclean = next.get();
    long delay = Math.max(0, Duration.between(now, next.get()).toMillis());
    String mine = schedule;
    autoclean =
        timer.schedule(
            () -> {
              synchronized (this) {
                if (!mine.equals(schedule)) {
                  return;
                }
              }
              autocleanPass();
              planNext();
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  /** The temporary directory this simulation owns and deletes when closed, if it has one. */
  public Optional<Path> ownedDirectory() {
    return ownedDirectory;
  }

  /**
   * Stops the schedule and the kmod thread, then deletes the directory the simulation owns.
   *
   * @throws UncheckedIOException if the directory cannot be deleted
   */
  @Override
  public void close() {
    timer.shutdownNow();
    kmod.close();
    if (ownedDirectory.isPresent()) {
      deleteOwned(ownedDirectory.get());
    }
  }

  /** Deletes the directory: the kmod thread's close has waited for its runs, so nothing writes. */
  private static void deleteOwned(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
