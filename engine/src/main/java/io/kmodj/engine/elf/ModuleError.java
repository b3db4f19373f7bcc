package io.kmodj.engine.elf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why a module file could not be read: the file, kmod's errno for it, and a detail for humans.
 *
 * @param file the module file
 * @param errno the error kmod would report
 * @param detail what exactly is wrong (for logs and tests; kmod itself prints only the errno)
 */
public record ModuleError(Path file, Errno errno, String detail) {
  /** Checks the fields. */
  public ModuleError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(errno, "errno");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * Returns a one-line message naming the file.
   *
   * @return "FILE: DETAIL (ERRNO TEXT)"
   */
  public String message() {
    return file + ": " + detail + " (" + errno.text() + ")";
  }
}
