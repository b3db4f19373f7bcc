package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.LoadCause;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.HelperLauncher;
import io.kmodj.engine.kmodthread.HelperResult;
import io.kmodj.engine.plan.Modprobe;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * kmodj's modprobe run in process for the kmod thread, bound to a simulated kernel: it reads the
 * argv the kernel passes ({@code -q}, {@code -s}, {@code -k}, {@code -v}, {@code --}, the name) and
 * runs {@code kmodj modprobe} on the kernel's system, its messages going where modprobe's {@code
 * -s} sends them (nowhere, here: the kernel logs what matters).
 *
 * <p>A run plans on a detached copy of the kernel ({@link KernelAccess#snapshot()}), holding
 * nothing; a plan that changes nothing (the module is already there, or nothing provides it) is
 * answered from the copy. A plan that loads or removes takes the kernel (its monitor, or the state
 * directory's lock) only to check that the table is still the one planned on and make the copy's
 * calls again; when the table changed meanwhile, it plans again with the kernel held.
 *
 * <p>Each run is bounded by the helper timeout, as an external modprobe is: it runs on the kmod
 * worker, watched by a timer shared by all runs (set for the earliest deadline only, so a short run
 * costs the timer nothing); at the timeout a run still planning is cancelled and interrupted
 * (waiting for the state directory's lock gives up then) and answers {@link
 * HelperResult.Outcome#TIMED_OUT}. A cancelled run never starts applying (the check is made with
 * the kernel held), so a run cut off waiting for the lock or stuck planning leaves the state as it
 * was, even if it wakes up later; one already applying is let finish, since what it does is short
 * and written atomically. A run deaf to the interrupt keeps its worker, and the kmod thread answers
 * its callers after a grace.
 */
final class InProcessModprobe implements HelperLauncher {
  private static final PrintStream DISCARD =
      new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.ISO_8859_1);

  private static final Watchdog WATCHDOG = new Watchdog();

  /**
   * One timer for every run's timeout: it is set for the earliest deadline of the runs under way
   * and not set again while a new run's deadline is later (runs share the helper timeout, so it
   * mostly is), so a short run neither schedules nor wakes anything; when the timer fires it cuts
   * off the runs past their deadline and is set for the next one still under way.
   */
  private static final class Watchdog {
    private final Set<Attempt> attempts = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    // the deadline (System.nanoTime) the timer is set for; Long.MAX_VALUE when not set
    private final AtomicLong armedFor = new AtomicLong(Long.MAX_VALUE);

    Watchdog() {
      timer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "kmodj-modprobe-timer");
                t.setDaemon(true);
                return t;
              });
    }

    void watch(Attempt a) {
      attempts.add(a);
      arm(a.deadline);
    }

    void unwatch(Attempt a) {
      attempts.remove(a);
    }

    private void arm(long deadline) {
      for (long armed = armedFor.get(); deadline < armed; armed = armedFor.get()) {
        if (armedFor.compareAndSet(armed, deadline)) {
          ScheduledFuture<?> unused =
              timer.schedule(this::fire, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          return;
        }
      }
    }

    private void fire() {
      // unset first: a run watched from now on sets the timer again if it must
      armedFor.set(Long.MAX_VALUE);
      long now = System.nanoTime();
      long next = Long.MAX_VALUE;
      for (Iterator<Attempt> i = attempts.iterator(); i.hasNext(); ) {
        Attempt a = i.next();
        if (a.deadline - now <= 0) {
          i.remove();
          a.cutOff();
        } else if (a.deadline < next) {
          next = a.deadline;
        }
      }
      if (next != Long.MAX_VALUE) {
        arm(next);
      }
    }
  }

  /** Where a run is: planning, applying (past the point of no return), done, or cancelled. */
  private static final class Attempt {
    static final int PLANNING = 0;
    static final int APPLYING = 1;
    static final int DONE = 2;
    static final int CANCELLED = 3;

    final AtomicInteger state = new AtomicInteger(PLANNING);
    final Thread runner = Thread.currentThread();
    final long deadline;

    Attempt(Duration timeout) {
      deadline = System.nanoTime() + timeout.toNanos();
    }

    boolean beginApplying() {
      return state.compareAndSet(PLANNING, APPLYING);
    }

    boolean cancelled() {
      return state.get() == CANCELLED;
    }

    /** The timer: a run still planning is cancelled and its thread interrupted. */
    synchronized void cutOff() {
      if (state.compareAndSet(PLANNING, CANCELLED)) {
        runner.interrupt();
      }
    }

    /** The run's end: an interrupt the timer sent is not left for the worker's next job. */
    synchronized void finish() {
      state.compareAndSet(PLANNING, DONE);
      state.compareAndSet(APPLYING, DONE);
      if (state.get() == CANCELLED) {
        boolean unused = Thread.interrupted();
      }
    }
  }

  /** Thrown inside the kernel's transaction when the run was cancelled: nothing is written. */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  private final KernelAccess access;
  private final SystemImage system;

  InProcessModprobe(KernelAccess access, SystemImage system) {
    this.access = Objects.requireNonNull(access);
    this.system = KernelSession.absolute(system);
  }

  @Override
  public HelperResult run(List<String> argv, Map<String, String> env, Duration timeout) {
    boolean quiet = false;
    boolean autoclean = false;
    int verbose = 0;
    List<String> names = new ArrayList<>();
    boolean options = true;
    for (String a : argv.subList(1, argv.size())) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-")) {
        switch (a) {
          case "-q" -> quiet = true;
          case "-k" -> autoclean = true;
          case "-s" -> {
            // to syslog: the kernel log says what matters, messages are dropped here
          }
          case "-v" -> verbose++;
          default -> {
            return HelperResult.exited(1);
          }
        }
      } else {
        names.add(a);
      }
    }
    if (names.isEmpty()) {
      return HelperResult.exited(1);
    }
    int verbosity = quiet ? Modprobe.LOG_EMERG : Modprobe.LOG_WARNING + verbose;
    ModprobeOptions o =
        new ModprobeOptions(
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            system.config(),
            system.root().isEmpty() ? Optional.empty() : Optional.of(system.root()),
            Optional.of(system.release()),
            verbosity,
            system.dialect(),
            Optional.empty(),
            Optional.empty(),
            names);
    boolean clean = autoclean;
    boolean q = quiet;
    Function<SimulatedKernel, Integer> modprobe =
        k -> {
          Optional<ModprobeRunner.KernelTarget> target =
              Optional.of(new ModprobeRunner.KernelTarget(k, clean, LoadCause.REQUEST_MODULE));
          if (system.dialect().equals("modutils")) {
            ModutilsRunner.Options m =
                new ModutilsRunner.Options(
                    o,
                    clean,
                    false,
                    Optional.empty(),
                    true,
                    q,
                    false,
                    false,
                    Optional.empty(),
                    Optional.empty());
            return new ModutilsRunner(m, DISCARD, DISCARD, target).run();
          }
          return new ModprobeRunner(o, DISCARD, DISCARD, target).run();
        };
    Attempt attempt = new Attempt(timeout);
    WATCHDOG.watch(attempt);
    try {
      int code = plan(modprobe, attempt);
      // a run cut off may have read less than it should (an interrupted read): not an answer
      return attempt.cancelled() ? stopped(timeout) : HelperResult.exited(code);
    } catch (RuntimeException e) {
      // Cancelled, or what the interrupt made of waiting for the state directory
      if (attempt.cancelled()) {
        return stopped(timeout);
      }
      throw e;
    } finally {
      WATCHDOG.unwatch(attempt);
      attempt.finish();
    }
  }

  private static HelperResult stopped(Duration timeout) {
    return new HelperResult(
        HelperResult.Outcome.TIMED_OUT,
        -1,
        0,
        "in-process modprobe stopped after " + timeout.toMillis() + " ms, nothing applied");
  }

  /** Plans on a copy, then applies with the kernel held (or plans again there if it changed). */
  private int plan(Function<SimulatedKernel, Integer> modprobe, Attempt attempt) {
    SimulatedKernel copy = access.snapshot();
    int code = modprobe.apply(copy);
    List<SimulatedKernel.Change> changes = copy.journal();
    if (changes.isEmpty()) {
      // nothing to load or remove: the answer is the copy's
      return code;
    }
    List<SimulatedKernel.Basis> basis = copy.origin();
    return access.apply(
        kernel ->
            kernel.atomically(
                k -> {
                  if (!attempt.beginApplying()) {
                    throw new Cancelled();
                  }
                  if (k.basis().equals(basis) && k.replay(changes)) {
                    return code;
                  }
                  // the table changed since the copy: plan again, holding it
                  return modprobe.apply(k);
                }));
  }
}
