package io.kmodj.engine.kmodthread;

import java.util.Objects;

/**
 * How a helper program ended.
 *
 * @param outcome what happened
 * @param exitStatus its exit status when it exited (128 + N when killed by signal N)
 * @param errno the error that kept it from running ({@link Outcome#EXEC_FAILED})
 * @param detail a few words for the log
 */
public record HelperResult(Outcome outcome, int exitStatus, int errno, String detail) {
  public HelperResult {
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(detail);
  }

  /** How a helper run ended. */
  public enum Outcome {
    /** It ran and exited (possibly killed by a signal of its own making). */
    EXITED,
    /** It did not exit within the timeout and was killed. */
    TIMED_OUT,
    /** It could not be started. */
    EXEC_FAILED,
    /** The kmod thread was stopped while it ran. */
    INTERRUPTED
  }

  /**
   * A helper that exited.
   *
   * @param status its exit status
   * @return the result
   */
  public static HelperResult exited(int status) {
    return new HelperResult(Outcome.EXITED, status, 0, "");
  }
}
