package io.kmodj.engine.elf;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The bytes of one module file: memory-mapped when plain, decompressed (xz, zstd, gzip) when it
 * starts with one of their magic numbers, as kmod's {@code kmod_file_open} decides by content, not
 * by the file's name.
 */
public final class ModuleContent {
  /** The largest module kmodj decompresses; a stream that inflates past it is rejected. */
  public static final int MAX_DECOMPRESSED = 256 << 20;

  private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
  private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
  private static final byte[] GZIP = {0x1f, (byte) 0x8b};
  // kmod reads as many bytes as its longest magic and fails on a shorter file
  private static final int MAGIC_MAX = 6;

  private ModuleContent() {}

  /**
   * Reads a module file.
   *
   * @param file the file
   * @return its (decompressed) content as a read-only buffer, or the error kmod would report
   */
  public static Outcome<ByteBuffer> load(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(MAGIC_MAX);
      while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
        // read the magic
      }
      if (head.position() != MAGIC_MAX) {
        return fail(file, Errno.EINVAL, "file shorter than " + MAGIC_MAX + " bytes");
      }
      byte[] magic = head.array();
      if (startsWith(magic, ZSTD)) {
        return inflate(file, "zstd", new ZstdInputStream(Files.newInputStream(file)));
      }
      if (startsWith(magic, XZ)) {
        return inflate(file, "xz", new XZInputStream(Files.newInputStream(file)));
      }
      if (startsWith(magic, GZIP)) {
        return inflate(file, "gzip", new GZIPInputStream(Files.newInputStream(file)));
      }
      if (size > Integer.MAX_VALUE) {
        return fail(file, Errno.EFBIG, "file larger than 2 GiB");
      }
      return Outcome.ok(ch.map(FileChannel.MapMode.READ_ONLY, 0, size).asReadOnlyBuffer());
    } catch (NoSuchFileException e) {
      return fail(file, Errno.ENOENT, "no such file");
    } catch (AccessDeniedException e) {
      return fail(file, Errno.EACCES, "permission denied");
    } catch (IOException e) {
      return fail(file, Errno.EIO, "cannot read: " + e.getMessage());
    }
  }

  private static Outcome<ByteBuffer> inflate(Path file, String format, InputStream opened) {
    try (InputStream in = opened) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > MAX_DECOMPRESSED) {
          return fail(file, Errno.EFBIG, format + ": decompresses to more than 256 MiB");
        }
        out.write(buf, 0, n);
      }
      return Outcome.ok(ByteBuffer.wrap(out.toByteArray()).asReadOnlyBuffer());
    } catch (IOException | RuntimeException e) {
      // zstd-jni reports a corrupt frame as an unchecked exception; kmod says EINVAL for both
      return fail(file, Errno.EINVAL, format + ": " + e.getMessage());
    }
  }

  private static boolean startsWith(byte[] data, byte[] magic) {
    return Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
  }

  private static Outcome<ByteBuffer> fail(Path file, Errno errno, String detail) {
    return Outcome.failed(new ModuleError(file, errno, detail));
  }
}
