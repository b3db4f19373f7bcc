package io.kmodj.engine.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Where cache entries live and how they are read and written. An entry is one file named after a
 * hash of its key; it holds a magic number, the format version, the key itself (so that two keys of
 * one hash never mix), the payload and a CRC-32C of the payload. A file that is missing, of another
 * version, of another key or of another kmodj build ({@link BuildStamp}), truncated or corrupt
 * reads as absent. Writes go to a temporary file in the same directory and are renamed over the
 * entry, so a concurrent reader sees the old entry or the new one, never half of one; they are not
 * synced, since a torn entry fails its checksum and is rebuilt. Every failure to read or write
 * leaves the caller to compute the value itself: the cache only ever saves time.
 */
public final class CacheStore {
  /** Bumped whenever the layout of any payload changes. */
  static final int FORMAT = 1;

  private static final int MAGIC = 0x4b4d4a43; // "KMJC"

  /** Past this many entries a write removes the oldest written, down to {@link #KEEP}. */
  static final int LIMIT = 512;

  static final int KEEP = 384;
  private static final AtomicLong TEMP = new AtomicLong();

  private final Optional<Path> directory;

  private CacheStore(Optional<Path> directory) {
    this.directory = directory;
  }

  /**
   * A store in a directory (created when first written).
   *
   * @param directory the directory
   * @return the store
   */
  public static CacheStore in(Path directory) {
    return new CacheStore(Optional.of(directory));
  }

  /** A store that never holds anything. */
  public static CacheStore disabled() {
    return new CacheStore(Optional.empty());
  }

  /**
   * The store of this user: the system property {@code kmodj.cache.dir} if set; else nothing when
   * the environment sets {@code KMODJ_NO_CACHE} (to anything but empty); else {@code
   * $XDG_CACHE_HOME/kmodj/bin}, or {@code ~/.cache/kmodj/bin}.
   *
   * @return the store
   */
  public static CacheStore standard() {
    String property = System.getProperty("kmodj.cache.dir");
    if (property != null && !property.isEmpty()) {
      return property.equals("off") ? disabled() : in(Path.of(property));
    }
    String off = System.getenv("KMODJ_NO_CACHE");
    if (off != null && !off.isEmpty()) {
      return disabled();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    // the XDG base directory spec: a relative value is invalid and ignored
    if (xdg != null && xdg.startsWith("/")) {
      return in(Path.of(xdg, "kmodj", "bin"));
    }
    String home = System.getProperty("user.home");
    if (home == null || home.isEmpty() || home.equals("?")) {
      return disabled();
    }
    return in(Path.of(home, ".cache", "kmodj", "bin"));
  }

  /** The directory, if this store holds anything. */
  public Optional<Path> directory() {
    return directory;
  }

  /**
   * The payload stored under a key.
   *
   * @param kind the kind of entry ({@code modprobe.d}, {@code index}): part of the file name
   * @param key the key
   * @return the payload, or empty when there is none (or it cannot be trusted)
   */
  public Optional<ByteBuffer> read(String kind, String key) {
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    Path file = file(kind, key);
    key = BuildStamp.current() + "\n" + key;
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    try {
      if (b.getInt() != MAGIC || b.getInt() != FORMAT) {
        return Optional.empty();
      }
      int keyLength = b.getInt();
      if (keyLength < 0 || keyLength > b.remaining()) {
        return Optional.empty();
      }
      String stored = new String(all, b.position(), keyLength, StandardCharsets.UTF_8);
      b.position(b.position() + keyLength);
      if (!stored.equals(key)) {
        return Optional.empty();
      }
      int length = b.getInt();
      if (length < 0 || length != b.remaining() - Integer.BYTES) {
        return Optional.empty();
      }
      CRC32C crc = new CRC32C();
      crc.update(all, b.position(), length);
      if ((int) crc.getValue() != b.getInt(b.position() + length)) {
        return Optional.empty();
      }
      return Optional.of(ByteBuffer.wrap(all, b.position(), length).slice());
    } catch (RuntimeException e) {
      // a truncated file: BufferUnderflowException or IndexOutOfBoundsException
      return Optional.empty();
    }
  }

  /**
   * Stores a payload under a key, replacing any older one; a failure is ignored (the entry stays as
   * it was, or absent).
   *
   * @param kind the kind of entry
   * @param key the key
   * @param payload the payload
   */
  public void write(String kind, String key, byte[] payload) {
    Objects.requireNonNull(payload);
    if (directory.isEmpty()) {
      return;
    }
    // named by the key alone, so that a new build replaces the entry an older one wrote
    Path target = file(kind, key);
    key = BuildStamp.current() + "\n" + key;
    Path temp =
        target.resolveSibling(
            target.getFileName()
                + ".tmp"
                + ProcessHandle.current().pid()
                + "-"
                + TEMP.incrementAndGet());
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer head = ByteBuffer.allocate(4 * Integer.BYTES + k.length);
    head.putInt(MAGIC).putInt(FORMAT).putInt(k.length).put(k).putInt(payload.length);
    ByteBuffer tail = ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue());
    try {
      Files.createDirectories(directory.get());
      try (var ch =
          Files.newByteChannel(
              temp,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE)) {
        ByteBuffer[] parts = {head.flip(), ByteBuffer.wrap(payload), tail.flip()};
        for (ByteBuffer p : parts) {
          while (p.hasRemaining()) {
            ch.write(p);
          }
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      trim();
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException | RuntimeException ignored) {
        // nothing more to do: the cache only saves time
      }
    }
  }

  /**
   * Keeps the directory bounded: entries are one per file, directory and request ever read, so a
   * user reading many trees or temporary copies would otherwise collect them for ever. Past {@link
   * #LIMIT} entries, the ones written longest ago go. Another process may be reading one of them:
   * it has the whole file already, or finds it gone and parses instead.
   */
  private void trim() throws IOException {
    List<Path> entries;
    try (Stream<Path> files = Files.list(directory.orElseThrow())) {
      entries = files.filter(p -> p.getFileName().toString().endsWith(".bin")).toList();
    }
    if (entries.size() <= LIMIT) {
      return;
    }
    Map<Path, Long> written = new HashMap<>();
    for (Path e : entries) {
      try {
        written.put(e, Files.getLastModifiedTime(e).toMillis());
      } catch (IOException gone) {
        written.put(e, Long.MIN_VALUE);
      }
    }
    List<Path> oldestFirst = new ArrayList<>(entries);
    oldestFirst.sort(Comparator.comparing(written::get));
    for (Path e : oldestFirst.subList(0, entries.size() - KEEP)) {
      Files.deleteIfExists(e);
    }
  }

  /** The file of an entry: the kind and a 64-bit hash of the key. */
  Path file(String kind, String key) {
    return directory.orElseThrow().resolve(kind + "-" + Long.toHexString(hash(key)) + ".bin");
  }

  /** FNV-1a over the key's characters: a name, not a check (the key is stored and compared). */
  private static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
