package io.kmodj.engine.index;

import io.kmodj.engine.cache.BinaryReader;
import io.kmodj.engine.cache.BinaryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A character trie of keys, some of them shell patterns, each with values in priority order: the
 * text-file equivalent of libkmod's {@code .bin} indexes. Results, ties and the dump come out in
 * the order libkmod's {@code index_searchwild} and {@code index_dump} give.
 *
 * <p>Keys are added to a tree of nodes; the first question turns it into flat arrays (nodes in
 * depth-first order, children in character order), which is also what the binary cache stores. A
 * lookup walks down the literal part of the query and, where a key continues with a wildcard,
 * matches the trie below it against the rest of the query as an automaton ({@code *} tries every
 * rest, {@code ?} any one character, a literal only itself), so that a pattern is tested only when
 * the query can reach its end; libkmod instead tests every key below the wildcard. Candidates are
 * then confirmed by {@link Fnmatch} and ordered as libkmod finds them. Adding after a question
 * turns the arrays back into a tree.
 */
public final class PatternTrie {
  private Node root = new Node();
  private int size;
  private volatile Flat flat;

  /** One value stored under a key. */
  private record Value(String value, int priority) {}

  /** A trie node while keys are added: children by character, values of the key ending here. */
  private static final class Node {
    private char[] chars = new char[0];
    private Node[] kids = new Node[0];
    private List<Value> values = List.of();
    private int id;

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
  public synchronized void add(String key, String value, int priority) {
    if (root == null) {
      root = flat.toTree();
    }
    flat = null;
    Node n = root;
    for (int i = 0; i < key.length(); i++) {
      n = n.childOrNew(key.charAt(i));
    }
    n.addValue(new Value(value, priority));
    size++;
  }

  /** Number of values stored. */
  public synchronized int size() {
    return size;
  }

  /** The arrays, made from the tree if keys were added since. */
  private Flat flat() {
    Flat f = flat;
    if (f != null) {
      return f;
    }
    synchronized (this) {
      if (flat == null) {
        flat = Flat.of(root);
        root = null;
      }
      return flat;
    }
  }

  /**
   * Makes the trie ready for questions from any thread (an index calls it once loaded).
   *
   * @return this trie
   */
  public PatternTrie freeze() {
    flat();
    return this;
  }

  /**
   * The first value stored under exactly this key, patterns not expanded (libkmod's {@code
   * index_search}).
   *
   * @param key the key
   * @return the value, or null
   */
  public String get(String key) {
    Flat f = flat();
    int n = 0;
    for (int i = 0; i < key.length() && n >= 0; i++) {
      n = f.child(n, key.charAt(i));
    }
    return n < 0 || f.valFrom[n] == f.valFrom[n + 1] ? null : f.valStr[f.valFrom[n]];
  }

  /**
   * Every value whose key equals the query or, being a pattern, matches it (libkmod's {@code
   * index_searchwild}), in priority order.
   *
   * @param query the name looked up
   * @return the values; empty when nothing matches
   */
  public List<String> search(String query) {
    return flat().search(query);
  }

  /**
   * Writes every key and value, keys in byte order, as {@code PREFIXKEY VALUE} lines (libkmod's
   * {@code index_dump}).
   *
   * @param prefix put before each key ({@code "alias "})
   * @param out where to write
   * @throws IOException if writing fails
   */
  public void dump(String prefix, Appendable out) throws IOException {
    Flat f = flat();
    // depth-first order with children in character order is the keys' byte order
    for (int n = 0; n < f.count; n++) {
      for (int v = f.valFrom[n]; v < f.valFrom[n + 1]; v++) {
        out.append(prefix).append(f.key[n]).append(' ').append(f.valStr[v]).append('\n');
      }
    }
  }

  /**
   * Writes the trie for the binary cache.
   *
   * @param w where to write
   */
  public void writeTo(BinaryWriter w) {
    Flat f = flat();
    w.writeInt(size).writeInt(f.count);
    w.writeInts(f.kidFrom, f.count + 1).writeChars(f.kidChar, f.kidChar.length);
    w.writeInts(f.kidNode, f.kidNode.length);
    w.writeInts(f.valFrom, f.count + 1).writeInts(f.valPrio, f.valPrio.length);
    for (String v : f.valStr) {
      w.writeShared(v);
    }
    w.writeInts(f.rank, f.count);
    for (int n = 0; n < f.count; n++) {
      if (f.valFrom[n] < f.valFrom[n + 1]) {
        w.writeString(f.key[n]);
      }
    }
  }

