package io.kmodj.engine.cache;

import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The identity of the kmodj build that runs: a cache entry written by another build is never used,
 * since a parser or reader that changed may derive something else from the same text. For each of
 * the grammar's and the engine's code sources: a jar's path, size and modification time, or a class
 * folder's path, number of files and newest modification time (a development build).
 */
final class BuildStamp {
  private static final String CURRENT = compute();

  private BuildStamp() {}

  /** This build's stamp. */
  static String current() {
    return CURRENT;
  }

  private static String compute() {
    return of(Dialect.class) + "|" + of(BuildStamp.class);
  }

  private static String of(Class<?> c) {
    try {
      var source = c.getProtectionDomain().getCodeSource();
      if (source == null) {
        return "unknown";
      }
      Path p = Path.of(source.getLocation().toURI());
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      if (!a.isDirectory()) {
        return p + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
      }
      long newest = 0;
      long count = 0;
      try (Stream<Path> files = Files.walk(p)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
          count++;
        }
      }
      return p + ":" + count + ":" + newest;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // an unknown build: a stamp no other run shares, so nothing is reused
      return "unknown:" + System.nanoTime();
    }
  }
}
