package io.kmodj.engine.config;

import java.util.Objects;

/**
 * Where a configuration entry or message comes from.
 *
 * @param file the file as kmod names it ({@code modprobe.d/a.conf}), or {@code /proc/cmdline}
 * @param line the 1-based line (the last physical line of a continued line, as kmod counts), or 0
 *     for the kernel command line
 */
public record Origin(String file, int line) {
  public Origin {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line " + line);
    }
  }

  /** The origin of entries taken from the kernel command line. */
  public static Origin commandLine(String file) {
    return new Origin(file, 0);
  }

  @Override
  public String toString() {
    return line == 0 ? file : file + " line " + line;
  }
}
