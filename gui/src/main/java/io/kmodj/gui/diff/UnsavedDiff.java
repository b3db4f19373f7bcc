package io.kmodj.gui.diff;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.diff.DiffResult;
import io.kmodj.engine.diff.PlanDiff;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.gui.model.LoadedSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the {@link DiffPane} computes, without JavaFX: the engine's {@link PlanDiff} between the
 * configuration on disk and the one a {@link LoadedSystem} was read with (its unsaved buffers),
 * kmod's over the loaded index ({@link ModuleSystem#withOverlay} reads only the configuration
 * again), modutils' over the loaded modules.dep. Both sides are only read. Safe from any thread.
 */
public final class UnsavedDiff {
  private UnsavedDiff() {}

  /**
   * The diff of a loaded system's configuration on disk against the one it was read with. Slow on a
   * big tree: call it off the FX thread.
   *
   * @param loaded the system, read with the unsaved buffers
   * @return what the buffers change, empty when they hold what the disk holds
   * @throws IOException when the configuration on disk (or modules.dep) cannot be read
   */
  public static Optional<DiffResult> of(LoadedSystem loaded) throws IOException {
    if (sameAsDisk(loaded.overlay())) {
      return Optional.empty();
    }
    if (loaded.kmod().isPresent()) {
      ModuleSystem edited = loaded.kmod().get();
      ModuleSystem disk = edited.withOverlay(ConfigOverlay.NONE);
      return Optional.of(PlanDiff.kmod(edited.index(), disk.config(), edited.config(), false));
    }
    ModutilsSystem edited = loaded.modutils().orElseThrow();
    // the file's own modules.conf as saved; never anything the user asked to run
    ModutilsSystem disk = ModutilsSystem.load(loaded.spec(), false, ConfigOverlay.NONE);
    return Optional.of(PlanDiff.modutils(disk.config(), edited.config(), edited.dep()));
  }

  /** Whether every buffer of an overlay holds what its file holds (or there is none). */
  private static boolean sameAsDisk(ConfigOverlay overlay) throws IOException {
    for (Path f : overlay.files()) {
      byte[] mine = overlay.content(f).orElse(new byte[0]);
      byte[] theirs;
      try {
        theirs = Files.readAllBytes(f);
      } catch (NoSuchFileException e) {
        // a new file: unsaved unless it is empty
        theirs = new byte[0];
      }
      if (!Arrays.equals(mine, theirs)) {
        return false;
      }
    }
    return true;
  }
}
