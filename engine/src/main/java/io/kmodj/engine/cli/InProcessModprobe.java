package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelAccess;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Each run is bounded by the helper timeout, as an external modprobe is: it runs on a thread of
 * its own while the kmod worker waits; at the timeout the run is cancelled and interrupted and the
 * worker answers {@link HelperResult.Outcome#TIMED_OUT}. A cancelled run never starts applying (the
 * check is made with the kernel held), so a run cut off waiting for the lock or stuck planning
 * leaves the state as it was; one already applying is waited for, since what it does is short and
 * written atomically.
 */
final class InProcessModprobe implements HelperLauncher {
  private static final PrintStream DISCARD =
      new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.ISO_8859_1);

  /** How long a run that has begun applying gets after the timeout to finish. */
  static final Duration APPLY_GRACE = Duration.ofSeconds(10);

  private static final ExecutorService RUNS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kmodj-modprobe");
            t.setDaemon(true);
            return t;
          });

  /** Where a run is: planning, applying (past the point of no return), or cancelled. */
  private static final class Attempt {
    static final int PLANNING = 0;
    static final int APPLYING = 1;
    static final int CANCELLED = 2;

    final AtomicInteger state = new AtomicInteger(PLANNING);

    boolean beginApplying() {
      return state.compareAndSet(PLANNING, APPLYING);
    }

    boolean cancel() {
      return state.compareAndSet(PLANNING, CANCELLED) || state.get() == CANCELLED;
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
              Optional.of(new ModprobeRunner.KernelTarget(k, clean));
          if (system.dialect().equals("modutils")) {
            ModutilsRunner.Options m =
                new ModutilsRunner.Options(
                    o, clean, false, Optional.empty(), true, q, false, false, Optional.empty());
            return new ModutilsRunner(m, DISCARD, DISCARD, target).run();
          }
          return new ModprobeRunner(o, DISCARD, DISCARD, target).run();
        };
    Attempt attempt = new Attempt();
    Future<Integer> run = RUNS.submit(() -> plan(modprobe, attempt));
    try {
      return HelperResult.exited(run.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      if (attempt.cancel()) {
        run.cancel(true);
        return stopped(timeout);
      }
      // applying: short, and written atomically; let it finish
      try {
        return HelperResult.exited(run.get(APPLY_GRACE.toMillis(), TimeUnit.MILLISECONDS));
      } catch (TimeoutException | ExecutionException e2) {
        return stopped(timeout);
      } catch (InterruptedException e2) {
        Thread.currentThread().interrupt();
        return new HelperResult(HelperResult.Outcome.INTERRUPTED, -1, 0, "interrupted");
      }
    } catch (InterruptedException e) {
      attempt.cancel();
      run.cancel(true);
      Thread.currentThread().interrupt();
      return new HelperResult(HelperResult.Outcome.INTERRUPTED, -1, 0, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
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
