package io.kmodj.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.config.ConfigOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleSystemCacheTest {
  @TempDir Path tmp;

  @Test
  void theIndexGoesThroughTheCacheAndAChangedModulesDepIsReadAgain() throws IOException {
    Path dir = tmp.resolve("root/lib/modules/6.1.0");
    Files.createDirectories(dir.resolve("kernel"));
    Files.writeString(dir.resolve("modules.dep"), "kernel/a.ko: kernel/b.ko\nkernel/b.ko:\n");
    Files.writeString(dir.resolve("modules.alias"), "alias pci:v00008086d* a\n");
    Files.createDirectories(tmp.resolve("root/etc/modprobe.d"));
    SystemSpec spec =
        new SystemSpec(
            Optional.of(tmp.resolve("root").toString()),
            Optional.of("6.1.0"),
            List.of(),
            Optional.of(Files.writeString(tmp.resolve("cmdline"), "").toString()));
    Path cacheDir = tmp.resolve("cache");
    CacheStore cache = CacheStore.in(cacheDir);

    ModuleSystem first = ModuleSystem.load(spec, ConfigOverlay.NONE, cache);
    assertThat(first.index().moduleNames()).containsExactlyInAnyOrder("a", "b");
    assertThat(entries(cacheDir)).as("an entry was written").isNotEmpty();

    // the same answer from the entry
    ModuleSystem again = ModuleSystem.load(spec, ConfigOverlay.NONE, cache);
    assertThat(again.index().moduleNames()).containsExactlyInAnyOrder("a", "b");
    assertThat(again.index().dependencies("a").orElseThrow().path()).endsWith("kernel/a.ko");

    // a changed file is never answered from the old entry
    Files.writeString(dir.resolve("modules.dep"), "kernel/c.ko:\n");
    assertThat(ModuleSystem.load(spec, ConfigOverlay.NONE, cache).index().moduleNames())
        .containsExactly("c");
  }

  private static List<Path> entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
