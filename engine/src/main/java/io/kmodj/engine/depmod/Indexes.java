package io.kmodj.engine.depmod;

import java.util.List;
import java.util.Objects;

/**
 * The text indexes depmod writes, each as the exact text of its file (one char per byte).
 *
 * @param dep modules.dep
 * @param alias modules.alias
 * @param softdep modules.softdep
 * @param symbols modules.symbols
 * @param devname modules.devname
 */
public record Indexes(String dep, String alias, String softdep, String symbols, String devname) {
  /** Checks the fields. */
  public Indexes {
    Objects.requireNonNull(dep, "dep");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(softdep, "softdep");
    Objects.requireNonNull(symbols, "symbols");
    Objects.requireNonNull(devname, "devname");
  }

  /**
   * A file name and its text.
   *
   * @param name the file name in the module directory
   * @param text its content
   */
  public record File(String name, String text) {}

  /** A binary index file's name and bytes. */
  public static final class Binary {
    private final String name;
    private final byte[] bytes;

    /**
     * Holds a file.
     *
     * @param name the file name in the module directory
     * @param bytes its content (not copied)
     */
    public Binary(String name, byte[] bytes) {
      this.name = Objects.requireNonNull(name, "name");
      this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * Returns the file name.
     *
     * @return the name in the module directory
     */
    public String name() {
      return name;
    }

    /**
     * Returns the content.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * Returns the files in the order kmod writes them (and prints them with {@code -n}).
   *
   * @return the files
   */
  public List<File> files() {
    return List.of(
        new File("modules.dep", dep),
        new File("modules.alias", alias),
        new File("modules.softdep", softdep),
        new File("modules.symbols", symbols),
        new File("modules.devname", devname));
  }
}
