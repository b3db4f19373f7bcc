package io.kmodj.gui.model;

import io.kmodj.engine.config.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration files of a loaded system as the panes read them: the text an unsaved buffer
 * holds in place of the file, else the file on disk; and the file an engine {@link Origin} names.
 * Safe from any thread (it reads files: call it off the FX thread).
 */
public final class ConfigTexts {
  private ConfigTexts() {}

  /**
   * A configuration file's text as the system was read: the overlay's when it covers the file, else
   * the disk's (as ISO-8859-1, as the engine reads it).
   *
   * @param system the system
   * @param file the file
   * @return the text, empty when the file is neither in the overlay nor readable
   */
  public static Optional<String> text(LoadedSystem system, Path file) {
    Optional<String> held = system.overlay().snapshot().text(file);
    if (held.isPresent()) {
      return held;
    }
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The file and line an origin names, when it names a line of a file: a relative name is taken
   * under the system's root when the file is there; the kernel command line (line 0) and modutils'
   * built-in defaults (no such file) have none.
   *
   * @param system the system the origin belongs to
   * @param origin where an entry was written
   * @return the place, absolute and normalised
   */
  public static Optional<Selection.Location> place(LoadedSystem system, Origin origin) {
    if (origin.line() < 1) {
      return Optional.empty();
    }
    Path p = Path.of(origin.file());
    if (!p.isAbsolute() && system.spec().root().isPresent()) {
      Path under = Path.of(system.spec().root().get()).resolve(p);
      if (Files.exists(under) || system.overlay().covers(under)) {
        p = under;
      }
    }
    p = p.toAbsolutePath().normalize();
    if (!Files.isRegularFile(p) && !system.overlay().covers(p)) {
      return Optional.empty();
    }
    return Optional.of(new Selection.Location(p, origin.line()));
  }

  /**
   * Whether two paths name the same file once made absolute and normalised.
   *
   * @param a a path
   * @param b another
   * @return whether they are the same
   */
  public static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
