package io.kmodj.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * libkmod's trie as depmod builds it and libkmod walks it, kept as the oracle: nodes hold a prefix
 * (depmod's {@code index_insert} splits them where keys part), and the search is libkmod's {@code
 * index_searchwild_node} / {@code index_searchwild_all} over those prefixes.
 */
final class LibkmodTrieOracle {
  private final Node root = new Node("");
  private int size;

  /** One value stored under a key. */
  private record Value(String value, int priority) {}

  /** A trie node: its prefix, children by character, values of the key ending here. */
  private static final class Node {
    private String prefix;
    private final TreeMap<Character, Node> kids = new TreeMap<>();
    private List<Value> values = new ArrayList<>(1);

    Node(String prefix) {
      this.prefix = prefix;
    }

    Node child(char c) {
      return kids.get(c);
    }

    void addValue(Value v) {
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
    size++;
    Node node = root;
    int i = 0;
    while (true) {
      int j = 0;
      for (; j < node.prefix.length(); j++) {
        char ch = node.prefix.charAt(j);
        if (i + j >= key.length() || ch != key.charAt(i + j)) {
          // split: the node keeps prefix[0..j), its old self goes below prefix[j]
          Node rest = new Node(node.prefix.substring(j + 1));
          rest.kids.putAll(node.kids);
          rest.values = node.values;
          node.kids.clear();
          node.values = new ArrayList<>(1);
          node.prefix = node.prefix.substring(0, j);
          node.kids.put(ch, rest);
          break;
        }
      }
      i += j;
      if (i == key.length()) {
        node.addValue(new Value(value, priority));
        return;
      }
      char ch = key.charAt(i);
      Node next = node.child(ch);
      if (next == null) {
        Node leaf = new Node(key.substring(i + 1));
        leaf.addValue(new Value(value, priority));
        node.kids.put(ch, leaf);
        return;
      }
      node = next;
      i++;
    }
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
    int i = 0;
    while (n != null) {
      if (!key.startsWith(n.prefix, i)) {
        return null;
      }
      i += n.prefix.length();
      if (i == key.length()) {
        return n.values.isEmpty() ? null : n.values.get(0).value();
      }
      n = n.child(key.charAt(i));
      i++;
    }
    return null;
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
    StringBuilder buf = new StringBuilder();
    Node n = root;
    int i = 0;
    walk:
    while (n != null) {
      for (int j = 0; j < n.prefix.length(); j++) {
        char ch = n.prefix.charAt(j);
        if (ch == '*' || ch == '?' || ch == '[') {
          buf.setLength(0);
          wild(n, j, buf, query.substring(i + j), out);
          break walk;
        }
        if (i + j >= query.length() || ch != query.charAt(i + j)) {
          break walk;
        }
      }
      i += n.prefix.length();
      // keys continuing with a wildcard here: match their rest against the rest of the query
      for (char w : new char[] {'*', '?', '['}) {
        Node c = n.child(w);
        if (c != null) {
          buf.setLength(0);
          buf.append(w);
          wild(c, 0, buf, query.substring(i), out);
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

  /**
   * The prefix from j, children first, then the node's own values, as libkmod's {@code
   * searchwild_all}.
   */
  private static void wild(Node n, int j, StringBuilder buf, String subkey, List<Value> out) {
    int mark = buf.length();
    buf.append(n.prefix, j, n.prefix.length());
    for (Map.Entry<Character, Node> k : n.kids.entrySet()) {
      buf.append(k.getKey().charValue());
      wild(k.getValue(), 0, buf, subkey, out);
      buf.setLength(buf.length() - 1);
    }
    if (!n.values.isEmpty() && Fnmatch.matches(buf.toString(), subkey)) {
      for (Value v : n.values) {
        insertByPriority(out, v);
      }
    }
    buf.setLength(mark);
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
    int mark = key.length();
    key.append(n.prefix);
    for (Value v : n.values) {
      out.append(key).append(' ').append(v.value()).append('\n');
    }
    for (Map.Entry<Character, Node> k : n.kids.entrySet()) {
      key.append(k.getKey().charValue());
      dump(k.getValue(), key, out);
      key.setLength(key.length() - 1);
    }
    key.setLength(mark);
  }
}
