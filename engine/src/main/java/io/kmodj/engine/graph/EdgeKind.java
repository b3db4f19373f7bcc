package io.kmodj.engine.graph;

/** What an edge of the module graph says. */
public enum EdgeKind {
  /** The source needs the target (modules.dep). */
  HARD,
  /** The target is loaded before the source (softdep pre:). */
  SOFT_PRE,
  /** The target is loaded after the source (softdep post:). */
  SOFT_POST,
  /** The source may need the target (weakdep; never loaded by modprobe). */
  WEAK,
  /** The alias stands for the target module. */
  ALIAS,
  /** The module is loaded (or removed) by the target command. */
  COMMAND,
  /** modutils {@code probe}: the name loads the first target that loads. */
  PROBE,
  /** modutils {@code probeall}: the name loads every target that loads. */
  PROBEALL,
  /** modutils {@code below}: the target is loaded before the source. */
  BELOW,
  /** modutils {@code above}: the target is loaded after the source. */
  ABOVE
}
