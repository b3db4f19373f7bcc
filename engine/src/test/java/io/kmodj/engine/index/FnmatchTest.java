package io.kmodj.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FnmatchTest {
  @Test
  void starMatchesAnySequenceIncludingEmpty() {
    assertThat(Fnmatch.matches("myfs-*", "myfs-")).isTrue();
    assertThat(Fnmatch.matches("myfs-*", "myfs-anything")).isTrue();
    assertThat(Fnmatch.matches("pci:v*d*sv*", "pci:v1d2sv3")).isTrue();
    assertThat(Fnmatch.matches("a*b", "a/x/b")).isTrue();
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    assertThat(Fnmatch.matches("net??", "net01")).isTrue();
    assertThat(Fnmatch.matches("net??", "net001")).isFalse();
  }

  @Test
  void bracketsMatchRangesAndNegation() {
    assertThat(Fnmatch.matches("disk[0-9]", "disk7")).isTrue();
    assertThat(Fnmatch.matches("disk[0-9]", "diskx")).isFalse();
    assertThat(Fnmatch.matches("disk[!0-9]", "diskx")).isTrue();
    assertThat(Fnmatch.matches("disk[^0-9]", "disk1")).isFalse();
    assertThat(Fnmatch.matches("[]a]", "]")).isTrue();
    assertThat(Fnmatch.matches("[[:digit:]]x", "5x")).isTrue();
  }

  @Test
  void unclosedBracketIsLiteralAndBackslashQuotes() {
    assertThat(Fnmatch.matches("a[b", "a[b")).isTrue();
    assertThat(Fnmatch.matches("a\\*", "a*")).isTrue();
    assertThat(Fnmatch.matches("a\\*", "ab")).isFalse();
    assertThat(Fnmatch.matches("a\\", "a\\")).isFalse();
  }
}
