package io.kmodj.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternTrieTest {
  @Test
  void exactKeysAndMatchingPatternsAreFoundInPriorityOrder() {
    PatternTrie t = new PatternTrie();
    t.add("pci:v00001AF4d*", "virtio_pci", 5);
    t.add("pci:v00001AF4d00001000*", "virtio_net", 3);
    t.add("pci:v00008086d*", "e1000", 1);
    t.add("acpi", "acpi_cpufreq", 9);
    assertThat(t.search("pci:v00001AF4d00001000sv0")).containsExactly("virtio_net", "virtio_pci");
    assertThat(t.search("acpi")).containsExactly("acpi_cpufreq");
    assertThat(t.search("acp")).isEmpty();
  }

  @Test
  void getReturnsTheFirstValueWithoutExpandingPatterns() {
    PatternTrie t = new PatternTrie();
    t.add("a*", "x", 0);
    t.add("ab", "y", 2);
    t.add("ab", "z", 1);
    assertThat(t.get("ab")).isEqualTo("z");
    assertThat(t.get("abc")).isNull();
  }

  @Test
  void dumpListsKeysInByteOrderWithPrefix() throws Exception {
    PatternTrie t = new PatternTrie();
    t.add("b", "2", 0);
    t.add("a*", "1", 0);
    t.add("a", "0", 0);
    StringBuilder sb = new StringBuilder();
    t.dump("alias ", sb);
    assertThat(sb).hasToString("alias a 0\nalias a* 1\nalias b 2\n");
  }
}
