package io.kmodj.gui.graph.layout;

import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The bundled sample systems as graph sources. */
public final class Samples {
  private Samples() {}

  /** samples/modern: a kmod system. */
  public static GraphSource modern() throws IOException {
    Path root = Path.of("..", "samples", "modern").toAbsolutePath().normalize();
    return GraphSource.of(
        ModuleSystem.load(
            new SystemSpec(
                Optional.of(root.toString()),
                Optional.of("6.1.0-47-cloud-amd64"),
                List.of(root.resolve("etc/modprobe.d").toString()),
                Optional.of(root.resolve("README.md").toString()))));
  }

  /** samples/modutils: a modutils 2.4 system. */
  public static GraphSource modutils() throws IOException {
    Path root = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
    return GraphSource.of(
        ModutilsSystem.load(
            new SystemSpec(
                Optional.of(root.toString()),
                Optional.of("2.4.27"),
                List.of(root.resolve("etc/modules.conf").toString()),
                Optional.empty()),
            false));
  }
}
