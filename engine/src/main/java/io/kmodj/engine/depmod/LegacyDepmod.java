package io.kmodj.engine.depmod;

import io.kmodj.engine.elf.ElfImage;
import io.kmodj.engine.elf.ModuleContent;
import io.kmodj.engine.elf.ModuleSymbols;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.elf.Symbol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * modutils 2.4's modules.dep for a 2.4 tree of {@code .o} objects: absolute paths, direct
 * dependencies only, continuation lines ({@code " \\\n\t"}) between them, and a blank line after
 * each entry. Exports are {@code .kstrtab} strings, needs the undefined symbols.
 */
public final class LegacyDepmod {
  private final Path dir;
  private final Diagnostics log;

  /**
   * Prepares a run.
   *
   * @param dir the absolute {@code ROOT/lib/modules/2.4.x} directory
   * @param log where unreadable objects are reported
   */
  public LegacyDepmod(Path dir, Diagnostics log) {
    this.dir = dir;
    this.log = log;
  }

  /**
   * Tells whether a kernel version is of the 2.4 (or older) line, which uses this format.
   *
   * @param version the kernel version
   * @return true for 2.0 to 2.4
   */
  public static boolean isLegacy(String version) {
    return version.matches("2\\.[0-4](\\..*)?");
  }

  /**
   * Computes modules.dep.
   *
   * @return its text
   */
  public String render() {
    List<Path> objects = new ArrayList<>();
    find(dir, objects);
    Map<String, Path> exporter = new HashMap<>();
    Map<Path, List<String>> needs = new HashMap<>();
    for (Path o : objects) {
      Outcome<ByteBuffer> content = ModuleContent.load(o);
      Outcome<ElfImage> elf =
          content instanceof Outcome.Ok<ByteBuffer> ok
              ? ElfImage.parse(o, ok.value())
              : Outcome.failed(((Outcome.Failed<ByteBuffer>) content).error());
      if (elf instanceof Outcome.Failed<ElfImage> f) {
        if (!(content instanceof Outcome.Failed<?>) || !isEmptyFile(o)) {
          log.warning(f.error().message());
        }
        needs.put(o, List.of());
        continue;
      }
      ModuleSymbols symbols = new ModuleSymbols(o, ((Outcome.Ok<ElfImage>) elf).value());
      for (String s : symbols.exportedLegacy()) {
        exporter.putIfAbsent(s, o);
      }
      List<String> needed = new ArrayList<>();
      for (Symbol s : symbols.needed().orElse(List.of())) {
        needed.add(s.name());
      }
      needs.put(o, needed);
    }
    StringBuilder sb = new StringBuilder();
    for (Path o : objects) {
      Set<String> deps = new LinkedHashSet<>();
      for (String s : needs.get(o)) {
        Path owner = exporter.get(s);
        if (owner != null && !owner.equals(o)) {
          deps.add(owner.toString());
        }
      }
      sb.append(o).append(':');
      if (!deps.isEmpty()) {
        sb.append(' ').append(String.join(" \\\n\t", deps));
      }
      sb.append("\n\n");
    }
    return sb.toString();
  }

  private static boolean isEmptyFile(Path o) {
    try {
      return Files.size(o) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private void find(Path d, List<Path> into) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
      s.forEach(entries::add);
    } catch (IOException e) {
      log.error("could not open directory " + d + ": " + e.getMessage());
      return;
    }
    entries.sort(null);
    for (Path p : entries) {
      String name = String.valueOf(p.getFileName());
      if (Files.isDirectory(p)) {
        if (!name.equals("build") && !name.equals("source")) {
          find(p, into);
        }
      } else if (name.endsWith(".o") && Files.isRegularFile(p)) {
        into.add(p);
      }
    }
  }
}
