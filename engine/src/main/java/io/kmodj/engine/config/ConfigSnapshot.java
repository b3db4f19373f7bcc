package io.kmodj.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration text held in memory, read instead of (or beside) the files on disk: a file of a git
 * revision ({@code kmodj diff REV:PATH NEW}), an editor's unsaved buffer. Each entry maps a file's
 * path to its text; a path that names a file in the snapshot is read from the snapshot even when no
 * such file exists on disk, and a configuration directory lists the snapshot's files in it beside
 * its own (the snapshot's text wins). Immutable.
 */
public final class ConfigSnapshot {
  private static final ConfigSnapshot EMPTY = new ConfigSnapshot(Map.of());

  private final Map<Path, String> texts;

  private ConfigSnapshot(Map<Path, String> texts) {
    this.texts = texts;
  }

  /** A snapshot with nothing in it: every file is read from disk. */
  public static ConfigSnapshot empty() {
    return EMPTY;
  }

  /**
   * A snapshot of some files.
   *
   * @param texts each file's path (made absolute and normalised) and its text (ISO-8859-1
   *     characters, one per byte, as the front end reads files)
   * @return the snapshot
   */
  public static ConfigSnapshot of(Map<Path, String> texts) {
    Map<Path, String> m = new LinkedHashMap<>();
    texts.forEach((p, t) -> m.put(key(p), Objects.requireNonNull(t)));
    return new ConfigSnapshot(Map.copyOf(m));
  }

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }

  /** Whether the snapshot holds nothing. */
  public boolean isEmpty() {
    return texts.isEmpty();
  }

  /**
   * The text the snapshot holds for a file.
   *
   * @param file the file
   * @return its text, or empty when the file is to be read from disk
   */
  public Optional<String> text(Path file) {
    return texts.isEmpty() ? Optional.empty() : Optional.ofNullable(texts.get(key(file)));
  }

  /**
   * The snapshot's files directly inside a directory.
   *
   * @param directory the directory
   * @return the files, in no particular order
   */
  public List<Path> filesIn(Path directory) {
    List<Path> found = new ArrayList<>();
    Path dir = key(directory);
    for (Path p : texts.keySet()) {
      if (dir.equals(p.getParent())) {
        found.add(p);
      }
    }
    return found;
  }
}
