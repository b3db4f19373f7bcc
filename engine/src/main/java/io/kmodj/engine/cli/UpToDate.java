package io.kmodj.engine.cli;

import io.kmodj.engine.elf.KernelModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** depmod -A: is modules.dep newer than (or as new as) every module of the tree. */
final class UpToDate {
  private UpToDate() {}

  /**
   * Tells whether depmod -A may skip its work, as kmod's {@code depfile_up_to_date}.
   *
   * @param dir the module directory
   * @return true when no module is newer than modules.dep; false when one is, or without
   *     modules.dep
   */
  static boolean check(Path dir) {
    try {
      FileTime dep = Files.getLastModifiedTime(dir.resolve("modules.dep"));
      long depSeconds = dep.toMillis() / 1000;
      return walk(dir, depSeconds);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean walk(Path dir, long depSeconds) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String name = String.valueOf(p.getFileName());
        if (name.equals("build") || name.equals("source")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          if (!walk(p, depSeconds)) {
            return false;
          }
        } else if (KernelModule.hasModuleExtension(name)
            && Files.getLastModifiedTime(p).toMillis() / 1000 > depSeconds) {
          return false;
        }
      }
    }
    return true;
  }
}
