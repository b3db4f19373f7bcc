package io.kmodj.engine.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A modules.dep in the format modutils' depmod wrote for 2.2/2.4 kernels: {@code FULLPATH:} then
 * the direct dependencies as full paths, {@code \} continuations and a blank line after each entry
 * (2.6's relative {@code .ko} format reads the same way). Entries are keyed by their file name
 * without directory and {@code .o}/{@code .mod}/{@code .o.gz}, as modutils' {@code stripo}; several
 * files may share a key (the first is used). Immutable once read.
 */
public final class DepFile24 {
  /** One left-hand side of modules.dep. */
  public record Entry(String key, String path, List<String> dependencies) {
    public Entry {
      Objects.requireNonNull(key);
      Objects.requireNonNull(path);
      dependencies = List.copyOf(dependencies);
    }
  }

  private final String file;
  private final List<Entry> entries;
  private final Map<String, Entry> byPath = new HashMap<>();
  private final Map<String, List<Entry>> byKey = new HashMap<>();
  private final Map<String, Integer> positions = new HashMap<>();

  private DepFile24(String file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
    for (Entry e : this.entries) {
      byPath.putIfAbsent(e.path(), e);
      positions.putIfAbsent(e.path(), positions.size());
      byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
    }
  }

  /**
   * Reads a modules.dep. modutils adds a pseudo entry {@code null} first, the target of {@code
   * alias NAME null}; so does this reader.
   *
   * @param file the file
   * @param root a directory to prefix to paths that do not already start with it (modprobe's {@code
   *     -d}), or empty
   * @return the entries, or a message as modutils words it ({@code line N: Invalid dependency})
   * @throws IOException if the file cannot be read
   */
  public static Result read(Path file, String root) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return parse(file.toString(), text, root);
  }

  /** The outcome of reading: the file or modutils' complaint. */
  public record Result(Optional<DepFile24> depFile, Optional<String> error) {}

  /**
   * Parses modules.dep text.
   *
   * @param name the file name for messages
   * @param text its content
   * @param root the prefix for paths outside it, or empty
   * @return the entries or the error
   */
  public static Result parse(String name, String text, String root) {
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry("null", "null", List.of()));
    String[] physical = text.split("\n", -1);
    StringBuilder logical = new StringBuilder();
    for (int i = 0; i < physical.length; i++) {
      String line = physical[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.stripTrailing();
      if (line.endsWith("\\") && !line.endsWith("\\\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String l = logical.toString().strip();
      logical.setLength(0);
      if (l.isEmpty()) {
        continue;
      }
      int colon = l.indexOf(':');
      int blank = indexOfBlank(l);
      if (colon < 0 || (blank >= 0 && blank < colon)) {
        return new Result(
            Optional.empty(), Optional.of("line " + (i + 1) + ": Invalid dependency\n\t" + l));
      }
      String lhs = rooted(l.substring(0, colon), root);
      List<String> deps = new ArrayList<>();
      for (String d : l.substring(colon + 1).trim().split("\\s+", -1)) {
        if (!d.isEmpty()) {
          deps.add(rooted(d, root));
        }
      }
      entries.add(new Entry(stripo(lhs), lhs, deps));
    }
    return new Result(Optional.of(new DepFile24(name, entries)), Optional.empty());
  }

  private static int indexOfBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String rooted(String path, String root) {
    if (root.isEmpty() || !path.startsWith("/") || path.startsWith(root + "/")) {
      return path;
    }
    return root + path;
  }

  /**
   * modutils' {@code stripo}: the file name without directory and without {@code .o}, {@code .mod}
   * or {@code .o.gz} (2.6's {@code .ko} too).
   *
   * @param name a path or name
   * @return the module key
   */
  public static String stripo(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    for (String ext : new String[] {".o.gz", ".o", ".mod", ".ko"}) {
      if (base.length() > ext.length() && base.endsWith(ext)) {
        return base.substring(0, base.length() - ext.length());
      }
    }
    return base;
  }

  /** The file's name as given. */
  public String file() {
    return file;
  }

  /** Every entry in file order, the {@code null} pseudo entry first. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * The entry of a full path.
   *
   * @param path the path exactly as modules.dep writes it (root prefixed)
   * @return the entry
   */
  public Optional<Entry> byPath(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /**
   * The first entry of a module key.
   *
   * @param key the name without directory and extension
   * @return the entry
   */
  public Optional<Entry> byKey(String key) {
    List<Entry> l = byKey.get(key);
    return l == null ? Optional.empty() : Optional.of(l.get(0));
  }

  /**
   * The position of a path in the file, for ordering matches as depmod did.
   *
   * @param path a full path
   * @return its index, or -1
   */
  public int position(String path) {
    return positions.getOrDefault(path, -1);
  }
}
