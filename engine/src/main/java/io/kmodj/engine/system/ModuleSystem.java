package io.kmodj.engine.system;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModprobeContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A kernel's module index with its effective configuration: what every question about the system
 * starts from.
 *
 * @param spec where it was loaded from
 * @param index the module index
 * @param config the effective configuration (its messages say what was wrong with the files)
 */
public record ModuleSystem(SystemSpec spec, ModuleIndex index, ModuleConfig config) {
  public ModuleSystem {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(config, "config");
  }

  /**
   * Reads the index and the configuration a spec names.
   *
   * @param spec where the system is
   * @return the system
   * @throws IOException when the module index or the command-line file cannot be read (a bad
   *     configuration line is a message in the configuration, not an exception)
   */
  public static ModuleSystem load(SystemSpec spec) throws IOException {
    return load(spec, ConfigOverlay.NONE);
  }

  /**
   * Reads the index and the configuration a spec names, some files' contents replaced by unsaved
   * texts.
   *
   * @param spec where the system is
   * @param overlay the unsaved texts standing in for configuration files
   * @return the system
   * @throws IOException when the module index or the command-line file cannot be read
   */
  public static ModuleSystem load(SystemSpec spec, ConfigOverlay overlay) throws IOException {
    // through the user's binary cache, as the command line reads it: a GUI opening a big tree
    // again reads the parsed index instead of parsing modules.alias's patterns anew
    return load(spec, overlay, CacheStore.standard());
  }

  /**
   * Reads the index and the configuration a spec names, the index through a binary cache (an entry
   * is used only while every index file has the content it was made from).
   *
   * @param spec where the system is
   * @param overlay the unsaved texts standing in for configuration files
   * @param cache where parsed indexes are kept
   * @return the system
   * @throws IOException when the module index or the command-line file cannot be read
   */
  public static ModuleSystem load(SystemSpec spec, ConfigOverlay overlay, CacheStore cache)
      throws IOException {
    ModuleIndex index = ModuleIndex.load(spec.moduleDirectory(), cache);
    return new ModuleSystem(spec, index, config(spec, overlay));
  }

  private static ModuleConfig config(SystemSpec spec, ConfigOverlay overlay) throws IOException {
    return new ModprobeDFrontEnd()
        .read(
            new ConfigSource(
                spec.configPaths(),
                spec.moduleDirectory(),
                kernelCommandLine(spec),
                spec.cmdline().orElse(SystemSpec.PROC_CMDLINE)),
            overlay);
  }

  /**
   * The same index with the configuration read again under another overlay: the configuration on
   * disk ({@link ConfigOverlay#NONE}) beside one read with unsaved buffers, without reading the
   * index twice.
   *
   * @param overlay the unsaved texts standing in for configuration files
   * @return the system
   * @throws IOException when the command-line file cannot be read
   */
  public ModuleSystem withOverlay(ConfigOverlay overlay) throws IOException {
    return new ModuleSystem(spec, index, config(spec, overlay));
  }

  private static Optional<String> kernelCommandLine(SystemSpec spec) throws IOException {
    if (spec.cmdline().isPresent()) {
      return Optional.of(
          new String(
              Files.readAllBytes(Path.of(spec.cmdline().get())), StandardCharsets.ISO_8859_1));
    }
    Path proc = Path.of(SystemSpec.PROC_CMDLINE);
    if (Files.isReadable(proc)) {
      return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.ISO_8859_1));
    }
    return Optional.empty();
  }

  /** The graph of the whole system. */
  public ModuleGraph graph() {
    return ModuleGraph.of(index, config);
  }

  /**
   * A modprobe context over this system with nothing loaded.
   *
   * @param errors where lookup errors go
   * @return the context
   */
  public ModprobeContext context(Consumer<String> errors) {
    return new ModprobeContext(index, config, LoadedModules.none(), errors);
  }
}
