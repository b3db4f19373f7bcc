package io.kmodj.engine.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a {@link BinaryWriter} wrote, call for call. A payload that does not read back (which
 * {@link CacheStore}'s checksum makes unlikely) throws {@link CorruptEntryException}, and the
 * caller computes the value from the text instead.
 */
public final class BinaryReader {
  private final ByteBuffer b;
  private final List<String> shared = new ArrayList<>();

  /**
   * A reader over a payload.
   *
   * @param payload the payload, positioned at its start
   */
  public BinaryReader(ByteBuffer payload) {
    this.b = payload;
  }

  /** A payload that does not read back as it was written. */
  public static final class CorruptEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A payload that does not read back.
     *
     * @param message what is wrong
     */
    public CorruptEntryException(String message) {
      super(message);
    }
  }

  private void need(long n) {
    if (n < 0 || n > b.remaining()) {
      throw new CorruptEntryException("truncated cache entry");
    }
  }

  /** Reads a byte. */
  public int readByte() {
    need(1);
    return b.get();
  }

  /** Reads a boolean. */
  public boolean readBoolean() {
    return readByte() != 0;
  }

  /** Reads an int. */
  public int readInt() {
    need(4);
    return b.getInt();
  }

  /** Reads a non-negative count, checked against what is left. */
  public int readCount() {
    int n = readInt();
    need(n);
    return n;
  }

  /** Reads a long. */
  public long readLong() {
    need(8);
    return b.getLong();
  }

  /** Reads a string. */
  public String readString() {
    int n = readInt();
    if (n >= 0) {
      need(n);
      String s =
          new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.ISO_8859_1);
      b.position(b.position() + n);
      return s;
    }
    int u = -1 - n;
    need(u);
    String s = new String(b.array(), b.arrayOffset() + b.position(), u, StandardCharsets.UTF_8);
    b.position(b.position() + u);
    return s;
  }

  /** Reads a string written by {@link BinaryWriter#writeShared}. */
  public String readShared() {
    int id = readInt();
    if (id == -1) {
      String s = readString();
      shared.add(s);
      return s;
    }
    if (id < 0 || id >= shared.size()) {
      throw new CorruptEntryException("bad string reference " + id);
    }
    return shared.get(id);
  }

  /** Reads a list written by {@link BinaryWriter#writeSharedList}. */
  public List<String> readSharedList() {
    int n = readCount();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readShared());
    }
    return out;
  }

  /** Reads an int array. */
  public int[] readInts() {
    int n = readCount();
    need(4L * n);
    int[] a = new int[n];
    b.asIntBuffer().get(a);
    b.position(b.position() + 4 * n);
    return a;
  }

  /** Reads a char array. */
  public char[] readChars() {
    int n = readCount();
    need(2L * n);
    char[] a = new char[n];
    b.asCharBuffer().get(a);
    b.position(b.position() + 2 * n);
    return a;
  }

  /** Whether everything was read. */
  public boolean atEnd() {
    return !b.hasRemaining();
  }
}
