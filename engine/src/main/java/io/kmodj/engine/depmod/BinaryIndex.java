package io.kmodj.engine.depmod;

import java.util.Arrays;

/**
 * The trie of kmod's {@code .bin} indexes ({@code libkmod-index} format 2.1), built and written as
 * kmod 30's depmod builds and writes it, so that the bytes are the same: keys share path-compressed
 * prefixes, each node's children are indexed by character between its first and last child, and
 * each key holds values sorted by priority (a value goes before those of equal priority added
 * earlier). Nodes are written children first (post-order); a node's offset carries flags for a
 * prefix, children and values in its high nibble. All numbers are big-endian.
 *
 * <p>Keys and values are byte strings held as one char per byte; only 7-bit ASCII is supported, as
 * in kmod.
 */
final class BinaryIndex {
  private static final int MAGIC = 0xB007F457;
  private static final int VERSION = (0x0002 << 16) | 0x0001;
  private static final int CHILDMAX = 128;
  private static final int FLAG_PREFIX = 0x80000000;
  private static final int FLAG_VALUES = 0x40000000;
  private static final int FLAG_CHILDS = 0x20000000;

  private static final class Value {
    Value next;
    final int priority;
    final String value;

    Value(int priority, String value) {
      this.priority = priority;
      this.value = value;
    }
  }

  private static final class Node {
    String prefix;
    Value values;
    int first = CHILDMAX;
    int last;
    Node[] children;

    Node(String prefix) {
      this.prefix = prefix;
    }

    void setChild(int ch, Node n) {
      if (children == null) {
        children = new Node[CHILDMAX];
      }
      children[ch] = n;
      if (ch < first) {
        first = ch;
      }
      if (ch > last) {
        last = ch;
      }
    }

    Node child(int ch) {
      return children == null ? null : children[ch];
    }
  }

  private final Node root = new Node("");

  /**
   * Tells whether a string can go into an index (kmod: "only 7-bit ASCII is supported").
   *
   * @param s the key or value
   * @return true when every char is below 128
   */
  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= CHILDMAX) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds a value under a key ({@code index_insert}).
   *
   * @param key the key, 7-bit ASCII without NUL
   * @param value the value, 7-bit ASCII without NUL
   * @param priority the value's priority (depmod: the module's index)
   * @return true when the key already held this value
   */
  boolean insert(String key, String value, int priority) {
    Node node = root;
    int i = 0;
    while (true) {
      String prefix = node.prefix;
      int j = 0;
      for (; j < prefix.length(); j++) {
        char ch = prefix.charAt(j);
        if (i + j >= key.length() || ch != key.charAt(i + j)) {
          // split: the node keeps prefix[0..j), a new child at prefix[j] takes the rest
          Node n = new Node(prefix.substring(j + 1));
          n.values = node.values;
          n.children = node.children;
          n.first = node.first;
          n.last = node.last;
          node.prefix = prefix.substring(0, j);
          node.values = null;
          node.children = null;
          node.first = CHILDMAX;
          node.last = 0;
          node.setChild(ch, n);
          break;
        }
      }
      i += j;
      if (i == key.length()) {
        return addValue(node, value, priority);
      }
      char ch = key.charAt(i);
      Node child = node.child(ch);
      if (child == null) {
        child = new Node(key.substring(i + 1));
        node.setChild(ch, child);
        addValue(child, value, priority);
        return false;
      }
      node = child;
      i++;
    }
  }

  private static boolean addValue(Node node, String value, int priority) {
    boolean duplicate = false;
    for (Value v = node.values; v != null; v = v.next) {
      if (v.value.equals(value)) {
        duplicate = true;
        break;
      }
    }
    Value v = new Value(priority, value);
    if (node.values == null || Integer.compareUnsigned(node.values.priority, priority) >= 0) {
      v.next = node.values;
      node.values = v;
    } else {
      Value at = node.values;
      while (at.next != null && Integer.compareUnsigned(at.next.priority, priority) < 0) {
        at = at.next;
      }
      v.next = at.next;
      at.next = v;
    }
    return duplicate;
  }

  /**
   * Renders the index file ({@code index_write}).
   *
   * @return its bytes
   */
  byte[] toBytes() {
    Out out = new Out();
    out.u32(MAGIC);
    out.u32(VERSION);
    out.u32(0);
    int rootOffset = write(root, out);
    out.setU32(8, rootOffset);
    return out.bytes();
  }

  private static int write(Node node, Out out) {
    if (node == null) {
      return 0;
    }
    int[] childOffsets = null;
    if (node.first < CHILDMAX) {
      childOffsets = new int[node.last - node.first + 1];
      for (int i = 0; i < childOffsets.length; i++) {
        childOffsets[i] = write(node.children[node.first + i], out);
      }
    }
    int offset = out.size();
    if (!node.prefix.isEmpty()) {
      out.string(node.prefix);
      offset |= FLAG_PREFIX;
    }
    if (childOffsets != null) {
      out.u8(node.first);
      out.u8(node.last);
      for (int c : childOffsets) {
        out.u32(c);
      }
      offset |= FLAG_CHILDS;
    }
    if (node.values != null) {
      int count = 0;
      for (Value v = node.values; v != null; v = v.next) {
        count++;
      }
      out.u32(count);
      for (Value v = node.values; v != null; v = v.next) {
        out.u32(v.priority);
        out.string(v.value);
      }
      offset |= FLAG_VALUES;
    }
    return offset;
  }

  /** A growing byte buffer. */
  private static final class Out {
    private byte[] buf = new byte[1 << 16];
    private int size;

    int size() {
      return size;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void u8(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void u32(int v) {
      ensure(4);
      setU32(size, v);
      size += 4;
    }

    void setU32(int at, int v) {
      buf[at] = (byte) (v >>> 24);
      buf[at + 1] = (byte) (v >>> 16);
      buf[at + 2] = (byte) (v >>> 8);
      buf[at + 3] = (byte) v;
    }

    void string(String s) {
      ensure(s.length() + 1);
      for (int i = 0; i < s.length(); i++) {
        buf[size++] = (byte) s.charAt(i);
      }
      buf[size++] = 0;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }
}
