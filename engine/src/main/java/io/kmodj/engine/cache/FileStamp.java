package io.kmodj.engine.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The identity of a file's content as a cache key uses it: its path, whether it is a regular file,
 * its size, its modification time and a CRC-32C of its bytes. The checksum is what decides (a file
 * rewritten within one clock tick with the same size is still told apart); size and time make the
 * key readable and catch the rest.
 *
 * @param path the path as read
 * @param regular whether it was a regular file (else nothing was read)
 * @param size its size in bytes
 * @param modifiedNanos its modification time in nanoseconds since the epoch
 * @param crc the CRC-32C of its content
 */
public record FileStamp(String path, boolean regular, long size, long modifiedNanos, int crc) {
  /** The size of a file that exists but could not be read. */
  public static final long UNREADABLE = -1;

  public FileStamp {
    Objects.requireNonNull(path);
  }

  /** A file read with its stamp: the bytes are the file's, not copied, and must not be changed. */
  public static final class Content {
    private final FileStamp stamp;
    private final byte[] bytes;

    Content(FileStamp stamp, byte[] bytes) {
      this.stamp = Objects.requireNonNull(stamp);
      this.bytes = Objects.requireNonNull(bytes);
    }

    /** The stamp. */
    public FileStamp stamp() {
      return stamp;
    }

    /** The content (empty when the file is not a regular file). */
    public byte[] bytes() {
      return bytes;
    }
  }

  /**
   * Reads a file and stamps what was read; a missing or unreadable file, or one that is not
   * regular, has an empty content and a stamp that says so (an unreadable one has the size {@link
   * #UNREADABLE}).
   *
   * @param path the file
   * @return the content and its stamp
   */
  public static Content read(Path path) {
    String name = path.toString();
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        return new Content(new FileStamp(name, false, 0, 0, 0), new byte[0]);
      }
      byte[] bytes = Files.readAllBytes(path);
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      long nanos = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      return new Content(
          new FileStamp(name, true, bytes.length, nanos, (int) crc.getValue()), bytes);
    } catch (java.nio.file.NoSuchFileException e) {
      return new Content(new FileStamp(name, false, 0, 0, 0), new byte[0]);
    } catch (IOException | RuntimeException e) {
      return new Content(new FileStamp(name, false, UNREADABLE, 0, 0), new byte[0]);
    }
  }

  /** Whether two stamps say the same content: kind, size and checksum (the time may differ). */
  public boolean sameContent(FileStamp o) {
    return regular == o.regular && size == o.size && crc == o.crc;
  }

  /** Writes the stamp. */
  public void writeTo(BinaryWriter w) {
    w.writeString(path)
        .writeBoolean(regular)
        .writeLong(size)
        .writeLong(modifiedNanos)
        .writeInt(crc);
  }

  /** Reads a stamp written by {@link #writeTo}. */
  public static FileStamp readFrom(BinaryReader r) {
    return new FileStamp(r.readString(), r.readBoolean(), r.readLong(), r.readLong(), r.readInt());
  }
}
