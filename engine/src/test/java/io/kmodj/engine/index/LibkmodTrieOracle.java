package io.kmodj.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The trie as it was before the flat arrays: libkmod's search, kept as the oracle. */
final class LibkmodTrieOracle {
  private final Node root = new Node();
  private int size;

  /** One value stored under a key. */
  private record Value(String value, int priority) {}

  /** A trie node: children by character, values of the key ending here. */
  private static final class Node {
    private char[] chars = new char[0];
    private Node[] kids = new Node[0];
    private List<Value> values = List.of();

    Node child(char c) {
      int i = Arrays.binarySearch(chars, c);
      return i >= 0 ? kids[i] : null;
    }

    Node childOrNew(char c) {
      int i = Arrays.binarySearch(chars, c);
      if (i >= 0) {
        return kids[i];
      }
      int at = -i - 1;
      char[] nc = new char[chars.length + 1];
      Node[] nk = new Node[kids.length + 1];
      System.arraycopy(chars, 0, nc, 0, at);
      System.arraycopy(kids, 0, nk, 0, at);
      nc[at] = c;
      nk[at] = new Node();
      System.arraycopy(chars, at, nc, at + 1, chars.length - at);
      System.arraycopy(kids, at, nk, at + 1, kids.length - at);
      chars = nc;
      kids = nk;
      return nk[at];
    }

    void addValue(Value v) {
      if (values.isEmpty()) {
        values = new ArrayList<>(1);
      }
      insertByPriority(values, v);
    }
  }

  /**
   * Inserts before the first value of equal or higher priority, as depmod's and libkmod's {@code
   * add_value} do (so equal priorities come out last-added first).
   */
  private static void insertByPriority(List<Value> list, Value v) {
    int i = 0;
    while (i < list.size() && list.get(i).priority() < v.priority()) {
      i++;
    }
    list.add(i, v);
  }

  /**
   * Adds a value under a key.
   *
   * @param key the key (a name or a shell pattern)
   * @param value the value (a module name, or a modules.dep line)
   * @param priority lower comes first among the values of a key
   */
  void add(String key, String value, int priority) {
    Node n = root;
    for (int i = 0; i < key.length(); i++) {
      n = n.childOrNew(key.charAt(i));
    }
    n.addValue(new Value(value, priority));
    size++;
  }

  /** Number of values stored. */
  int size() {
    return size;
  }

  /**
   * The first value stored under exactly this key, patterns not expanded (libkmod's {@code
   * index_search}).
   *
   * @param key the key
   * @return the value, or null
   */
  String get(String key) {
    Node n = root;
    for (int i = 0; i < key.length() && n != null; i++) {
      n = n.child(key.charAt(i));
    }
    return n == null || n.values.isEmpty() ? null : n.values.get(0).value();
  }

  /**
   * Every value whose key equals the query or, being a pattern, matches it (libkmod's {@code
   * index_searchwild}), in priority order.
   *
   * @param query the name looked up
   * @return the values; empty when nothing matches
   */
  List<String> search(String query) {
    List<Value> out = new ArrayList<>();
    Node n = root;
    int i = 0;
    StringBuilder buf = new StringBuilder();
    while (n != null) {
      // keys continuing with a wildcard here: match their rest against the rest of the query
      for (char w : new char[] {'*', '?', '['}) {
        Node c = n.child(w);
        if (c != null) {
          buf.setLength(0);
          buf.append(w);
          wild(c, buf, query.substring(i), out);
        }
      }
      if (i == query.length()) {
        for (Value v : n.values) {
          insertByPriority(out, v);
        }
        break;
      }
      n = n.child(query.charAt(i));
      i++;
    }
    List<String> values = new ArrayList<>(out.size());
    for (Value v : out) {
      values.add(v.value());
    }
    return values;
  }

  /** Children first, then the node's own values, as libkmod's {@code searchwild_all}. */
  private static void wild(Node n, StringBuilder buf, String subkey, List<Value> out) {
    for (int k = 0; k < n.chars.length; k++) {
      buf.append(n.chars[k]);
      wild(n.kids[k], buf, subkey, out);
      buf.setLength(buf.length() - 1);
    }
    if (!n.values.isEmpty() && Fnmatch.matches(buf.toString(), subkey)) {
      for (Value v : n.values) {
        insertByPriority(out, v);
      }
    }
  }

  /**
   * Writes every key and value, keys in byte order, as {@code PREFIXKEY VALUE} lines (libkmod's
   * {@code index_dump}).
   *
   * @param prefix put before each key ({@code "alias "})
   * @param out where to write
   * @throws IOException if writing fails
   */
  void dump(String prefix, Appendable out) throws IOException {
    dump(root, new StringBuilder(prefix), out);
  }

  private static void dump(Node n, StringBuilder key, Appendable out) throws IOException {
    for (Value v : n.values) {
      out.append(key).append(' ').append(v.value()).append('\n');
    }
    for (int k = 0; k < n.chars.length; k++) {
      key.append(n.chars[k]);
      dump(n.kids[k], key, out);
      key.setLength(key.length() - 1);
    }
  }
}
