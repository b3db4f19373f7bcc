package io.kmodj.engine.cli;

import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.HelperLauncher;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Puts the kernel side together for the commands (and the benchmarks): state directory, launchers,
 * kmod thread.
 */
public final class KernelSession {
  private KernelSession() {}

  /** A state directory whose kernels know their system's builtins from its index. */
  static StateStore store(Path dir, Clock clock) {
    return new StateStore(dir, clock, KernelSession::builtins);
  }

  /**
   * modules.builtin of a system; nothing when its index cannot be read.
   *
   * @param system the system
   * @return which names are built in
   */
  public static Predicate<String> builtins(SystemImage system) {
    try {
      ModuleIndex index = IndexCache.get(absolute(system).moduleDirectory());
      return index::isBuiltin;
    } catch (IOException e) {
      return name -> false;
    }
  }

  /** The system with its root made absolute, as modprobe makes {@code -d} absolute. */
  static SystemImage absolute(SystemImage s) {
    if ((s.root().isEmpty() || s.root().startsWith("/"))
        && s.config().stream().allMatch(c -> c.startsWith("/"))) {
      return s;
    }
    String root =
        s.root().isEmpty() || s.root().startsWith("/")
            ? s.root()
            : Path.of(s.root()).toAbsolutePath().normalize().toString();
    List<String> config = new ArrayList<>();
    for (String c : s.config()) {
      // a state directory outlives the working directory its boot ran in
      config.add(c.startsWith("/") ? c : Path.of(c).toAbsolutePath().normalize().toString());
    }
    return new SystemImage(root, s.release(), s.dialect(), config);
  }

  /**
   * What runs a helper, chosen by its path at each run: the in-process modprobe ({@link
   * SimulatedKernel#IN_PROCESS_MODPROBE}), kmodj's launcher as another process ({@link
   * SimulatedKernel#LAUNCHER_MODPROBE}, on the state directory), or the program at the path.
   *
   * @param access the kernel the in-process modprobe acts on
   * @param system the system it runs
   * @param stateDir the state directory a launcher process uses
   * @return the launcher
   */
  public static HelperLauncher launcher(KernelAccess access, SystemImage system, Path stateDir) {
    HelperLauncher inProcess = new InProcessModprobe(access, system);
    HelperLauncher own = new ProcessLauncher(ownLauncher(stateDir, system));
    HelperLauncher external = new ProcessLauncher();
    return (argv, env, timeout) -> {
      String program = argv.get(0);
      if (program.equals(SimulatedKernel.IN_PROCESS_MODPROBE)) {
        return inProcess.run(argv, env, timeout);
      }
      if (program.equals(SimulatedKernel.LAUNCHER_MODPROBE)) {
        return own.run(argv, env, timeout);
      }
      return external.run(argv, env, timeout);
    };
  }

  /** {@code java -cp CLASSPATH Main --state DIR modprobe SYSTEM-OPTIONS}: kmodj in a process. */
  static List<String> ownLauncher(Path stateDir, SystemImage system) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("modprobe");
    cmd.add("--state");
    cmd.add(stateDir.toAbsolutePath().toString());
    cmd.addAll(absolute(system).modprobeOptions());
    return cmd;
  }

  // writes the kmod thread's log lines, in order, so that a worker never waits on a stuck lock
  private static final ExecutorService LOG_WRITER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "kmodj-klog");
            t.setDaemon(true);
            return t;
          });

  /**
   * A kmod thread over a kernel, its failures logged in the kernel's log. A line is written before
   * the worker goes on, unless the kernel stays held for longer than the helper timeout (a stuck
   * lock): then the line waits for the kernel and the worker answers its caller meanwhile.
   */
  static KmodThread kmodThread(
      KmodThread.Settings settings, KernelAccess access, SystemImage system, Path stateDir) {
    long wait = settings.helperTimeout().toMillis();
    return new KmodThread(
        settings,
        launcher(access, system, stateDir),
        (level, text) -> {
          Future<KernelLog.Line> written =
              LOG_WRITER.submit(() -> access.apply(k -> logLine(k, level, text)));
          try {
            written.get(wait, TimeUnit.MILLISECONDS);
          } catch (TimeoutException | ExecutionException e) {
            // written when the kernel is free again, or not at all if its state cannot be
            return;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Waits until the log lines handed over so far are written (for tests).
   *
   * @param timeout how long at most
   * @return whether they were
   */
  static boolean awaitLogWritten(Duration timeout) {
    try {
      LOG_WRITER.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static KernelLog.Line logLine(SimulatedKernel k, KernelLog.Level level, String text) {
    return k.log().log(level, text);
  }
}
