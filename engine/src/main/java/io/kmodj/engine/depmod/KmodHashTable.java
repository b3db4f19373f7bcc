package io.kmodj.engine.depmod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final class Entry<V> {
    final String key;
    V value;

    Entry(String key, V value) {
      this.key = key;
      this.value = value;
    }
  }

  // the buckets, each sorted (by strcmp) only when iterated: the order of the entries in a bucket
  // is a function of its keys, so sorting once at the end gives what kmod's sorted inserts give
  private final List<List<Entry<V>>> buckets;
  private final int mask;
  // the lookups, which need no order
  private final Map<String, Entry<V>> index = new HashMap<>();
  private boolean unsorted;

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
    Entry<V> e = index.get(key);
    if (e != null) {
      e.value = value;
    } else {
      add(key, value);
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
    if (index.containsKey(key)) {
      return false;
    }
    add(key, value);
    return true;
  }

  private void add(String key, V value) {
    Entry<V> e = new Entry<>(key, value);
    index.put(key, e);
    bucket(key).add(e);
    unsorted = true;
  }

  /**
   * Finds a value.
   *
   * @param key the key
   * @return the value or null
   */
  V get(String key) {
    Entry<V> e = index.get(key);
    return e != null ? e.value : null;
  }

  /**
   * Removes a key.
   *
   * @param key the key
   */
  void remove(String key) {
    Entry<V> e = index.remove(key);
    if (e != null) {
      bucket(key).remove(e);
    }
  }

  /**
   * Visits the entries in kmod's iteration order.
   *
   * @param visitor receives each key and value
   */
  void forEach(BiConsumer<String, V> visitor) {
    if (unsorted) {
      // chars are bytes 0-255, so String order is strcmp's unsigned byte order
      Comparator<Entry<V>> byKey = (x, y) -> x.key.compareTo(y.key);
      for (List<Entry<V>> b : buckets) {
        b.sort(byKey);
      }
      unsorted = false;
    }
    for (List<Entry<V>> b : buckets) {
      for (Entry<V> e : b) {
        visitor.accept(e.key, e.value);
      }
    }
  }

  private List<Entry<V>> bucket(String key) {
    return buckets.get(superFastHash(key) & mask);
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
