package io.kmodj.engine.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Texts that stand in for files when a configuration is read: the unsaved contents of an editor's
 * open buffers, so that a configuration read while the user types shows what saving would give.
 *
 * <p>A file is matched by its absolute, normalised path ({@link #key}); where a reader would read a
 * file the overlay holds, it reads the overlay's bytes instead (also when the file does not exist
 * on disk yet, if the reader would otherwise read it by name: the modutils main file and its {@code
 * include}s; a kmod directory is still listed from disk, so a new file in it counts once it is
 * saved). Bytes rather than text: they are exactly what saving the buffer would write, so the
 * reader decodes them as it decodes the file.
 *
 * <p>Immutable and thread-safe: an editor builds a new overlay per change ({@link #with}) and hands
 * it to a background reload.
 *
 * <pre>{@code
 * ConfigOverlay overlay = ConfigOverlay.NONE.with(path, editorText, StandardCharsets.UTF_8);
 * ModuleSystem system = ModuleSystem.load(spec, overlay);       // kmod's modprobe.d
 * ModutilsSystem old = ModutilsSystem.load(spec, false, overlay); // modutils' modules.conf
 * }</pre>
 */
public final class ConfigOverlay {
  /** No file overridden: the configuration as on disk. */
  public static final ConfigOverlay NONE = new ConfigOverlay(Map.of());

  private final Map<Path, byte[]> contents;

  private ConfigOverlay(Map<Path, byte[]> contents) {
    this.contents = contents;
  }

  /**
   * The key a path is matched by: absolute (from the working directory) and normalised. Links are
   * not followed.
   *
   * @param file a path as given
   * @return the key
   */
  public static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /**
   * This overlay with one file's content replaced (or added).
   *
   * @param file the file the content stands for
   * @param content the bytes saving would write (copied)
   * @return the new overlay
   */
  public ConfigOverlay with(Path file, byte[] content) {
    Map<Path, byte[]> m = new LinkedHashMap<>(contents);
    m.put(key(Objects.requireNonNull(file, "file")), content.clone());
    return new ConfigOverlay(Collections.unmodifiableMap(m));
  }

  /**
   * This overlay with one file's text replaced (or added), encoded as the file is.
   *
   * @param file the file the text stands for
   * @param text the text
   * @param charset the file's encoding
   * @return the new overlay
   */
  public ConfigOverlay with(Path file, String text, Charset charset) {
    return with(file, text.getBytes(charset));
  }

  /**
   * This overlay without a file: the file is read from disk again (after a save or a close).
   *
   * @param file the file
   * @return the new overlay
   */
  public ConfigOverlay without(Path file) {
    Path k = key(file);
    if (!contents.containsKey(k)) {
      return this;
    }
    Map<Path, byte[]> m = new LinkedHashMap<>(contents);
    m.remove(k);
    return m.isEmpty() ? NONE : new ConfigOverlay(Collections.unmodifiableMap(m));
  }

  /**
   * The content standing in for a file, if the overlay holds one.
   *
   * @param file the file as the reader names it
   * @return a copy of the bytes, or empty to read the file from disk
   */
  public Optional<byte[]> content(Path file) {
    byte[] b = contents.get(key(file));
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  /**
   * Whether the overlay holds a file.
   *
   * @param file the file
   * @return true when {@link #content} has bytes for it
   */
  public boolean covers(Path file) {
    return contents.containsKey(key(file));
  }

  /**
   * The same texts as a {@link ConfigSnapshot}, the form the kmod front end reads: each file's
   * bytes as ISO-8859-1 characters, as the front end reads files from disk.
   *
   * @return the snapshot
   */
  public ConfigSnapshot snapshot() {
    if (contents.isEmpty()) {
      return ConfigSnapshot.empty();
    }
    Map<Path, String> texts = new LinkedHashMap<>();
    contents.forEach((p, b) -> texts.put(p, new String(b, StandardCharsets.ISO_8859_1)));
    return ConfigSnapshot.of(texts);
  }

  /** Whether no file is overridden. */
  public boolean isEmpty() {
    return contents.isEmpty();
  }

  /** The files overridden (their keys), in the order they were first added. */
  public java.util.Set<Path> files() {
    return contents.keySet();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConfigOverlay other) || !other.contents.keySet().equals(contents.keySet())) {
      return false;
    }
    for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), other.contents.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
      h += e.getKey().hashCode() ^ java.util.Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "ConfigOverlay" + contents.keySet();
  }
}
