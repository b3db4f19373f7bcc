package io.kmodj.engine.modutils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * modutils' module lookup along the configured paths ({@code config_lstmod} over {@code xftw}):
 * what {@code modprobe -l}, {@code -t TAG} and wildcard module names see. A directory holding one
 * of the well-known subdirectories (and not ending in {@code /kernel}) is "type 1": its entries are
 * pruned and its known subdirectories walked first; every other directory is walked whole in name
 * order. With {@code -v} modutils narrated the walk on standard output (record 15c); so does this
 * walker when given a narrator.
 */
public final class ModuleWalker {
  /** The well-known subdirectory names of modutils 2.4 ({@code tbtype}), kernel first. */
  static final List<String> KNOWN =
      List.of(
          "kernel",
          "fs",
          "net",
          "scsi",
          "block",
          "cdrom",
          "ipv4",
          "ipv6",
          "sound",
          "fc4",
          "video",
          "misc",
          "pcmcia",
          "atm",
          "usb",
          "ide",
          "ieee1394",
          "mtd");

  private final List<String> prune;
  private final Optional<Consumer<String>> narrator;

  /**
   * A walker.
   *
   * @param prune the names skipped in type 1 directories
   * @param narrator receives modutils' verbose walk lines (each ends with a newline), or empty
   */
  public ModuleWalker(List<String> prune, Optional<Consumer<String>> narrator) {
    this.prune = List.copyOf(prune);
    this.narrator = Objects.requireNonNull(narrator);
  }

  /** Receives what the walk meets: a file or a type 2 directory. */
  private interface Visitor {
    void visit(String path, boolean directory);
  }

  /**
   * The module files along the paths whose name matches a pattern, each once, in walk order.
   *
   * @param paths the directories to walk, in order
   * @param pattern {@code *} for every file, a file name, or a shell pattern (matched in every
   *     directory the walk meets, sorted)
   * @param type {@code -t TAG}: keep only paths containing {@code /TAG/}
   * @return the matching files
   */
  public List<String> list(List<String> paths, String pattern, Optional<String> type) {
    Set<String> found = new LinkedHashSet<>();
    String dirFilter = type.map(t -> "/" + t + "/").orElse(null);
    boolean meta = !pattern.equals("*") && ModutilsModprobe.hasShellMeta(pattern);
    for (String p : paths) {
      walk(
          p,
          (path, directory) -> {
            if (meta) {
              String full = path + "/" + pattern;
              if (dirFilter != null && !full.contains(dirFilter)) {
                return;
              }
              for (String m : WordExpander.glob(full)) {
                if (!m.equals(full) && Files.isRegularFile(Path.of(m))) {
                  found.add(m);
                }
              }
              return;
            }
            if (directory) {
              return;
            }
            String base = path.substring(path.lastIndexOf('/') + 1);
            if (!pattern.equals("*") && !base.equals(pattern)) {
              return;
            }
            if (dirFilter != null && !path.contains(dirFilter)) {
              return;
            }
            found.add(path);
          });
    }
    return new ArrayList<>(found);
  }

  private void say(String line) {
    narrator.ifPresent(n -> n.accept(line));
  }

  /** modutils' {@code xftw}. */
  private void walk(String directory, Visitor visitor) {
    say("xftw starting at " + directory + " ");
    Path dir = Path.of(directory);
    if (!Files.exists(dir)) {
      say("lstat on " + directory + " failed\n");
      return;
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    say("\n");
    List<Entry> entries = readdir(directory);
    String trimmed =
        directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    boolean type1 = false;
    for (Entry e : entries) {
      if (e.directory && KNOWN.contains(e.name) && !trimmed.endsWith("/kernel")) {
        type1 = true;
        break;
      }
    }
    if (!type1) {
      type2(directory, null, visitor);
      return;
    }
    List<Entry> left = new ArrayList<>();
    for (Entry e : entries) {
      boolean pruned = false;
      for (String p : prune) {
        if (p.equals(e.name)) {
          say("pruned " + e.name + "\n");
          pruned = true;
        }
      }
      if (!pruned) {
        left.add(e);
      }
    }
    List<Entry> rest = new ArrayList<>();
    for (Entry e : left) {
      if (e.directory && KNOWN.contains(e.name)) {
        type2(directory, e.name, visitor);
      } else {
        rest.add(e);
      }
    }
    for (Entry e : rest) {
      if (e.directory) {
        type2(directory, e.name, visitor);
      }
    }
    for (Entry e : rest) {
      if (!e.directory) {
        say(e.name + " found in type 1 directory " + directory + "\n");
        userFunction(directory + "/" + e.name, false, visitor);
      }
    }
  }

  private void type2(String directory, String entry, Visitor visitor) {
    String dirname = entry == null ? directory : directory + "/" + entry;
    say("type 2 " + dirname + "\n");
    List<Entry> entries = readdir(dirname);
    userFunction(dirname, true, visitor);
    for (Entry e : entries) {
      if (e.directory) {
        type2(dirname, e.name, visitor);
      } else {
        userFunction(dirname + "/" + e.name, false, visitor);
      }
    }
  }

  private void userFunction(String path, boolean directory, Visitor visitor) {
    say("user function " + path + "\n");
    visitor.visit(path, directory);
  }

  private record Entry(String name, boolean directory) {}

  private List<Entry> readdir(String directory) {
    say("xftw_readdir " + directory + "\n");
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of(directory))) {
      s.forEach(p -> entries.add(new Entry(p.getFileName().toString(), Files.isDirectory(p))));
    } catch (IOException e) {
      return entries;
    }
    entries.sort((a, b) -> a.name.compareTo(b.name));
    return entries;
  }
}
