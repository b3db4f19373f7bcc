package io.kmodj.engine.cli;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.PathCheck;
import io.kmodj.engine.index.ModuleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Module indexes already read in this process, by directory: a batch, or a test running many
 * queries, or the kmod thread's modprobes, read a kernel's index once. An entry is used while a
 * {@link PathCheck} of its modules.dep (which depmod writes with the others) vouches that it is
 * unchanged; otherwise it is read again, through the binary cache ({@link ModuleIndex#load(String,
 * CacheStore)}, which compares every index file's content).
 */
final class IndexCache {
  private static final Map<String, Entry> CACHE = new ConcurrentHashMap<>();

  private record Entry(ModuleIndex index, PathCheck check) {}

  private IndexCache() {}

  static ModuleIndex get(String dirname) throws IOException {
    Entry e = CACHE.get(dirname);
    if (e != null && e.check().unchanged()) {
      return e.index();
    }
    PathCheck check = PathCheck.take(List.of(Path.of(dirname, "modules.dep")));
    ModuleIndex index = ModuleIndex.load(dirname, CacheStore.standard());
    CACHE.put(dirname, new Entry(index, check));
    return index;
  }
}
