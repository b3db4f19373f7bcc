package io.kmodj.engine.kmodthread;

import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.KernelLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The kmod thread: {@code request_module(name)} hands a request to a bounded pool of workers (at
 * most as many as requests may be in flight, never one per caller), which run the kind's helper
 * with the kernel's argv and a fixed minimal environment, wait for it, and answer 0 or a negative
 * errno; every failure is also a kernel-log line. Concurrent callers asking for the same name share
 * one run, and every one of them gets its answer; a run whose callers were answered {@code -ETIME}
 * is not joined by later requests, which get a run of their own. A request made from inside a
 * helper run (a modprobe whose module asks for itself again) is never merged, so a runaway loop
 * meets the limit and is stopped as the kernel stops it. A caller waits at most the helper timeout
 * and a grace (the timeout again, at most 10 s) for its answer, even from a helper deaf to being
 * stopped.
 *
 * <p>Thread-safe. State: the in-flight slots (a semaphore), the runs in progress by name (a
 * concurrent map), the worker pool; each guards itself.
 */
public final class KmodThread implements AutoCloseable {
  /** The environment every helper gets, and nothing else (kernel/kmod.c). */
  public static final Map<String, String> ENVIRONMENT =
      Map.of("HOME", "/", "TERM", "linux", "PATH", "/sbin:/usr/sbin:/bin:/usr/bin");

  /**
   * How the kmod thread behaves.
   *
   * @param maxConcurrent requests in flight at once ({@code MAX_KMOD_CONCURRENT}, 50)
   * @param helperTimeout how long a helper may run before it is killed
   * @param slotWait how long a request past the limit waits for a slot before {@code -ETIME}
   *     (modern kernels: 5 s); zero fails it at once with {@code -ENOMEM}, as 2.4 did
   */
  public record Settings(int maxConcurrent, Duration helperTimeout, Duration slotWait) {
    public Settings {
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("maxConcurrent " + maxConcurrent);
      }
      Objects.requireNonNull(helperTimeout);
      Objects.requireNonNull(slotWait);
    }

