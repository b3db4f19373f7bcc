package io.kmodj.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.cache.BinaryReader;
import io.kmodj.engine.cache.BinaryWriter;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The flat trie and its automaton search answer as libkmod's walk does (the former tree, kept in
 * {@link LibkmodTrieOracle}): same values in the same order for every query, the same dump, and the
 * same again after a round trip through the binary cache's format.
 */
class PatternTrieOracleTest {
  record Entry(String key, String value, int priority) {}

  @Provide
  Arbitrary<List<Entry>> entries() {
    Arbitrary<String> keys = Arbitraries.strings().withChars("ab*?[]!\\-").ofMaxLength(7);
    Arbitrary<String> values = Arbitraries.strings().withChars("xyz").ofMinLength(1).ofMaxLength(2);
    Arbitrary<Integer> priorities = Arbitraries.integers().between(0, 3);
    return Combinators.combine(keys, values, priorities).as(Entry::new).list().ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<String>> queries() {
    Arbitrary<String> literal = Arbitraries.strings().withChars("ab-").ofMaxLength(8);
    Arbitrary<String> wild = Arbitraries.strings().withChars("ab*?[]\\").ofMaxLength(6);
    return Arbitraries.oneOf(literal, literal, wild).list().ofMinSize(1).ofMaxSize(20);
  }

  @Property(tries = 500)
  void searchesAndDumpsAsLibkmod(
      @ForAll("entries") List<Entry> entries, @ForAll("queries") List<String> queries)
      throws Exception {
    PatternTrie trie = new PatternTrie();
    LibkmodTrieOracle oracle = new LibkmodTrieOracle();
    for (Entry e : entries) {
      trie.add(e.key(), e.value(), e.priority());
      oracle.add(e.key(), e.value(), e.priority());
    }
    BinaryWriter w = new BinaryWriter();
    trie.writeTo(w);
    PatternTrie copy = PatternTrie.readFrom(new BinaryReader(ByteBuffer.wrap(w.toByteArray())));
    for (String q : queries) {
      assertThat(trie.search(q)).as("search %s", q).isEqualTo(oracle.search(q));
      assertThat(copy.search(q)).as("search %s after the cache", q).isEqualTo(oracle.search(q));
      assertThat(trie.get(q)).as("get %s", q).isEqualTo(oracle.get(q));
    }
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    copy.dump("alias ", a);
    oracle.dump("alias ", b);
    assertThat(a.toString()).isEqualTo(b.toString());
    assertThat(copy.size()).isEqualTo(oracle.size());
  }

  @Property(tries = 200)
  void addingAfterASearchKeepsLibkmodsOrder(
      @ForAll("entries") List<Entry> first,
      @ForAll("entries") List<Entry> then,
      @ForAll("queries") List<String> queries) {
    PatternTrie trie = new PatternTrie();
    LibkmodTrieOracle oracle = new LibkmodTrieOracle();
    for (Entry e : first) {
      trie.add(e.key(), e.value(), e.priority());
      oracle.add(e.key(), e.value(), e.priority());
    }
    trie.search("a");
    for (Entry e : then) {
      trie.add(e.key(), e.value(), e.priority());
      oracle.add(e.key(), e.value(), e.priority());
    }
    for (String q : queries) {
      assertThat(trie.search(q)).as("search %s", q).isEqualTo(oracle.search(q));
    }
  }
}
