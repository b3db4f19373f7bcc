package io.kmodj.engine.kernel;

/** The 2.2/2.4 kernel's module flags that autoclean reads ({@code MOD_*} in linux/module.h). */
public enum ModuleFlag {
  /** Loaded on a kernel request (modprobe -k): autoclean may remove it. */
  AUTOCLEAN,
  /** Used since the last autoclean pass. */
  VISITED,
  /** Used at least once since it was loaded. */
  USED_ONCE,
  /** A module it held was freed in this autoclean call. */
  JUST_FREED
}
