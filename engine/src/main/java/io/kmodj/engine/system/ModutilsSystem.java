package io.kmodj.engine.system;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.ModutilsGraph;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A modutils (2.4) system: the modules.conf configuration, built-in defaults first, and the 2.4
 * modules.dep it names, read as {@code kmodj modprobe --dialect modutils} reads them.
 *
 * @param spec where it was loaded from
 * @param config the effective configuration (its problems say what was wrong with the files)
 * @param dep the modules.dep
 */
public record ModutilsSystem(SystemSpec spec, ModutilsConfig config, DepFile24 dep) {
  public ModutilsSystem {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dep, "dep");
  }

  /**
   * Reads the configuration and modules.dep a spec names: {@code -C FILE} (else /etc/modules.conf,
   * then /etc/conf.modules), the module directory {@code ROOT/lib/modules/VERSION}.
   *
   * @param spec where the system is
   * @param allowExec whether command substitutions other than modutils' built-ins may run
   * @return the system
   * @throws IOException when modules.dep cannot be read or is not a modules.dep (a bad
   *     configuration line is a problem in the configuration, not an exception)
   */
  public static ModutilsSystem load(SystemSpec spec, boolean allowExec) throws IOException {
    return load(spec, allowExec, ConfigOverlay.NONE);
  }

  /**
   * Reads the configuration and modules.dep a spec names, the configuration files an overlay covers
   * read from the overlay.
   *
   * @param spec where the system is
   * @param allowExec whether command substitutions other than modutils' built-ins may run
   * @param overlay the unsaved texts standing in for configuration files
   * @return the system
   * @throws IOException when modules.dep cannot be read or is not a modules.dep
   */
  public static ModutilsSystem load(SystemSpec spec, boolean allowExec, ConfigOverlay overlay)
      throws IOException {
    String version = spec.version().orElse(System.getProperty("os.version"));
    String root = spec.modutilsRoot();
    Optional<String> file =
        spec.configPaths().isEmpty() ? Optional.empty() : Optional.of(spec.configPaths().get(0));
    ModutilsConfig config =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    file, version, root + "/lib/modules/" + version, false, allowExec),
                overlay)
            .read();
    Path depfile = Path.of(config.depfile());
    DepFile24.Result r;
    try {
      r = DepFile24.read(depfile, root);
    } catch (NoSuchFileException e) {
      throw new IOException("Can't open dependencies file " + depfile, e);
    }
    if (r.error().isPresent()) {
      throw new IOException(depfile + ": " + r.error().get());
    }
    return new ModutilsSystem(spec, config, r.depFile().orElseThrow());
  }

  /** The graph of the whole system. */
  public ModuleGraph graph() {
    return ModutilsGraph.of(config, dep);
  }
}
