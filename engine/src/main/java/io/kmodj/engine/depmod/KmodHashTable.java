package io.kmodj.engine.depmod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * kmod's {@code shared/hash.c} table, kept only for its iteration order, which depmod's output
 * follows: a power-of-two number of buckets chosen by Paul Hsieh's SuperFastHash of the key (as x86
 * computes it: little-endian 16-bit reads, signed chars), each bucket sorted by {@code strcmp};
 * iteration goes bucket by bucket. Keys are byte strings held as ISO-8859-1 chars.
 *
 * @param <V> the type of the values
 */
final class KmodHashTable<V> {
  private record Entry<V>(String key, V value) {}

  private final List<List<Entry<V>>> buckets;
  private final int mask;

  /**
   * Creates a table.
   *
   * @param buckets the number of buckets (rounded up to a power of two, as kmod)
   */
  KmodHashTable(int buckets) {
    int n = 1;
    while (n < buckets) {
      n <<= 1;
    }
    this.mask = n - 1;
    this.buckets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      this.buckets.add(new ArrayList<>(0));
    }
  }

  /**
   * Adds or replaces (in place) a value ({@code hash_add}).
   *
   * @param key the key
   * @param value the value
   */
  void put(String key, V value) {
    List<Entry<V>> b = bucket(key);
    int i = search(b, key);
    if (i >= 0) {
      b.set(i, new Entry<>(key, value));
    } else {
      b.add(-i - 1, new Entry<>(key, value));
    }
  }

  /**
   * Adds a value unless the key is there ({@code hash_add_unique}).
   *
   * @param key the key
   * @param value the value
   * @return false when the key was already there
   */
  boolean putUnique(String key, V value) {
    List<Entry<V>> b = bucket(key);
    int i = search(b, key);
    if (i >= 0) {
      return false;
    }
    b.add(-i - 1, new Entry<>(key, value));
    return true;
  }

  /**
   * Finds a value.
   *
   * @param key the key
   * @return the value or null
   */
  V get(String key) {
    List<Entry<V>> b = bucket(key);
    int i = search(b, key);
    return i >= 0 ? b.get(i).value() : null;
  }

  /**
   * Removes a key.
   *
   * @param key the key
   */
  void remove(String key) {
    List<Entry<V>> b = bucket(key);
    int i = search(b, key);
    if (i >= 0) {
      b.remove(i);
    }
  }

  /**
   * Visits the entries in kmod's iteration order.
   *
   * @param visitor receives each key and value
   */
  void forEach(BiConsumer<String, V> visitor) {
    for (List<Entry<V>> b : buckets) {
      for (Entry<V> e : b) {
        visitor.accept(e.key(), e.value());
      }
    }
  }

  private List<Entry<V>> bucket(String key) {
    return buckets.get(superFastHash(key) & mask);
  }

  private static <V> int search(List<Entry<V>> b, String key) {
    // chars are bytes 0-255, so String order is strcmp's unsigned byte order
    return Collections.binarySearch(
        b, new Entry<V>(key, null), (x, y) -> x.key().compareTo(y.key()));
  }

  /**
   * Computes kmod's {@code hash_superfast} of a byte string.
   *
   * @param key the key, one char per byte
   * @return the 32-bit hash
   */
  static int superFastHash(String key) {
    int len = key.length();
    int hash = len;
    int rem = len & 3;
    int p = 0;
    for (int n = len / 4; n > 0; n--) {
      hash += u16(key, p);
      int tmp = (u16(key, p + 2) << 11) ^ hash;
      hash = (hash << 16) ^ tmp;
      p += 4;
      hash += hash >>> 11;
    }
    switch (rem) {
      case 3 -> {
        hash += u16(key, p);
        hash ^= hash << 16;
        hash ^= ((int) (byte) key.charAt(p + 2)) << 18; // char is signed on x86
        hash += hash >>> 11;
      }
      case 2 -> {
        hash += u16(key, p);
        hash ^= hash << 11;
        hash += hash >>> 17;
      }
      case 1 -> {
        hash += (byte) key.charAt(p);
        hash ^= hash << 10;
        hash += hash >>> 1;
      }
      default -> {
        // no tail
      }
    }
    hash ^= hash << 3;
    hash += hash >>> 5;
    hash ^= hash << 4;
    hash += hash >>> 17;
    hash ^= hash << 25;
    hash += hash >>> 6;
    return hash;
  }

  private static int u16(String s, int at) {
    return (s.charAt(at) & 0xff) | ((s.charAt(at + 1) & 0xff) << 8);
  }
}
