package io.kmodj.gui.model;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One loaded system, immutable: either a kmod {@link ModuleSystem} or a modutils {@link
 * ModutilsSystem}, its neutral configuration and its graph, as read with one overlay of unsaved
 * buffers. Built off the FX thread ({@link #load}); safe to read from any thread.
 *
 * @param spec where the system was read from
 * @param overlay the unsaved texts it was read with
 * @param kmod the kmod system, when the dialect is kmod's
 * @param modutils the modutils system, when the dialect is modutils'
 * @param config the effective configuration in the neutral form (for modutils: {@link
 *     io.kmodj.engine.modutils.ModutilsConfig#toModuleConfig()})
 * @param graph the whole system's graph
 */
public record LoadedSystem(
    SystemSpec spec,
    ConfigOverlay overlay,
    Optional<ModuleSystem> kmod,
    Optional<ModutilsSystem> modutils,
    ModuleConfig config,
    ModuleGraph graph) {
  public LoadedSystem {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(overlay, "overlay");
    Objects.requireNonNull(kmod, "kmod");
    Objects.requireNonNull(modutils, "modutils");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(graph, "graph");
    if (kmod.isPresent() == modutils.isPresent()) {
      throw new IllegalArgumentException("exactly one of kmod and modutils");
    }
  }

  /**
   * Reads a system as {@code kmodj modprobe} would, some files replaced by unsaved texts. Slow:
   * call it off the FX thread.
   *
   * @param spec where the system is ({@link SystemSpec#dialect()} chooses the reader)
   * @param overlay the unsaved texts
   * @return the system
   * @throws IOException when the module index (or modules.dep) cannot be read
   */
  public static LoadedSystem load(SystemSpec spec, ConfigOverlay overlay) throws IOException {
    if (spec.dialect() == Dialect.MODUTILS) {
      ModutilsSystem m = ModutilsSystem.load(spec, false, overlay);
      return new LoadedSystem(
          spec, overlay, Optional.empty(), Optional.of(m), m.config().toModuleConfig(), m.graph());
    }
    ModuleSystem k = ModuleSystem.load(spec, overlay);
    return new LoadedSystem(spec, overlay, Optional.of(k), Optional.empty(), k.config(), k.graph());
  }

  /** The dialect the configuration is written in. */
  public Dialect dialect() {
    return modutils.isPresent() ? Dialect.MODUTILS : Dialect.KMOD;
  }
}
