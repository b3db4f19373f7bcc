package io.kmodj.engine.plan;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The dry-run executor: prints steps as {@code modprobe --show-depends} (or {@code -n -v}) does,
 * {@code insmod PATH OPTIONS} (options end with a blank when the configuration gave some, and an
 * empty option list still leaves the blank), {@code builtin NAME}, {@code install COMMAND OPTIONS},
 * {@code rmmod NAME}, {@code remove COMMAND}; skipped modules print nothing.
 */
public final class ShowDependsPrinter implements Executor {
  private final PrintStream out;

  /**
   * Prints to a stream.
   *
   * @param out standard output
   */
  public ShowDependsPrinter(PrintStream out) {
    this.out = Objects.requireNonNull(out);
  }

  @Override
  public int execute(Step step) {
    if (step instanceof Step.Insmod s) {
      out.append("insmod ").append(s.path()).append(' ').append(s.options()).append('\n');
    } else if (step instanceof Step.Builtin s) {
      out.append("builtin ").append(s.module()).append('\n');
    } else if (step instanceof Step.RunInstall s) {
      // kmod prints the command as configured, $CMDLINE_OPTS left in place (case c04)
      out.append("install ").append(s.command()).append(' ').append(s.options()).append('\n');
    } else if (step instanceof Step.Rmmod s) {
      out.append("rmmod ").append(s.module()).append('\n');
    } else if (step instanceof Step.RunRemove s) {
      out.append("remove ").append(s.command()).append('\n');
    }
    return 0;
  }
}
