package io.kmodj.engine.elf;

/**
 * The errors kmod reports while reading a module, with the text glibc's {@code strerror} gives
 * them, since kmod prints that text ("could not get modinfo from 'x': Invalid argument").
 */
public enum Errno {
  /** The file or section is missing. */
  ENOENT("No such file or directory"),
  /** Not an ELF file (wrong magic). */
  ENOEXEC("Exec format error"),
  /** A malformed ELF file, a short file or a corrupt compressed stream. */
  EINVAL("Invalid argument"),
  /** The file cannot be read for lack of permission. */
  EACCES("Permission denied"),
  /** A read failed. */
  EIO("Input/output error"),
  /** The file (or what it decompresses to) is larger than kmodj will hold. */
  EFBIG("File too large"),
  /** The lookup has no answer in this index (kmod's -ENOSYS). */
  ENOSYS("Function not implemented");

  private final String text;

  Errno(String text) {
    this.text = text;
  }

  /**
   * Returns the text of this error as glibc's strerror words it.
   *
   * @return the message
   */
  public String text() {
    return text;
  }
}
