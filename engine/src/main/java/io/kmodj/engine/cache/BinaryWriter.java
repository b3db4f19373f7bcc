package io.kmodj.engine.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a cache payload: big-endian numbers, strings (one byte a character when every character
 * fits, as the ISO-8859-1 text kmodj reads does), strings shared through a table, and whole arrays.
 * {@link BinaryReader} reads the same calls back in the same order.
 */
public final class BinaryWriter {
  private byte[] buf = new byte[1 << 12];
  private int size;
  private final Map<String, Integer> shared = new HashMap<>();

  private void room(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  /** Writes a byte. */
  public BinaryWriter writeByte(int v) {
    room(1);
    buf[size++] = (byte) v;
    return this;
  }

  /** Writes a boolean as a byte. */
  public BinaryWriter writeBoolean(boolean v) {
    return writeByte(v ? 1 : 0);
  }

  /** Writes an int. */
  public BinaryWriter writeInt(int v) {
    room(4);
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
    return this;
  }

  /** Writes a long. */
  public BinaryWriter writeLong(long v) {
    writeInt((int) (v >>> 32));
    return writeInt((int) v);
  }

  /** Writes a string: its length, then a byte a character, or its UTF-8 bytes if it needs them. */
  public BinaryWriter writeString(String s) {
    int n = s.length();
    boolean latin1 = true;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) > 0xff) {
        latin1 = false;
        break;
      }
    }
    if (latin1) {
      writeInt(n);
      room(n);
      for (int i = 0; i < n; i++) {
        buf[size + i] = (byte) s.charAt(i);
      }
      size += n;
    } else {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      writeInt(-1 - u.length);
      room(u.length);
      System.arraycopy(u, 0, buf, size, u.length);
      size += u.length;
    }
    return this;
  }

  /** Writes a string met before as its number in this payload's table, else the string. */
  public BinaryWriter writeShared(String s) {
    Integer id = shared.get(s);
    if (id != null) {
      return writeInt(id);
    }
    shared.put(s, shared.size());
    writeInt(-1);
    return writeString(s);
  }

  /** Writes a list of strings, each shared. */
  public BinaryWriter writeSharedList(List<String> list) {
    writeInt(list.size());
    for (String s : list) {
      writeShared(s);
    }
    return this;
  }

  /** Writes an int array with its length. */
  public BinaryWriter writeInts(int[] a, int length) {
    writeInt(length);
    room(length * 4);
    ByteBuffer.wrap(buf, size, length * 4).asIntBuffer().put(a, 0, length);
    size += length * 4;
    return this;
  }

  /** Writes a char array with its length. */
  public BinaryWriter writeChars(char[] a, int length) {
    writeInt(length);
    room(length * 2);
    ByteBuffer.wrap(buf, size, length * 2).asCharBuffer().put(a, 0, length);
    size += length * 2;
    return this;
  }

  /** The bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
