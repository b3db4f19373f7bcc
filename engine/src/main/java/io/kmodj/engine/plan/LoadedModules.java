package io.kmodj.engine.plan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the kernel has loaded, as libkmod reads it from /sys/module. The default knows nothing
 * loaded; a simulated kernel will implement this.
 */
public interface LoadedModules {

  /**
   * The state of a loaded module.
   *
   * @param name the module name
   * @return its state, or empty when the kernel does not have it
   */
  Optional<ModuleState> state(String name);

  /**
   * The reference count of a loaded module.
   *
   * @param name the module name
   * @return the count, or empty when it is not loaded
   */
  OptionalInt refcount(String name);

  /**
   * The modules that hold a loaded module.
   *
   * @param name the module name
   * @return their names
   */
  List<String> holders(String name);

  /** A kernel with nothing loaded. */
  static LoadedModules none() {
    return new LoadedModules() {
      @Override
      public Optional<ModuleState> state(String name) {
        return Optional.empty();
      }

      @Override
      public OptionalInt refcount(String name) {
        return OptionalInt.empty();
      }

      @Override
      public List<String> holders(String name) {
        return List.of();
      }
    };
  }
}
