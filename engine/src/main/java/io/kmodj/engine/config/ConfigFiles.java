package io.kmodj.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which configuration files kmod reads, and in which order (libkmod's {@code conf_files_list}):
 * from each directory the files ending in {@code .conf} or {@code .alias} that do not start with a
 * dot; a file hides any later one of the same name (earlier directories win); everything is then
 * read in the byte order of the names, whatever directory holds them. A path that is a file is read
 * whatever its name. The module directory's {@code modules.softdep} takes part under its own name,
 * before all directories.
 */
public final class ConfigFiles {
  /** kmod's default directories, highest priority first. */
  public static final List<String> DEFAULT_PATHS =
      List.of("/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/lib/modprobe.d");

  /**
   * A file to read.
   *
   * @param name the name it is sorted and hidden by
   * @param shownAs the path kmod prints in messages ({@code DIR/NAME} as given)
   * @param path the file
   */
  public record ConfigFile(String name, String shownAs, Path path) {
    public ConfigFile {
      Objects.requireNonNull(name);
      Objects.requireNonNull(shownAs);
      Objects.requireNonNull(path);
    }
  }

  /**
   * A file kmod does not read because an earlier path holds one of the same name.
   *
   * @param file the file not read
   * @param by the file read instead
   */
  public record Hidden(ConfigFile file, ConfigFile by) {
    public Hidden {
      Objects.requireNonNull(file);
      Objects.requireNonNull(by);
    }
  }

  private final TreeMap<String, ConfigFile> files = new TreeMap<>(ConfigFiles::compareBytes);
  private final List<ConfigMessage> messages = new ArrayList<>();
  private final List<Hidden> hidden = new ArrayList<>();
  private final List<ConfigFile> skipped = new ArrayList<>();
  private final ConfigSnapshot snapshot;

  /**
   * Lists the files of the given paths.
   *
   * @param moduleDirectory the module directory (its modules.softdep is read as configuration)
   * @param paths the directories or files, highest priority first
   */
  public ConfigFiles(String moduleDirectory, List<String> paths) {
    this(moduleDirectory, paths, ConfigSnapshot.empty());
  }

  /**
   * Lists the files of the given paths, a snapshot's files among them: a path the snapshot holds is
   * a file even when the disk has none, and a directory lists the snapshot's files in it too.
   *
   * @param moduleDirectory the module directory (its modules.softdep is read as configuration)
   * @param paths the directories or files, highest priority first
   * @param snapshot files held in memory
   */
  public ConfigFiles(String moduleDirectory, List<String> paths, ConfigSnapshot snapshot) {
    this.snapshot = Objects.requireNonNull(snapshot);
    insert(
        "modules.softdep",
        moduleDirectory + "/modules.softdep",
        Path.of(moduleDirectory, "modules.softdep"));
    for (String p : paths) {
      list(p);
    }
  }

  private void list(String given) {
    Path path = Path.of(given);
    if (snapshot.text(path).isPresent() && !Files.isDirectory(path)) {
      String name = path.getFileName() == null ? given : path.getFileName().toString();
      insert(name, given, path);
      return;
    }
    if (!Files.exists(path)) {
      return;
    }
    if (!Files.isDirectory(path)) {
      String name = path.getFileName() == null ? given : path.getFileName().toString();
      insert(name, given, path);
      return;
    }
    List<Path> listed = new ArrayList<>(snapshot.filesIn(path));
    try (Stream<Path> entries = Files.list(path)) {
      entries.forEach(listed::add);
    } catch (IOException e) {
      messages.add(
          new ConfigMessage(
              new Origin(given, 0), "unreadable", "opendir(" + given + "): " + e.getMessage()));
      return;
    }
    for (Path e : listed) {
      String fn = e.getFileName().toString();
      if (fn.startsWith(".")) {
        continue;
      }
      if (fn.length() < 6 || !(fn.endsWith(".conf") || fn.endsWith(".alias"))) {
        if (!Files.isDirectory(e) && skipped.stream().noneMatch(k -> k.path().equals(e))) {
          skipped.add(new ConfigFile(fn, given + "/" + fn, e));
        }
        continue;
      }
      if (Files.isDirectory(e)) {
        messages.add(
            new ConfigMessage(
                new Origin(given + "/" + fn, 0),
                "nested-directory",
                "Directories inside directories are not supported: " + given + "/" + fn));
        continue;
      }
      insert(fn, given + "/" + fn, e);
    }
  }

  private void insert(String name, String shownAs, Path file) {
    ConfigFile f = new ConfigFile(name, shownAs, file);
    ConfigFile first = files.putIfAbsent(name, f);
    if (first != null
        && !first.path().equals(file)
        && hidden.stream().noneMatch(h -> h.file().path().equals(file))) {
      hidden.add(new Hidden(f, first));
    }
  }

  /** The files in reading order. */
  public List<ConfigFile> files() {
    return List.copyOf(files.values());
  }

  /** The files not read because an earlier path holds one of the same name, by path. */
  public List<Hidden> hidden() {
    return hidden.stream()
        .sorted(java.util.Comparator.comparing((Hidden h) -> h.file().shownAs()))
        .toList();
  }

  /**
   * The files of the listed directories that kmod passes over for their names (neither {@code
   * .conf} nor {@code .alias}), dot files left out; by path.
   */
  public List<ConfigFile> skipped() {
    return skipped.stream().sorted(java.util.Comparator.comparing(ConfigFile::shownAs)).toList();
  }

  /** Problems met while listing. */
  public List<ConfigMessage> messages() {
    return List.copyOf(messages);
  }

  /** strcmp order: by unsigned bytes, as kmod compares names. */
  static int compareBytes(String a, String b) {
    byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }
}
