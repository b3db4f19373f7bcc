package io.kmodj.engine.plan;

/** Carries out the steps of a plan: prints them, or acts on a (simulated) kernel. */
public interface Executor {

  /**
   * Carries out one step.
   *
   * @param step the step
   * @return 0, or a negative errno as the kernel would answer
   */
  int execute(Step step);
}