  /**
   * Reads a trie written by {@link #writeTo}.
   *
   * @param r where to read
   * @return the trie, ready for questions
   * @throws BinaryReader.CorruptEntryException if the arrays do not form a trie
   */
  public static PatternTrie readFrom(BinaryReader r) {
    PatternTrie t = new PatternTrie();
    t.size = r.readInt();
    Flat f = new Flat();
    f.count = r.readCount();
    f.kidFrom = r.readInts();
    f.kidChar = r.readChars();
    f.kidNode = r.readInts();
    f.valFrom = r.readInts();
    f.valPrio = r.readInts();
    f.valStr = new String[f.valPrio.length];
    for (int v = 0; v < f.valStr.length; v++) {
      f.valStr[v] = r.readShared();
    }
    f.rank = r.readInts();
    f.key = new String[f.count];
    f.wildAt = new int[f.count];
    f.check();
    for (int n = 0; n < f.count; n++) {
      if (f.valFrom[n] < f.valFrom[n + 1]) {
        f.key[n] = r.readString();
        f.wildAt[n] = Flat.firstWildcard(f.key[n]);
      }
    }
    t.root = null;
    t.flat = f;
    return t;
  }

  /** The trie as arrays; never changed once made, so shared freely between threads. */
  private static final class Flat {
    int count;

    /** Children of node n: kidNode[kidFrom[n] .. kidFrom[n + 1]), by kidChar. */
    int[] kidFrom;

    char[] kidChar;
    int[] kidNode;

    /** Values of node n: valStr/valPrio[valFrom[n] .. valFrom[n + 1]). */
    int[] valFrom;

    String[] valStr;
    int[] valPrio;

    /** The key of a node that has values, else null. */
    String[] key;

    /** Where a node's key has its first wildcard ({@code * ? [}), or its length. */
    int[] wildAt;

    /** The order libkmod's search meets a node's values in, among the nodes that have some. */
    int[] rank;

    /** Checks the arrays read from a cache entry, so that no question can fall off them. */
    void check() {
      int edges = kidChar.length;
      if (count < 1
          || kidFrom.length != count + 1
          || valFrom.length != count + 1
          || kidNode.length != edges
          || rank.length != count
          || kidFrom[0] != 0
          || kidFrom[count] != edges
          || valFrom[0] != 0
          || valFrom[count] != valPrio.length) {
        throw new BinaryReader.CorruptEntryException("trie arrays of inconsistent sizes");
      }
      for (int n = 0; n < count; n++) {
        if (kidFrom[n] > kidFrom[n + 1] || valFrom[n] > valFrom[n + 1]) {
          throw new BinaryReader.CorruptEntryException("trie ranges out of order");
        }
      }
      for (int e = 0; e < edges; e++) {
        // depth-first numbering: a child comes after its parent
        if (kidNode[e] <= 0 || kidNode[e] >= count) {
          throw new BinaryReader.CorruptEntryException("trie child out of range");
        }
      }
    }

    static Flat of(Node root) {
      Flat f = new Flat();
      // number the nodes depth first, children in character order
      List<Node> nodes = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      number(root, new StringBuilder(), nodes, keys);
      int count = nodes.size();
      f.count = count;
      f.kidFrom = new int[count + 1];
      f.valFrom = new int[count + 1];
      int edges = 0;
      int values = 0;
      for (int n = 0; n < count; n++) {
        edges += nodes.get(n).chars.length;
        values += nodes.get(n).values.size();
      }
      f.kidChar = new char[edges];
      f.kidNode = new int[edges];
      f.valStr = new String[values];
      f.valPrio = new int[values];
      f.key = new String[count];
      f.wildAt = new int[count];
      int e = 0;
      int v = 0;
      for (int n = 0; n < count; n++) {
        Node node = nodes.get(n);
        f.kidFrom[n] = e;
        for (int k = 0; k < node.chars.length; k++) {
          f.kidChar[e] = node.chars[k];
          f.kidNode[e] = node.kids[k].id;
          e++;
        }
        f.valFrom[n] = v;
        for (Value val : node.values) {
          f.valStr[v] = val.value();
          f.valPrio[v] = val.priority();
          v++;
        }
        if (!node.values.isEmpty()) {
          f.key[n] = keys.get(n);
          f.wildAt[n] = firstWildcard(keys.get(n));
        }
      }
      f.kidFrom[count] = e;
      f.valFrom[count] = v;
      f.rank = ranks(f);
      return f;
    }

    private static void number(Node n, StringBuilder key, List<Node> nodes, List<String> keys) {
      n.id = nodes.size();
      nodes.add(n);
      keys.add(n.values.isEmpty() ? null : key.toString());
      for (int k = 0; k < n.chars.length; k++) {
        key.append(n.chars[k]);
        number(n.kids[k], key, nodes, keys);
        key.setLength(key.length() - 1);
      }
    }

