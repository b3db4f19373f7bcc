package io.kmodj.bench;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.diff.DiffResult;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.diff.UnsavedDiff;
import io.kmodj.gui.model.LoadedSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the desktop's Diff pane costs per recompute, the system already loaded with the unsaved
 * buffer (as the model delivers it): {@link UnsavedDiff#of} — the buffer compared with the disk,
 * the configuration on disk read again, and the engine's {@code PlanDiff} of the two. One typed
 * line in each case:
 *
 * <ul>
 *   <li>{@code modern}: {@code blacklist virtio_net} added to samples/modern's 90-blacklist.conf;
 *   <li>{@code modutils}: {@code debug=3} added to samples/modutils' {@code options ne2k-pci};
 *   <li>{@code full}: {@code blacklist e1000e} (a module with many PCI aliases) added to a
 *       modprobe.d holding the modern sample's three files, over the full Debian tree from {@code
 *       -Dkmodj.tree=ROOT -Dkmodj.version=VERSION}.
 * </ul>
 *
 * <p>The samples are found from {@code -Dkmodj.samples=DIR} or the working directory upwards.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DiffPaneBenchmark {
  /** Which system and edit. */
  @Param({"modern", "modutils", "full"})
  public String tree;

  private LoadedSystem loaded;

  private static Path samples() {
    String given = System.getProperty("kmodj.samples");
    if (given != null) {
      return Path.of(given);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/modern"))) {
        return p.resolve("samples");
      }
    }
    throw new IllegalStateException("no samples folder: give -Dkmodj.samples=DIR");
  }

  /** Loads the system with the edited buffer overlaid, as the model would. */
  @Setup(Level.Trial)
  public void load() throws IOException {
    Path s = samples();
    SystemSpec spec;
    Path file;
    String edited;
    switch (tree) {
      case "modern" -> {
        Path dir = s.resolve("modern/etc/modprobe.d").toAbsolutePath();
        file = dir.resolve("90-blacklist.conf");
        edited = Files.readString(file, StandardCharsets.UTF_8) + "blacklist virtio_net\n";
        spec =
            new SystemSpec(
                Optional.of(s.resolve("modern").toAbsolutePath().toString()),
                Optional.of("6.1.0-47-cloud-amd64"),
                List.of(dir.toString()),
                Optional.empty(),
                Optional.of(Dialect.KMOD));
      }
      case "modutils" -> {
        file = s.resolve("modutils/etc/modules.conf").toAbsolutePath();
        edited =
            Files.readString(file, StandardCharsets.ISO_8859_1)
                .replace(
                    "options ne2k-pci full_duplex=1", "options ne2k-pci full_duplex=1 debug=3");
        spec =
            new SystemSpec(
                Optional.of(s.resolve("modutils").toAbsolutePath().toString()),
                Optional.of("2.4.27"),
                List.of(file.toString()),
                Optional.empty(),
                Optional.of(Dialect.MODUTILS));
      }
      case "full" -> {
        String root = System.getProperty("kmodj.tree");
        String version = System.getProperty("kmodj.version");
        if (root == null || version == null) {
          throw new IllegalStateException("give -Dkmodj.tree=ROOT -Dkmodj.version=VERSION");
        }
        Path dir = Files.createTempDirectory("kmodj-bench-modprobe.d");
        try (Stream<Path> confs = Files.list(s.resolve("modern/etc/modprobe.d"))) {
          for (Path c : confs.toList()) {
            Files.copy(c, dir.resolve(c.getFileName().toString()));
          }
        }
        file = dir.resolve("90-blacklist.conf");
        edited = Files.readString(file, StandardCharsets.UTF_8) + "blacklist e1000e\n";
        spec =
            new SystemSpec(
                Optional.of(root),
                Optional.of(version),
                List.of(dir.toString()),
                Optional.empty(),
                Optional.of(Dialect.KMOD));
      }
      default -> throw new IllegalArgumentException(tree);
    }
    ConfigOverlay overlay =
        ConfigOverlay.NONE.with(file, edited.getBytes(StandardCharsets.ISO_8859_1));
    loaded = LoadedSystem.load(spec, overlay);
    DiffResult r = UnsavedDiff.of(loaded).orElseThrow();
    if (!r.changed()) {
      throw new IllegalStateException(tree + ": the edit changes no lookup");
    }
    System.out.println(
        tree + ": " + r.lookups().size() + " of " + r.compared() + " lookups change");
  }

  /** One recompute of the pane, off the FX thread. */
  @Benchmark
  public Optional<DiffResult> recompute() throws IOException {
    return UnsavedDiff.of(loaded);
  }
}
