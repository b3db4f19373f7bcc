package io.kmodj.engine.cli;

import io.kmodj.engine.cache.PathCheck;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Effective modprobe.d configurations already read, for modprobes run on a simulated kernel (the
 * kmod thread runs one per request). A configuration is used again while a {@link PathCheck} of
 * each file and directory named, and of each file in those directories, vouches that none changed
 * (one stat each); otherwise, or while the files are too young for a stat to vouch, it is read
 * again. Only explicit paths are cached.
 */
final class ConfigCache {
  private static final Map<ConfigSource, Entry> CACHE = new ConcurrentHashMap<>();

  /** A configuration and the check taken just before it was read. */
  private record Entry(ModuleConfig config, PathCheck check) {}

  private ConfigCache() {}

  static ModuleConfig get(ConfigSource source) {
    if (source.paths().isEmpty()) {
      return new ModprobeDFrontEnd().read(source);
    }
    Entry e = CACHE.get(source);
    if (e != null && e.check().unchanged()) {
      return e.config();
    }
    // stat before reading: a change made while reading is seen by the next check
    PathCheck check = PathCheck.take(watched(source.paths()));
    ModuleConfig config = new ModprobeDFrontEnd().read(source);
    CACHE.put(source, new Entry(config, check));
    return config;
  }

  /** The paths, and the entries of those that are directories (a change to a list shows on it). */
  private static List<Path> watched(List<String> paths) {
    List<Path> out = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      out.add(path);
      if (Files.isDirectory(path)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
          for (Path f : ds) {
            out.add(f);
          }
        } catch (IOException e) {
          // unlisted: the directory's own stat, taken above, stands for it
        }
      }
    }
    return out;
  }
}