    /**
     * The order libkmod meets the nodes with values in: by the depth of the key's first wildcard,
     * then by that wildcard ({@code *}, {@code ?}, {@code [}), then children before parents (its
     * {@code searchwild_all}); keys without a wildcard last, as the exact node is visited last.
     */
    private static int[] ranks(Flat f) {
      int[] post = new int[f.count];
      int[] next = {0};
      postorder(f, 0, post, next);
      List<Integer> withValues = new ArrayList<>();
      for (int n = 0; n < f.count; n++) {
        if (f.valFrom[n] < f.valFrom[n + 1]) {
          withValues.add(n);
        }
      }
      withValues.sort(
          (a, b) -> {
            int c = Integer.compare(f.wildAt[a], f.wildAt[b]);
            if (c != 0) {
              return c;
            }
            c = Integer.compare(wildKind(f, a), wildKind(f, b));
            return c != 0 ? c : Integer.compare(post[a], post[b]);
          });
      int[] rank = new int[f.count];
      for (int i = 0; i < withValues.size(); i++) {
        rank[withValues.get(i)] = i;
      }
      return rank;
    }

    private static int wildKind(Flat f, int n) {
      String k = f.key[n];
      return f.wildAt[n] == k.length() ? 3 : "*?[".indexOf(k.charAt(f.wildAt[n]));
    }

    private static void postorder(Flat f, int n, int[] post, int[] next) {
      for (int e = f.kidFrom[n]; e < f.kidFrom[n + 1]; e++) {
        postorder(f, f.kidNode[e], post, next);
      }
      post[n] = next[0]++;
    }

    static int firstWildcard(String key) {
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c == '*' || c == '?' || c == '[') {
          return i;
        }
      }
      return key.length();
    }

