package io.kmodj.engine.plan;

/** The state of a module the kernel knows, as /sys/module/NAME/initstate says it. */
public enum ModuleState {
  /** Loaded and running. */
  LIVE,
  /** Being loaded. */
  COMING,
  /** Being removed. */
  GOING
}