    /** The modern kernel's: 50 in flight, 5 s wait for a slot; a helper may run 60 s. */
    public static Settings modern() {
      return new Settings(50, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    /** 2.4's: 50 in flight, the 51st fails at once. */
    public static Settings linux24() {
      return new Settings(50, Duration.ofSeconds(60), Duration.ZERO);
    }
  }

  private static final Duration MAX_ANSWER_GRACE = Duration.ofSeconds(10);

  private static final ThreadLocal<KmodThread> WORKER_OF = new ThreadLocal<>();

  private final Settings settings;
  private final HelperLauncher launcher;
  private final BiConsumer<KernelLog.Level, String> log;
  private final Semaphore slots;
  private final Map<String, CompletableFuture<Integer>> running = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;
  private final AtomicInteger runs = new AtomicInteger();

  /**
   * A kmod thread.
   *
   * @param settings limits and timeouts
   * @param launcher what runs the helper programs
   * @param log the kernel log
   */
  public KmodThread(
      Settings settings, HelperLauncher launcher, BiConsumer<KernelLog.Level, String> log) {
    this.settings = Objects.requireNonNull(settings);
    this.launcher = Objects.requireNonNull(launcher);
    this.log = Objects.requireNonNull(log);
    this.slots = new Semaphore(settings.maxConcurrent(), true);
    AtomicInteger n = new AtomicInteger();
    // a hand-off pool: a request goes to the worker that went idle last (SynchronousQueue's stack),
    // and a new worker starts only when all are busy; so a burst of short in-process runs keeps a
    // few warm workers instead of cycling through fifty. The slots bound the runs; the pool may
    // briefly hold twice as many threads (a worker frees its slot just before it is idle again)
    this.workers =
        new ThreadPoolExecutor(
            0,
            2 * settings.maxConcurrent(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "kmod-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Requests in flight now. */
  public int inFlight() {
    return settings.maxConcurrent() - slots.availablePermits();
  }

  /** Helper programs started so far. */
  public int runs() {
    return runs.get();
  }

  /**
   * {@code request_module(name)} for a kind: runs its helper for the name, or joins a run already
   * under way for it, and waits.
   *
   * @param kind the kind of request
   * @param name the requested name
   * @return 0 when the helper exited 0; otherwise a negative errno ({@code -EINVAL}, {@code
   *     -ENAMETOOLONG} for refused names, {@code -ENOENT} when the kind is disabled or the helper
   *     failed, {@code -ENOMEM} or {@code -ETIME} past the limit, {@code -ETIME} on timeout, the
   *     exec error when it could not run, {@code -EIO} when it crashed)
   */
  public int request(RequestKind kind, String name) {
    Optional<RequestNames.Refusal> refused = RequestNames.check(name);
    if (refused.isPresent()) {
      log.accept(
          KernelLog.Level.WARNING,
          "request_"
              + kind.name()
              + ": refusing '"
              + RequestNames.printable(name)
              + "': "
              + refused.get().reason());
      return -refused.get().errno();
    }
    String path = kind.helperPath().get();
    if (path.isEmpty()) {
      // modern kernels: an empty modprobe path disables autoloading, silently
      return -Errno.ENOENT;
    }
    if (WORKER_OF.get() == this) {
      // a helper asking again: never merged, so a loop runs into the limit
      return submit(kind, name).join();
    }
    String key = kind.name() + '\0' + name;
    CompletableFuture<Integer> mine = new CompletableFuture<>();
    CompletableFuture<Integer> run = running.putIfAbsent(key, mine);
    if (run == null) {
      run = mine;
      // completes mine; its own future is not needed
      CompletableFuture<Integer> unused =
          submit(kind, name)
              .whenComplete(
                  (r, e) -> {
                    running.remove(key, mine);
                    if (e != null) {
                      mine.completeExceptionally(e);
                    } else {
                      mine.complete(r);
                    }
                  });
    }
    Duration bound = settings.helperTimeout().plus(answerGrace());
    try {
      return run.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // a helper deaf to being stopped: its worker keeps its slot, the caller is answered, and
      // the run is no longer one a later request joins (that request gets a run of its own)
      running.remove(key, run);
      log.accept(
          KernelLog.Level.ERR,
          "kmod: "
              + String.join(" ", kind.argv(name))
              + " gave no answer in "
              + bound.toMillis()
              + " ms; its caller is answered -ETIME");
      return -Errno.ETIME;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -Errno.EINTR;
    } catch (ExecutionException e) {
      throw new IllegalStateException("kmod worker failed", e.getCause());
    }
  }

  /**
   * How long past the helper timeout a caller waits for its answer: time for a helper to be killed
   * and reaped (its timeout again, at most 10 s).
   */
  private Duration answerGrace() {
    Duration t = settings.helperTimeout();
    return t.compareTo(MAX_ANSWER_GRACE) < 0 ? t : MAX_ANSWER_GRACE;
  }

  /** Takes a slot as the kernel does, then hands the run to a worker. */
  private CompletableFuture<Integer> submit(RequestKind kind, String name) {
    boolean got;
    try {
      got =
          settings.slotWait().isZero()
              ? slots.tryAcquire()
              : slots.tryAcquire(settings.slotWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.completedFuture(-Errno.EINTR);
    }
    if (!got) {
      if (settings.slotWait().isZero()) {
        log.accept(KernelLog.Level.ERR, "kmod: runaway modprobe loop assumed and stopped");
        return CompletableFuture.completedFuture(-Errno.ENOMEM);
      }
      log.accept(
          KernelLog.Level.WARNING,
          "request_module: modprobe "
              + name
              + " cannot be processed, kmod busy with "
              + settings.maxConcurrent()
              + " threads for more than "
              + settings.slotWait().toSeconds()
              + " seconds now");
      return CompletableFuture.completedFuture(-Errno.ETIME);
    }
    try {
      return CompletableFuture.supplyAsync(() -> runHelper(kind, name), workers);
    } catch (RuntimeException e) {
      slots.release();
      log.accept(KernelLog.Level.ERR, "kmod: cannot start a worker: " + e);
      return CompletableFuture.completedFuture(-Errno.ENOMEM);
    }
  }

  /** On a worker: runs the helper, maps its end to an errno, logs failures, frees the slot. */
  private int runHelper(RequestKind kind, String name) {
    WORKER_OF.set(this);
    List<String> argv = kind.argv(name);
    try {
      runs.incrementAndGet();
      HelperResult r = launcher.run(argv, ENVIRONMENT, settings.helperTimeout());
      return answer(argv, r);
    } catch (RuntimeException e) {
      log.accept(KernelLog.Level.ERR, "kmod: " + String.join(" ", argv) + " failed: " + e);
      return -Errno.EIO;
    } finally {
      WORKER_OF.remove();
      slots.release();
    }
  }

  private int answer(List<String> argv, HelperResult r) {
    String cmd = String.join(" ", argv);
    return switch (r.outcome()) {
      case EXITED -> exited(cmd, r.exitStatus());
      case TIMED_OUT -> {
        log.accept(KernelLog.Level.ERR, "kmod: " + cmd + " hung, " + r.detail());
        yield -Errno.ETIME;
      }
      case EXEC_FAILED -> {
        // 2.4: "kmod: failed to exec /sbin/modprobe -s -k NAME, errno = N"
        log.accept(
            KernelLog.Level.ERR,
            "kmod: failed to exec " + cmd + ", errno = " + r.errno() + " (" + r.detail() + ")");
        yield -r.errno();
      }
      case INTERRUPTED -> -Errno.EINTR;
    };
  }

  private int exited(String cmd, int status) {
    if (status == 0) {
      return 0;
    }
    if (status > 128) {
      log.accept(KernelLog.Level.ERR, "kmod: " + cmd + " killed by signal " + (status - 128));
      return -Errno.EIO;
    }
    log.accept(KernelLog.Level.INFO, "kmod: " + cmd + " exited with status " + status);
    return -Errno.ENOENT;
  }

  /** How long {@link #close} waits for interrupted runs to end. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /**
   * Stops the workers: runs in progress are interrupted (an external helper is killed, an
   * in-process modprobe gives up as at its timeout), and close waits for them to end, at most
   * {@link #CLOSE_WAIT}, so that nothing a run writes comes after it.
   */
  @Override
  public void close() {
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.accept(KernelLog.Level.WARNING, "kmod: a helper run did not end on close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
