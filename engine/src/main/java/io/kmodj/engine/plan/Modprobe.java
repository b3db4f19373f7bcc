package io.kmodj.engine.plan;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What kmod 30's {@code tools/modprobe.c} does with each name once its options are read: look the
 * name up, then print it ({@code -R}), plan and run its insertion, or its removal. Messages go to
 * standard error as modprobe words them ({@code modprobe: FATAL: Module X not found in directory
 * D}); a fatal message ends the run, as modprobe exits there.
 */
public final class Modprobe {
  /** syslog priorities as modprobe uses them. */
  public static final int LOG_EMERG = 0;

  public static final int LOG_CRIT = 2;
  public static final int LOG_ERR = 3;
  public static final int LOG_WARNING = 4;

  private final ModprobeContext ctx;
  private final ProbeFlags flags;
  private final Executor executor;
  private final PrintStream out;
  private final PrintStream err;
  private final int verbosity;
  private final int notFoundPriority;
  private boolean exited;

  /**
   * A modprobe run.
   *
   * @param ctx the context
   * @param flags the probe flags
   * @param executor carries out the steps (the printer for a dry run)
   * @param out standard output (for {@code -R})
   * @param err standard error
   * @param verbosity modprobe's log level: {@link #LOG_WARNING}, lowered by {@code -q} to {@link
   *     #LOG_EMERG}, raised by each {@code -v}
   * @param all {@code -a}: a missing module is a warning, and the run goes on
   */
  public Modprobe(
      ModprobeContext ctx,
      ProbeFlags flags,
      Executor executor,
      PrintStream out,
      PrintStream err,
      int verbosity,
      boolean all) {
    this.ctx = Objects.requireNonNull(ctx);
    this.flags = Objects.requireNonNull(flags);
    this.executor = Objects.requireNonNull(executor);
    this.out = Objects.requireNonNull(out);
    this.err = Objects.requireNonNull(err);
    this.verbosity = verbosity;
    this.notFoundPriority = all ? LOG_WARNING : LOG_CRIT;
  }

  /** Whether a fatal message ended the run (modprobe would have exited with status 1). */
  public boolean exited() {
    return exited;
  }

  private void log(int priority, String message) {
    if (exited || priority > verbosity) {
      return;
    }
    err.append("modprobe: ").append(level(priority)).append(": ").append(message).append('\n');
    if (priority <= LOG_CRIT) {
      exited = true;
    }
  }

  private static String level(int priority) {
    return switch (priority) {
      case LOG_CRIT -> "FATAL";
      case LOG_ERR -> "ERROR";
      case LOG_WARNING -> "WARNING";
      default -> "LOG-" + priority;
    };
  }

  /**
   * Inserts (or, with {@code lookupOnly}, names) the modules a name stands for.
   *
   * @param name the name asked for
   * @param extraOptions options from the command line, or null
   * @param lookupOnly {@code -R}: print the module names only
   * @return 0 or a negative errno
   */
  public int insert(String name, String extraOptions, boolean lookupOnly) {
    if (exited) {
      return Plan.ENOENT;
    }
    Optional<List<ModuleHandle>> found = ctx.lookup(name);
    if (found.isEmpty() || found.get().isEmpty()) {
      log(notFoundPriority, "Module " + name + " not found in directory " + ctx.index().dirname());
      return Plan.ENOENT;
    }
    int result = 0;
    ProbePlanner planner = new ProbePlanner(ctx, flags);
    for (ModuleHandle mod : found.get()) {
      if (lookupOnly) {
        out.append(mod.name()).append('\n');
        result = 0;
        continue;
      }
      result = planner.plan(mod, extraOptions).run(executor);
      if (result >= 0) {
        // a positive answer (blacklisted) is not an error
        result = 0;
      } else if (result == Plan.EEXIST) {
        log(LOG_ERR, "could not insert '" + mod.name() + "': Module already in kernel");
      } else if (result == Plan.ENOENT) {
        log(
            LOG_ERR,
            "could not insert '"
                + mod.name()
                + "': Unknown symbol in module, or unknown parameter (see dmesg)");
      } else {
        log(LOG_ERR, "could not insert '" + mod.name() + "': error " + Math.abs(result));
      }
    }
    return result;
  }

  /**
   * Removes the modules a name stands for (modprobe {@code -r}).
   *
   * @param name the name asked for
   * @param removeHolders {@code --remove-holders}
   * @return 0 or a negative errno
   */
  public int remove(String name, boolean removeHolders) {
    if (exited) {
      return Plan.ENOENT;
    }
    Optional<List<ModuleHandle>> found = ctx.lookup(name);
    if (found.isEmpty()) {
      return -22;
    }
    if (found.get().isEmpty()) {
      log(notFoundPriority, "Module " + name + " not found.");
      return Plan.ENOENT;
    }
    int result = 0;
    for (ModuleHandle mod : found.get()) {
      result = new RemovePlanner(ctx, flags, this::log).remove(mod, removeHolders, false, executor);
      if (result < 0 || exited) {
        break;
      }
    }
    return result;
  }

  /** Receives modprobe's messages with their priority. */
  @FunctionalInterface
  interface Log {
    void log(int priority, String message);
  }
}
