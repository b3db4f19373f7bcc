package io.kmodj.engine.depmod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The parts of depmod.d that decide which modules depmod sees: {@code search} (the priority of
 * subdirectories, {@code built-in} for the rest) and excluded directories. Without any {@code
 * search} line the order is {@code updates} first, as kmod's {@code cfg_load}.
 *
 * @param searches the search order ({@link #BUILTIN} for the built-in tree)
 * @param excluded directory names never entered (besides ".", "..", build and source)
 */
public record DepmodConfig(List<String> searches, List<String> excluded) {
  private static final Pattern BLANKS = Pattern.compile("[\t ]+");

  /** The search entry that stands for the kernel's own tree. */
  public static final String BUILTIN = "built-in";

  /** The directories kmod reads depmod.d files from, in priority order. */
  public static final List<String> DEFAULT_DIRS =
      List.of("/etc/depmod.d", "/run/depmod.d", "/usr/local/lib/depmod.d", "/lib/depmod.d");

  /** Copies the lists. */
  public DepmodConfig {
    searches = List.copyOf(searches);
    excluded = List.copyOf(excluded);
  }

  /**
   * Tells whether depmod skips a directory entry of this name.
   *
   * @param name the entry's name
   * @return true to skip it
   */
  public boolean excludes(String name) {
    return name.equals(".")
        || name.equals("..")
        || name.equals("build")
        || name.equals("source")
        || excluded.contains(name);
  }

  /**
   * Reads the {@code *.conf} files of the given directories (a name in an earlier directory hides
   * the same name in later ones; files are read in name order).
   *
   * @param dirs the directories
   * @param log where bad lines are reported
   * @return the configuration
   */
  public static DepmodConfig load(List<String> dirs, Diagnostics log) {
    TreeMap<String, Path> files = new TreeMap<>();
    for (String d : dirs) {
      Path dir = Path.of(d);
      if (Files.isRegularFile(dir)) {
        files.putIfAbsent(String.valueOf(dir.getFileName()), dir);
        continue;
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.conf")) {
        for (Path p : s) {
          files.putIfAbsent(String.valueOf(p.getFileName()), p);
        }
      } catch (IOException e) {
        // a missing configuration directory is normal
      }
    }
    List<String> searches = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (Path f : files.values()) {
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        log.error("file parse " + f + ": " + e.getMessage());
        continue;
      }
      int n = 0;
      for (String line : lines) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] w = BLANKS.split(line.trim(), -1);
        if (w.length == 0 || w[0].isEmpty()) {
          continue;
        }
        switch (w[0]) {
          case "search" -> {
            for (int i = 1; i < w.length; i++) {
              searches.add(w[i]);
            }
          }
          case "exclude" -> {
            for (int i = 1; i < w.length; i++) {
              excluded.add(w[i]);
            }
          }
          case "override", "external", "include", "make_map_files" -> {
            // accepted; kmodj does not apply overrides or external directories
          }
          default -> log.error(f + ":" + n + ": ignoring bad line starting with '" + w[0] + "'");
        }
      }
    }
    if (searches.isEmpty()) {
      searches.add("updates");
    }
    return new DepmodConfig(searches, excluded);
  }
}
