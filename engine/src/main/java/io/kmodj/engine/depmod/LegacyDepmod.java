package io.kmodj.engine.depmod;

import io.kmodj.engine.elf.ElfImage;
import io.kmodj.engine.elf.ModuleContent;
import io.kmodj.engine.elf.ModuleSymbols;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.index.KernelRelease;
import io.kmodj.engine.modutils.ModuleWalker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * modutils 2.4's depmod for a 2.4 tree of {@code .o} objects: the objects along the module paths in
 * modutils' walk order ({@link ModuleWalker}: the release directory, type 1 then type 2), each read
 * as {@code loadobj} reads it ({@link ModuleSymbols#modutils24()}), each needed symbol resolved to
 * the first object of the walk that exports it, and modules.dep written as {@code prtdepend} wrote
 * it: paths without the base directory, direct dependencies only, in the order of the needed
 * symbols, a tab before each, {@code " \\\n"} between them, a blank line after each entry. Symbols
 * no object exports (the kernel's) are left alone, as with a System.map holding them.
 */
public final class LegacyDepmod {
  // the default prune list of modutils 2.4 (what defaults.conf prunes)
  private static final List<String> PRUNE =
      List.of(
          "modules.dep",
          "modules.description",
          "modules.generic_string",
          "modules.pcimap",
          "modules.isapnpmap",
          "modules.usbmap",
          "modules.parportmap",
          "modules.ieee1394map",
          "modules.pnpbiosmap",
          "System.map",
          ".config",
          "Kerntypes",
          "build",
          "vmlinux",
          "vmlinuz",
          "bzImage",
          "zImage",
          ".rhkmvtag");

  private final String base;
  private final Path dir;
  private final Diagnostics log;

  /**
   * Prepares a run.
   *
   * @param base the base directory ({@code -b}, "" for none), taken off the written paths
   * @param dir the absolute {@code BASE/lib/modules/2.4.x} directory
   * @param log where unreadable objects are reported
   */
  public LegacyDepmod(String base, Path dir, Diagnostics log) {
    this.base = base;
    this.dir = dir;
    this.log = log;
  }

  /**
   * Tells whether a kernel version has the modutils module interface, which uses this format
   * (releases before 2.5.48: {@link KernelRelease#oldModuleInterface}).
   *
   * @param version the kernel version
   * @return true for 2.0 to 2.5.47
   */
  public static boolean isLegacy(String version) {
    return KernelRelease.oldModuleInterface(version);
  }

  /**
   * Computes modules.dep.
   *
   * @return its text
   */
  public String render() {
    List<String> objects = new ArrayList<>();
    for (String f :
        new ModuleWalker(PRUNE, Optional.empty())
            .list(List.of(dir.toString()), "*", Optional.empty())) {
      if (f.endsWith(".o") || f.endsWith(".o.gz") || f.endsWith(".mod")) {
        objects.add(f);
      }
    }
    Map<String, String> exporter = new HashMap<>();
    Map<String, List<String>> needs = new HashMap<>();
    for (String name : objects) {
      Path o = Path.of(name);
      Outcome<ByteBuffer> content = ModuleContent.load(o);
      Outcome<ElfImage> elf =
          content instanceof Outcome.Ok<ByteBuffer> ok
              ? ElfImage.parse(o, ok.value())
              : Outcome.failed(((Outcome.Failed<ByteBuffer>) content).error());
      if (elf instanceof Outcome.Failed<ElfImage> f) {
        if (!(content instanceof Outcome.Failed<?>) || !isEmptyFile(o)) {
          log.warning(f.error().message());
        }
        needs.put(name, List.of());
        continue;
      }
      ModuleSymbols.Modutils24 symbols =
          new ModuleSymbols(o, ((Outcome.Ok<ElfImage>) elf).value()).modutils24();
      for (String s : symbols.exported()) {
        exporter.putIfAbsent(s, name);
      }
      needs.put(name, symbols.needed());
    }
    StringBuilder sb = new StringBuilder();
    for (String o : objects) {
      Set<String> deps = new LinkedHashSet<>();
      for (String s : needs.get(o)) {
        String owner = exporter.get(s);
        if (owner != null && !owner.equals(o)) {
          deps.add(strip(owner));
        }
      }
      sb.append(strip(o)).append(':');
      if (!deps.isEmpty()) {
        sb.append('\t').append(String.join(" \\\n\t", deps));
      }
      sb.append("\n\n");
    }
    return sb.toString();
  }

  private String strip(String path) {
    return !base.isEmpty() && path.startsWith(base) ? path.substring(base.length()) : path;
  }

  private static boolean isEmptyFile(Path o) {
    try {
      return Files.size(o) == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
