package io.kmodj.engine.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the commands need from the running system: the kernel release and argument bytes. */
final class KernelRelease {
  private KernelRelease() {}

  /**
   * Returns the running kernel's release, as {@code uname -r}.
   *
   * @return the release
   * @throws IOException when /proc cannot be read
   */
  static String current() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.US_ASCII)
        .trim();
  }

  /**
   * Returns an argument as the bytes the user typed, one char per byte (ISO-8859-1), the form the
   * engine keeps module text in.
   *
   * @param arg the argument as Java decoded it
   * @return the same bytes as ISO-8859-1 chars
   */
  static String asBytes(String arg) {
    String jnu = System.getProperty("sun.jnu.encoding");
    Charset cs = jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
    return new String(arg.getBytes(cs), StandardCharsets.ISO_8859_1);
  }
}
