package io.kmodj.engine.depmod;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes index files atomically: a temporary file in the same directory, written, synced to disk,
 * then renamed over the old file, so a reader sees the old index or the new one, never half.
 */
public final class IndexWriter {
  private final Path dir;

  /**
   * Writes into a directory.
   *
   * @param dir the module directory
   */
  public IndexWriter(Path dir) {
    this.dir = dir;
  }

  /**
   * Replaces a file with new text.
   *
   * @param name the file name
   * @param text its content, one char per byte
   * @throws IOException when the directory cannot be written; the old file is then untouched
   */
  public void write(String name, String text) throws IOException {
    write(name, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Replaces a file with new bytes.
   *
   * @param name the file name
   * @param bytes its content
   * @throws IOException when the directory cannot be written; the old file is then untouched
   */
  public void write(String name, byte[] bytes) throws IOException {
    Path tmp = dir.resolve(name + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep its default mode
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
