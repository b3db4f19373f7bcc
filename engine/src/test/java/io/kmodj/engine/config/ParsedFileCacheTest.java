package io.kmodj.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.cache.CacheStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A modprobe.d file read through the binary cache gives what parsing it gives, always. */
class ParsedFileCacheTest {
  @TempDir Path tmp;

  private ModuleConfig read(Path conf, Optional<CacheStore> store) {
    ConfigSource source =
        new ConfigSource(
            List.of(conf.toString()), tmp.resolve("modules").toString(), Optional.empty(), "c");
    return store.map(ModprobeDFrontEnd::new).orElseGet(ModprobeDFrontEnd::new).read(source);
  }

  @Test
  void aChangedFileIsReadAgainEvenWithItsSizeAndTimeKept() throws Exception {
    Path conf = Files.createDirectories(tmp.resolve("modprobe.d"));
    Path a = conf.resolve("a.conf");
    Files.writeString(a, "alias eth0 e1000\noptions e1000 debug=1\nbogus line\nsoftdep x pre: y\n");
    FileTime time = Files.getLastModifiedTime(a);
    CacheStore store = CacheStore.in(tmp.resolve("cache"));

    ModuleConfig first = read(conf, Optional.of(store));
    assertThat(first).isEqualTo(read(conf, Optional.empty()));
    assertThat(first.aliases()).extracting(ConfigEntry.Alias::module).containsExactly("e1000");
    assertThat(first.messages()).hasSize(1);
    // a second read comes from the entry and is the same
    assertThat(read(conf, Optional.of(store))).isEqualTo(first);

    // same size, same modification time, other content
    Files.writeString(a, "alias eth0 e1001\noptions e1000 debug=2\nbogus line\nsoftdep x pre: z\n");
    Files.setLastModifiedTime(a, time);
    ModuleConfig second = read(conf, Optional.of(store));
    assertThat(second.aliases()).extracting(ConfigEntry.Alias::module).containsExactly("e1001");
    assertThat(second).isEqualTo(read(conf, Optional.empty()));
  }

  @Test
  void aCorruptEntryIsIgnoredAndRewritten() throws Exception {
    Path conf = Files.createDirectories(tmp.resolve("modprobe.d"));
    Files.writeString(conf.resolve("a.conf"), "blacklist pcspkr\ninstall foo /bin/true\n");
    Path cacheDir = tmp.resolve("cache");
    CacheStore store = CacheStore.in(cacheDir);
    ModuleConfig expected = read(conf, Optional.empty());
    assertThat(read(conf, Optional.of(store))).isEqualTo(expected);
    try (Stream<Path> entries = Files.list(cacheDir)) {
      for (Path e : entries.toList()) {
        byte[] b = Files.readAllBytes(e);
        b[b.length / 2] ^= 0x55;
        Files.write(e, b);
      }
    }
    assertThat(read(conf, Optional.of(store))).isEqualTo(expected);
    assertThat(read(conf, Optional.of(store))).isEqualTo(expected);
  }
}
