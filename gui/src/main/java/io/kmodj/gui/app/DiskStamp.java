package io.kmodj.gui.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a file looked like when last looked at: whether it exists, its modification time, size and
 * identity (inode). A file whose stamp moved is read again and its bytes compared; a stamp alone
 * never decides that a file changed.
 *
 * @param exists whether the file exists
 * @param modifiedNanos its modification time, in nanoseconds since the epoch
 * @param size its size in bytes
 * @param key the file system's identity of the file (an atomic save by another program changes it),
 *     or null where there is none
 */
record DiskStamp(boolean exists, long modifiedNanos, long size, Object key) {
  /** No file. */
  static final DiskStamp ABSENT = new DiskStamp(false, 0, 0, null);

  /**
   * Looks at a file (a link is followed).
   *
   * @param file the file
   * @return its stamp, {@link #ABSENT} when it does not exist
   * @throws IOException if it exists but cannot be looked at
   */
  static DiskStamp of(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new DiskStamp(
          true,
          a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
          a.size(),
          a.fileKey());
    } catch (NoSuchFileException e) {
      return ABSENT;
    }
  }
}
