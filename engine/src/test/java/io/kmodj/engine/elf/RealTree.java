package io.kmodj.engine.elf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's cloud kernel module tree, fetched once by {@code src/test/scripts/real-kernel-tree.sh}
 * into {@code ~/.cache/kmodj/realtree} (or {@code $KMODJ_CACHE/realtree}) and indexed there by the
 * real depmod. {@code KMODJ_TREE_FLAVOUR=full} takes the full kernel (about 4,000 signed modules)
 * instead, for a longer run.
 */
public final class RealTree {
  private static Path moduleDir;

  private RealTree() {}

  /**
   * Returns the module directory, fetching the tree on first use; fails under CI or skips when it
   * cannot be fetched.
   *
   * @return {@code DEST/lib/modules/VERSION}
   */
  public static synchronized Path moduleDir() {
    if (moduleDir != null) {
      return moduleDir;
    }
    Oracle.requireKmod();
    String flavour = "full".equals(System.getenv("KMODJ_TREE_FLAVOUR")) ? "full" : "cloud";
    // one folder per flavour: the script takes any */lib/modules/*-amd64 it finds as done
    String folder = flavour.equals("full") ? "realtree-full" : "realtree";
    String cache = System.getenv("KMODJ_CACHE");
    Path dest =
        cache != null
            ? Path.of(cache, folder)
            : Path.of(System.getProperty("user.home"), ".cache", "kmodj", folder);
    Path script = Path.of("src", "test", "scripts", "real-kernel-tree.sh").toAbsolutePath();
    Oracle.Run run = Oracle.run(List.of("bash", script.toString(), dest.toString(), flavour), null);
    String[] lines = run.stdout().strip().split("\n", -1);
    Path dir = Path.of(lines[lines.length - 1].strip());
    if (run.exitCode() != 0 || !Files.isRegularFile(dir.resolve("modules.dep"))) {
      Oracle.unavailable(
          "could not fetch the real kernel tree with " + script + ": " + run.stderr().strip());
    }
    moduleDir = dir;
    return dir;
  }
}
