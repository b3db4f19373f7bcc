package io.kmodj.engine.depmod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order kmod's hash table iterates in, which modules.symbols follows. */
class KmodHashTableTest {
  @Test
  void iteratesBucketByBucketSortedWithinEach() {
    KmodHashTable<Integer> t = new KmodHashTable<>(4);
    List<String> keys = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta");
    keys.forEach(k -> t.put(k, k.length()));
    List<int[]> seen = new ArrayList<>();
    List<String> order = new ArrayList<>();
    t.forEach(
        (k, v) -> {
          seen.add(new int[] {KmodHashTable.superFastHash(k) & 3});
          order.add(k);
        });
    assertThat(order).containsExactlyInAnyOrderElementsOf(keys);
    for (int i = 1; i < order.size(); i++) {
      int before = seen.get(i - 1)[0];
      int now = seen.get(i)[0];
      assertThat(now).isGreaterThanOrEqualTo(before);
      if (now == before) {
        assertThat(order.get(i)).isGreaterThan(order.get(i - 1));
      }
    }
  }

  @Test
  void replacingKeepsThePlaceAndTakesTheNewValue() {
    KmodHashTable<String> t = new KmodHashTable<>(512);
    t.put("sym", "first");
    t.put("sym", "second");
    assertThat(t.get("sym")).isEqualTo("second");
    assertThat(t.putUnique("sym", "third")).isFalse();
  }

  @Test
  void hashOfShortKeysFollowsEveryTailLength() {
    // one key per tail length (0 to 3 bytes after the 4-byte blocks), high bytes included
    assertThat(KmodHashTable.superFastHash("")).isNotEqualTo(KmodHashTable.superFastHash("a"));
    assertThat(KmodHashTable.superFastHash("ab\u00e9"))
        .isNotEqualTo(KmodHashTable.superFastHash("abi"));
  }
}
