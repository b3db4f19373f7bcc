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
 * subdirectories, {@code built-in} for the rest, {@link #EXTERNAL} for the directories outside the
 * tree), overriding lines, excluded directories and the directories outside the tree that depmod
 * also indexes. Without any {@code search} line the order is {@code updates} first, as kmod's
 * {@code cfg_load}.
 *
 * @param searches the search entries as kmod lists them: last written first, so that a later index
 *     means a higher priority ({@link #BUILTIN} for the built-in tree, {@link #EXTERNAL} for the
 *     external directories)
 * @param excluded directory names never entered (besides ".", "..", build and source)
 * @param overrides {@code SUBDIR/MODNAME} of the overrides that match the kernel, last first (kmod
 *     prepends them to a list)
 * @param externals the directories of the "external VERSION DIR" lines that match the kernel, as
 *     written (kmod 30 neither prefixes them with {@code -b} nor checks they are absolute), last
 *     first
 */
public record DepmodConfig(
    List<String> searches, List<String> excluded, List<String> overrides, List<String> externals) {
  private static final Pattern BLANKS = Pattern.compile("[\t ]+");

  /** The search entry that stands for the kernel's own tree. */
  public static final String BUILTIN = "built-in";

  /** The search entry that stands for the external directories, in their order. */
  public static final String EXTERNAL = "external";

  /** The directories kmod reads depmod.d files from, in priority order. */
  public static final List<String> DEFAULT_DIRS =
      List.of("/etc/depmod.d", "/run/depmod.d", "/usr/local/lib/depmod.d", "/lib/depmod.d");

  /** Copies the lists. */
  public DepmodConfig {
    searches = List.copyOf(searches);
    excluded = List.copyOf(excluded);
    overrides = List.copyOf(overrides);
    externals = List.copyOf(externals);
  }

  /**
   * The configuration kmod uses when no depmod.d file exists.
   *
   * @return {@code search updates} and nothing else
   */
  public static DepmodConfig defaults() {
    return new DepmodConfig(List.of("updates"), List.of(), List.of(), List.of());
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
   * @param kernel the kernel version that {@code override} lines are matched against
   * @param log where bad lines are reported
   * @return the configuration
   */
  public static DepmodConfig load(List<String> dirs, String kernel, Diagnostics log) {
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
    List<String> overrides = new ArrayList<>();
    List<String> externals = new ArrayList<>();
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
              searches.add(0, w[i]); // kmod prepends: the first listed wins
            }
          }
          case "exclude" -> {
            for (int i = 1; i < w.length; i++) {
              excluded.add(w[i]);
            }
          }
          case "override" -> {
            if (w.length < 4) {
              log.error(f + ":" + n + ": ignoring bad line starting with '" + w[0] + "'");
            } else if (kernelMatches(w[2], kernel)) {
              overrides.add(0, w[3] + "/" + w[1]);
            }
          }
          case "external" -> {
            // kmod 30 reads one directory: words after it are ignored
            if (w.length < 3) {
              log.error(f + ":" + n + ": ignoring bad line starting with '" + w[0] + "'");
            } else if (kernelMatches(w[1], kernel)) {
              externals.add(0, w[2]); // prepended as the searches: the first written wins
            }
          }
          case "include", "make_map_files" -> {
            // kmod 30: "command not implemented yet", at info level
          }
          default -> log.error(f + ":" + n + ": ignoring bad line starting with '" + w[0] + "'");
        }
      }
    }
    if (searches.isEmpty()) {
      searches.add("updates");
    }
    return new DepmodConfig(searches, excluded, overrides, externals);
  }

  // "*" or an extended regular expression found anywhere in the version (regexec)
  private static boolean kernelMatches(String pattern, String kernel) {
    if (pattern.equals("*")) {
      return true;
    }
    try {
      return Pattern.compile(pattern).matcher(kernel).find();
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }
}
