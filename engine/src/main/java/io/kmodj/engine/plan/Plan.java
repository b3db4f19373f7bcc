package io.kmodj.engine.plan;

import java.util.List;
import java.util.Objects;

/**
 * What modprobe does for one module: its steps in order, and the answer known before executing (0,
 * a positive "skipped" answer, or a negative errno such as {@code -EEXIST}).
 *
 * @param module the module planned for
 * @param steps the steps
 * @param status 0 when the steps are to be run; otherwise why nothing (more) is done
 */
public record Plan(String module, List<Step> steps, int status) {
  /** errno EEXIST, negated: the module is already in the kernel. */
  public static final int EEXIST = -17;

  /** errno ENOENT, negated. */
  public static final int ENOENT = -2;

  /** Positive status: the module was skipped because it is blacklisted. */
  public static final int BLACKLISTED = 1;

  public Plan {
    Objects.requireNonNull(module);
    steps = List.copyOf(steps);
  }

  /**
   * Runs the steps through an executor with kmod's error rules: a failing soft dependency is
   * ignored, as is a module already loaded; a required module's failure stops the plan.
   *
   * @param executor what carries the steps out
   * @return 0, or the first error that stopped the plan
   */
  public int run(Executor executor) {
    if (status != 0) {
      for (Step s : steps) {
        executor.execute(s);
      }
      return status;
    }
    int err = 0;
    for (Step s : steps) {
      err = executor.execute(s);
      boolean required =
          s instanceof Step.Insmod i
              ? i.required()
              : s instanceof Step.RunInstall r ? r.required() : true;
      if (err == EEXIST || !required) {
        err = 0;
      } else if (err < 0) {
        break;
      }
    }
    return err;
  }
}
