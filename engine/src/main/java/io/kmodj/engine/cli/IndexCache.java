package io.kmodj.engine.cli;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.index.ModuleIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Module indexes already read in this process, by directory: a batch, or a test running many
 * queries, reads a kernel's index once. An entry is read again when its modules.dep changed; it is
 * read through the binary cache ({@link ModuleIndex#load(String, CacheStore)}).
 */
final class IndexCache {
  private static final Map<String, Entry> CACHE = new ConcurrentHashMap<>();

  private record Entry(ModuleIndex index, long stamp) {}

  private IndexCache() {}

  static ModuleIndex get(String dirname) throws IOException {
    long stamp = stamp(dirname);
    Entry e = CACHE.get(dirname);
    if (e != null && e.stamp() == stamp) {
      return e.index();
    }
    ModuleIndex index = ModuleIndex.load(dirname, CacheStore.standard());
    CACHE.put(dirname, new Entry(index, stamp));
    return index;
  }

  private static long stamp(String dirname) {
    Path dep = Path.of(dirname, "modules.dep");
    try {
      return Files.getLastModifiedTime(dep).toMillis() * 31 + Files.size(dep);
    } catch (IOException e) {
      return -1;
    }
  }
}
