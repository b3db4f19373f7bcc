package io.kmodj.engine.elf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What kmod reads from one module file. Each part is an outcome of its own, since kmod goes on when
 * one fails (a module without {@code __ksymtab_strings} exports nothing but still has aliases).
 *
 * @param file the file
 * @param name the module name derived from the file name
 * @param info the {@code .modinfo} entries, then the signature's; ENOENT without {@code .modinfo}
 * @param exported the exported symbols
 * @param needed the needed symbols
 * @param signature the appended signature, if kmod accepts it
 */
public record KernelModule(
    Path file,
    String name,
    Outcome<List<ModinfoEntry>> info,
    Outcome<List<Symbol>> exported,
    Outcome<List<Symbol>> needed,
    Optional<ModuleSignature> signature) {
  /** Checks the fields. */
  public KernelModule {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(exported, "exported");
    Objects.requireNonNull(needed, "needed");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * Derives a module name from a path as kmod's {@code path_to_modname}: the file name up to its
   * first dot, with dashes made underscores.
   *
   * @param file the path
   * @return the module name
   */
  public static String nameOf(Path file) {
    return nameOf(file.toString());
  }

  /**
   * Derives a module name from a path spelt as a string (see {@link #nameOf(Path)}).
   *
   * @param path the path
   * @return the module name
   */
  public static String nameOf(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    int dot = base.indexOf('.');
    if (dot >= 0) {
      base = base.substring(0, dot);
    }
    return base.replace('-', '_');
  }

  /**
   * Tells whether a file name ends as kmod's modules do ({@code .ko}, {@code .ko.gz}, {@code
   * .ko.xz}, {@code .ko.zst}).
   *
   * @param fileName the name
   * @return true for a module file name
   */
  public static boolean hasModuleExtension(String fileName) {
    return fileName.endsWith(".ko")
        || fileName.endsWith(".ko.gz")
        || fileName.endsWith(".ko.xz")
        || fileName.endsWith(".ko.zst");
  }
}
