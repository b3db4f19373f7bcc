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

  @Test
  void aPatternQueryAnswersAsDepmodsCompressedTrieDoes() {
    // kmod 30's modprobe -R on samples/modern: virtio:d00000001v* once (its '*' lies inside the
    // prefix "v*" after virtio:d0000000, where the walk stops), not twice
    PatternTrie t = new PatternTrie();
    t.add("virtio:d00000001v*", "virtio_net", 0);
    t.add("virtio:d00000002v*", "virtio_blk", 0);
    assertThat(t.search("virtio:d00000001v*")).containsExactly("virtio_net");
    // a '*' at a branch (beside "abc") is both tested and followed: twice, as libkmod answers
    PatternTrie b = new PatternTrie();
    b.add("ab*", "x", 0);
    b.add("abc", "y", 0);
    assertThat(b.search("ab*")).containsExactly("x", "x");
    // the query's own wildcards are characters to libkmod's walk
    assertThat(b.search("a?c")).isEmpty();
  }

  @Test
  void theSampleIndexAnswersPatternLookupsAsKmod30() throws Exception {
    // recorded: kmod 30's modprobe -d samples/modern -S 6.1.0-47-cloud-amd64 -C /dev/null -R
    // PATTERN prints each module once (kmodj printed virtio_pci seven times)
    ModuleIndex index =
        ModuleIndex.load(
            java.nio.file.Path.of(
                    "..", "samples", "modern", "lib", "modules", "6.1.0-47-cloud-amd64")
                .toAbsolutePath()
                .normalize()
                .toString());
    assertThat(index.aliases().search("virtio:d00000001v*")).containsExactly("virtio_net");
    assertThat(index.aliases().search("pci:v00001AF4d*sv*sd*bc*sc*i*"))
        .containsExactly("virtio_pci");
  }
}
