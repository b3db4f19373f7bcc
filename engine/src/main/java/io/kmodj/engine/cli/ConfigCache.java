package io.kmodj.engine.cli;

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
 * kmod thread runs one per request): read again when a file or directory named changes (its
 * modification time or size, or a directory's list). Only explicit paths are cached.
 */
final class ConfigCache {
  private static final Map<ConfigSource, Entry> CACHE = new ConcurrentHashMap<>();

  private record Entry(ModuleConfig config, List<Long> stamp) {}

  private ConfigCache() {}

  static ModuleConfig get(ConfigSource source) {
    if (source.paths().isEmpty()) {
      return new ModprobeDFrontEnd().read(source);
    }
    List<Long> stamp = stamp(source.paths());
    Entry e = CACHE.get(source);
    if (e != null && e.stamp().equals(stamp)) {
      return e.config();
    }
    ModuleConfig config = new ModprobeDFrontEnd().read(source);
    CACHE.put(source, new Entry(config, stamp));
    return config;
  }

  private static List<Long> stamp(List<String> paths) {
    List<Long> s = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      add(s, path);
      if (Files.isDirectory(path)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
          for (Path f : ds) {
            s.add((long) f.getFileName().toString().hashCode());
            add(s, f);
          }
        } catch (IOException e) {
          s.add(-2L);
        }
      }
    }
    return s;
  }

  private static void add(List<Long> s, Path p) {
    try {
      s.add(Files.getLastModifiedTime(p).toMillis());
      s.add(Files.size(p));
    } catch (IOException e) {
      s.add(-1L);
    }
  }
}