    /** The child of a node by a character, or -1. */
    int child(int n, char c) {
      int lo = kidFrom[n];
      int hi = kidFrom[n + 1] - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        char m = kidChar[mid];
        if (m < c) {
          lo = mid + 1;
        } else if (m > c) {
          hi = mid - 1;
        } else {
          return kidNode[mid];
        }
      }
      return -1;
    }

    /** The tree again, values in their order, for adding more keys. */
    Node toTree() {
      Node[] nodes = new Node[count];
      for (int n = count - 1; n >= 0; n--) {
        Node node = new Node();
        int kids = kidFrom[n + 1] - kidFrom[n];
        node.chars = Arrays.copyOfRange(kidChar, kidFrom[n], kidFrom[n + 1]);
        node.kids = new Node[kids];
        for (int k = 0; k < kids; k++) {
          node.kids[k] = nodes[kidNode[kidFrom[n] + k]];
        }
        if (valFrom[n] < valFrom[n + 1]) {
          node.values = new ArrayList<>();
          for (int v = valFrom[n]; v < valFrom[n + 1]; v++) {
            node.values.add(new Value(valStr[v], valPrio[v]));
          }
        }
        nodes[n] = node;
      }
      return nodes[0];
    }

    List<String> search(String query) {
      if (firstWildcard(query) < query.length() || query.indexOf('\\') >= 0) {
        return searchEveryKey(query);
      }
      Candidates found = new Candidates();
      int n = 0;
      for (int i = 0; n >= 0; i++) {
        // keys continuing with a wildcard here: match their rest against the rest of the query
        for (char w : WILDCARDS) {
          int c = child(n, w);
          if (c >= 0) {
            walk(c, w, i + 1, query, found);
          }
        }
        if (i == query.length()) {
          if (valFrom[n] < valFrom[n + 1]) {
            found.add(n);
          }
          break;
        }
        n = child(n, query.charAt(i));
      }
      return found.values(this, query);
    }

    private static final char[] WILDCARDS = {'*', '?', '['};

    /**
     * libkmod's {@code index_searchwild} as it is, for a query with wildcard characters of its own
     * (which the literal walk may follow into a pattern's node): below each wildcard on the way,
     * every key is tested, children first.
     *
     * <p>libkmod walks depmod's compressed trie, whose nodes hold a prefix: the run of characters
     * with one child each and no value. A wildcard inside a prefix ends the walk there (its subtree
     * is tested, and the literal walk does not go on into it); only at the end of a prefix does the
     * walk both test the wildcard children and follow the query's own character. So {@code
     * virtio:d00000001v*} alone under {@code virtio:d0000000} answers once, and a pattern beside a
     * sibling key ({@code ab*} and {@code abc}) answers twice, as kmod's {@code modprobe -R} does.
     */
    private List<String> searchEveryKey(String query) {
      List<Value> out = new ArrayList<>();
      int n = 0;
      for (int i = 0; n >= 0; i++) {
        if (insidePrefix(n) && isWildcard(kidChar[kidFrom[n]])) {
          testEveryKey(kidNode[kidFrom[n]], i, query, out);
          break;
        }
        for (char w : WILDCARDS) {
          int c = child(n, w);
          if (c >= 0) {
            testEveryKey(c, i, query, out);
          }
        }
        if (i == query.length()) {
          for (int v = valFrom[n]; v < valFrom[n + 1]; v++) {
            insertByPriority(out, new Value(valStr[v], valPrio[v]));
          }
          break;
        }
        n = child(n, query.charAt(i));
      }
      List<String> values = new ArrayList<>(out.size());
      for (Value v : out) {
        values.add(v.value());
      }
      return values;
    }

    /**
     * Whether node n lies inside a prefix of depmod's compressed trie: not the root, no value, one
     * child (depmod's trie is canonical: a node ends where keys branch or a key ends).
     */
    private boolean insidePrefix(int n) {
      return n != 0 && valFrom[n] == valFrom[n + 1] && kidFrom[n + 1] - kidFrom[n] == 1;
    }

    private static boolean isWildcard(char c) {
      return c == '*' || c == '?' || c == '[';
    }

    private void testEveryKey(int n, int from, String query, List<Value> out) {
      for (int e = kidFrom[n]; e < kidFrom[n + 1]; e++) {
        testEveryKey(kidNode[e], from, query, out);
      }
      if (valFrom[n] < valFrom[n + 1] && Fnmatch.matches(key[n], from, query, from)) {
        for (int v = valFrom[n]; v < valFrom[n + 1]; v++) {
          insertByPriority(out, new Value(valStr[v], valPrio[v]));
        }
      }
    }

    /**
     * Matches the subtree of node n, reached by character c, against the query from position at
     * (the position after c's). Over-approximates where the automaton stops ({@code [}, a
     * backslash): every key below is a candidate there.
     */
    private void walk(int n, char c, int at, String query, Candidates found) {
      if (c == '*') {
        // the star takes nothing, one character, ... or the whole rest
        for (int j = at - 1; j <= query.length(); j++) {
          step(n, j, query, found);
        }
      } else if (c == '?') {
        if (at <= query.length()) {
          step(n, at, query, found);
        }
      } else if (c == '[' || c == '\\') {
        everyKey(n, found);
      } else if (at <= query.length() && query.charAt(at - 1) == c) {
        step(n, at, query, found);
      }
    }

    /** Node n reached with the query matched up to position at. */
    private void step(int n, int at, String query, Candidates found) {
      if (at == query.length() && valFrom[n] < valFrom[n + 1]) {
        found.add(n);
      }
      for (int e = kidFrom[n]; e < kidFrom[n + 1]; e++) {
        char k = kidChar[e];
        if (k == '*' || k == '?' || k == '[' || k == '\\') {
          walk(kidNode[e], k, at + 1, query, found);
        } else if (at < query.length() && query.charAt(at) == k) {
          walk(kidNode[e], k, at + 1, query, found);
        }
      }
    }

    private void everyKey(int n, Candidates found) {
      if (valFrom[n] < valFrom[n + 1]) {
        found.add(n);
      }
      for (int e = kidFrom[n]; e < kidFrom[n + 1]; e++) {
        everyKey(kidNode[e], found);
      }
    }
  }

  /** Nodes that may match a query, to be confirmed and put in libkmod's order. */
  private static final class Candidates {
    private int[] nodes = new int[8];
    private int size;

    void add(int n) {
      if (size == nodes.length) {
        nodes = Arrays.copyOf(nodes, size * 2);
      }
      nodes[size++] = n;
    }

    List<String> values(Flat f, String query) {
      if (size == 0) {
        return List.of();
      }
      // by rank, each node once
      long[] byRank = new long[size];
      for (int i = 0; i < size; i++) {
        byRank[i] = ((long) f.rank[nodes[i]] << 32) | nodes[i];
      }
      Arrays.sort(byRank);
      List<Value> out = new ArrayList<>();
      long last = -1;
      for (long r : byRank) {
        if (r == last) {
          continue;
        }
        last = r;
        int n = (int) r;
        String key = f.key[n];
        int from = f.wildAt[n];
        // keys below a wildcard are matched from it, as libkmod's fnmatch of the key's rest
        if (from < key.length() && !Fnmatch.matches(key, from, query, from)) {
          continue;
        }
        for (int v = f.valFrom[n]; v < f.valFrom[n + 1]; v++) {
          insertByPriority(out, new Value(f.valStr[v], f.valPrio[v]));
        }
      }
      List<String> values = new ArrayList<>(out.size());
      for (Value v : out) {
        values.add(v.value());
      }
      return values;
    }
  }
}
