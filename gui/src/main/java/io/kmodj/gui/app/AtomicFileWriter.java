package io.kmodj.gui.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Replaces a file's content so that a crash leaves either the old or the new content, never a mix:
 * the new bytes go to a temporary file in the same directory, are flushed to disk, and the
 * temporary file is renamed over the original. The previous version is kept as {@code FILE~}. A
 * symbolic link is followed, so the file it points to is replaced and the link kept.
 */
public final class AtomicFileWriter {
  private final Path target;

  /**
   * Prepares to write a file.
   *
   * @param target the file to replace or create
   */
  public AtomicFileWriter(Path target) {
    this.target = Objects.requireNonNull(target, "target").toAbsolutePath();
  }

  /**
   * Where the previous version is kept: next to the file (the link's target for a link), its name
   * with {@code ~} appended.
   *
   * @throws IOException if a link cannot be followed
   */
  public Path backup() throws IOException {
    return backupOf(resolved());
  }

  /**
   * Writes the content.
   *
   * @param content the new bytes
   * @throws IOException if writing fails; the original is then untouched
   */
  public void write(byte[] content) throws IOException {
    Path file = resolved();
    Path dir = file.getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      boolean posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null;
      if (Files.exists(file)) {
        Files.copy(
            file,
            backupOf(file),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        if (posix) {
          Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        }
      } else if (posix) {
        // a temporary file is private; a new configuration file is readable like /etc's
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path resolved() throws IOException {
    return Files.exists(target) ? target.toRealPath() : target;
  }

  private static Path backupOf(Path file) {
    return file.resolveSibling(file.getFileName() + "~");
  }

  /** Flushes the rename itself to disk. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems refuse to sync a directory; the rename is done, only its durability
      // on power loss is left to the system
    }
  }
}
