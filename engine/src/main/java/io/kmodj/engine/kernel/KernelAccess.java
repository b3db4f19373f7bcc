package io.kmodj.engine.kernel;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a caller reaches a simulated kernel: directly, when one process owns it (tests, the demo,
 * benchmarks), or through the state directory, one locked transaction per action, when kmodj
 * commands and the daemon share it.
 */
public interface KernelAccess {

  /**
   * Runs an action on the kernel; through the state directory, the kernel is read before and saved
   * after, under the lock.
   *
   * @param action the action
   * @param <T> what it answers
   * @return its answer
   */
  <T> T apply(Function<SimulatedKernel, T> action);

  /**
   * A detached copy of the kernel ({@link SimulatedKernel#detached()}) to plan on without holding
   * it; through the state directory, read without the lock and without writing anything.
   *
   * @return the copy
   */
  default SimulatedKernel snapshot() {
    return apply(SimulatedKernel::detached);
  }

  /**
   * Direct access to a kernel held in memory.
   *
   * @param kernel the kernel
   * @return the access
   */
  static KernelAccess of(SimulatedKernel kernel) {
    Objects.requireNonNull(kernel);
    return new KernelAccess() {
      @Override
      public <T> T apply(Function<SimulatedKernel, T> action) {
        return action.apply(kernel);
      }
    };
  }
}
