package io.kmodj.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {
  @TempDir Path dir;

  private static String text(Optional<ByteBuffer> b) {
    return b.map(x -> StandardCharsets.UTF_8.decode(x).toString()).orElse(null);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPayloadReadsBackUnderItsKeyOnly() {
    CacheStore s = CacheStore.in(dir);
    s.write("k", "one", bytes("payload 1"));
    s.write("k", "two", bytes("payload 2"));
    assertThat(text(s.read("k", "one"))).isEqualTo("payload 1");
    assertThat(text(s.read("k", "two"))).isEqualTo("payload 2");
    assertThat(s.read("k", "three")).isEmpty();
    assertThat(s.read("other", "one")).isEmpty();
  }

  @Test
  void aCorruptOrTruncatedEntryReadsAsAbsent() throws Exception {
    CacheStore s = CacheStore.in(dir);
    s.write("k", "key", bytes("some payload worth keeping"));
    Path f = s.file("k", "key");
    byte[] good = Files.readAllBytes(f);
    byte[] flipped = good.clone();
    flipped[flipped.length - 8] ^= 1;
    Files.write(f, flipped);
    assertThat(s.read("k", "key")).isEmpty();
    Files.write(f, java.util.Arrays.copyOf(good, good.length - 3));
    assertThat(s.read("k", "key")).isEmpty();
    Files.write(f, new byte[0]);
    assertThat(s.read("k", "key")).isEmpty();
    Files.write(f, good);
    assertThat(text(s.read("k", "key"))).isEqualTo("some payload worth keeping");
  }

  @Test
  void aDisabledStoreHoldsNothingAndAnUnwritableOneIsIgnored() throws Exception {
    CacheStore off = CacheStore.disabled();
    off.write("k", "key", bytes("x"));
    assertThat(off.read("k", "key")).isEmpty();
    Path file = dir.resolve("a-file");
    Files.writeString(file, "not a directory");
    CacheStore broken = CacheStore.in(file.resolve("sub"));
    broken.write("k", "key", bytes("x"));
    assertThat(broken.read("k", "key")).isEmpty();
  }

  @Test
  void theDirectoryKeepsTheEntriesWrittenLast() throws Exception {
    CacheStore s = CacheStore.in(dir);
    for (int i = 0; i < CacheStore.LIMIT; i++) {
      s.write("k", "key" + i, bytes("v" + i));
      // written in order, as the modification times tell
      Files.setLastModifiedTime(
          s.file("k", "key" + i), java.nio.file.attribute.FileTime.fromMillis(1_000_000L * i));
    }
    s.write("k", "newest", bytes("new"));
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(CacheStore.KEEP);
    }
    assertThat(text(s.read("k", "newest"))).isEqualTo("new");
    assertThat(text(s.read("k", "key" + (CacheStore.LIMIT - 1))))
        .isEqualTo("v" + (CacheStore.LIMIT - 1));
    assertThat(s.read("k", "key0")).isEmpty();
  }

  @Test
  void concurrentWritersAndReadersNeverSeeHalfAnEntry() throws Exception {
    CacheStore s = CacheStore.in(dir);
    int writers = 4;
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      payloads.add(String.valueOf((char) ('a' + i)).repeat(200_000));
    }
    CountDownLatch start = new CountDownLatch(1);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (String p : payloads) {
        jobs.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int k = 0; k < 20; k++) {
                    s.write("k", "shared", bytes(p));
                  }
                  return null;
                }));
      }
      for (int r = 0; r < 2; r++) {
        jobs.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int k = 0; k < 40; k++) {
                    String got = text(s.read("k", "shared"));
                    seen.add(got == null ? "absent" : got);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> j : jobs) {
        j.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    seen.remove("absent");
    assertThat(payloads).containsAll(seen);
    assertThat(payloads).contains(text(s.read("k", "shared")));
    // no temporary file is left behind
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".bin"));
    }
  }
}
