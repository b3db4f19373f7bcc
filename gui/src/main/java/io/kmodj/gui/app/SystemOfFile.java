package io.kmodj.gui.app;

import io.kmodj.engine.config.ConfigFiles;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.model.ConfigTexts;
import io.kmodj.gui.model.LoadedSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The system an opened configuration file belongs to, as {@code kmodj modprobe} would be pointed at
 * it:
 *
 * <ul>
 *   <li>a {@code modules.conf} (or {@code conf.modules}) is read alone, in the modutils dialect;
 *   <li>any other file is read with the rest of its directory (a {@code modprobe.d}), in kmod's;
 *   <li>when the file is under {@code ROOT/etc/} and {@code ROOT/lib/modules} exists, {@code ROOT}
 *       is the root ({@code -d}) and its kernel ({@code -S}) the running kernel's release if it has
 *       one there, else the last release in name order; otherwise the machine's own tree;
 *   <li>{@code --root} and {@code --kernel} on the command line ({@value #ROOT_PROPERTY}, {@value
 *       #KERNEL_PROPERTY}) choose the root and release instead.
 * </ul>
 */
final class SystemOfFile {
  /**
   * The system property {@code ./kmodj gui --root ROOT} sets: the root of every system opened,
   * instead of the one found from a file's path.
   */
  static final String ROOT_PROPERTY = "kmodj.gui.root";

  /** The system property {@code ./kmodj gui --kernel VERSION} sets: the kernel release. */
  static final String KERNEL_PROPERTY = "kmodj.gui.kernel";

  private SystemOfFile() {}

  private static Optional<String> given(String property) {
    return Optional.ofNullable(System.getProperty(property)).filter(v -> !v.isEmpty());
  }

  /**
   * A configuration file of a directory, in kmod's reading order.
   *
   * @param path the file
   * @param hiddenBy the same-named file of an earlier directory kmod reads instead, if any
   */
  record Listed(Path path, Optional<Path> hiddenBy) {}

  /**
   * The system of an opened directory and its files.
   *
   * @param spec where the system is
   * @param files its configuration files, in reading order, each hidden one after the file hiding
   *     it
   */
  record Directory(SystemSpec spec, List<Listed> files) {}

  /**
   * The system of a directory: a system root ({@code ROOT/lib/modules} exists) read as kmod reads
   * {@code ROOT/etc/modprobe.d}, {@code ROOT/run/modprobe.d}, {@code ROOT/usr/local/lib/modprobe.d}
   * and {@code ROOT/lib/modprobe.d}, or as modutils reads {@code ROOT/etc/modules.conf} when that
   * exists and {@code ROOT/etc/modprobe.d} does not; any other directory read as a modprobe.d (its
   * root found as for a file in it).
   *
   * @param dir the directory
   * @return its system and files (none when it holds no configuration file)
   */
  static Directory ofDirectory(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (given(ROOT_PROPERTY).isEmpty() && Files.isDirectory(d.resolve("lib/modules"))) {
      Optional<String> version = given(KERNEL_PROPERTY).or(() -> release(d));
      Path conf = d.resolve("etc/modules.conf");
      if (Files.isRegularFile(conf) && !Files.isDirectory(d.resolve("etc/modprobe.d"))) {
        SystemSpec spec =
            new SystemSpec(
                Optional.of(d.toString()),
                version,
                List.of(conf.toString()),
                Optional.empty(),
                Optional.of(Dialect.MODUTILS));
        return new Directory(spec, List.of(new Listed(conf, Optional.empty())));
      }
      List<String> paths = new ArrayList<>();
      for (String p : ConfigFiles.DEFAULT_PATHS) {
        paths.add(d + p);
      }
      SystemSpec spec =
          new SystemSpec(
              Optional.of(d.toString()),
              version,
              paths,
              Optional.empty(),
              Optional.of(Dialect.KMOD));
      return new Directory(spec, listed(spec));
    }
    SystemSpec spec = of(d.resolve("modprobe.conf"));
    return new Directory(spec, listed(spec));
  }

  /** A kmod system's files as kmod lists them, the module directory's modules.softdep left out. */
  private static List<Listed> listed(SystemSpec spec) {
    ConfigFiles files = new ConfigFiles(spec.moduleDirectory(), spec.configPaths());
    List<Listed> out = new ArrayList<>();
    for (ConfigFiles.ConfigFile f : files.files()) {
      if (!Files.isRegularFile(f.path()) || f.path().startsWith(Path.of(spec.moduleDirectory()))) {
        continue;
      }
      out.add(new Listed(f.path(), Optional.empty()));
      for (ConfigFiles.Hidden h : files.hidden()) {
        if (h.by().path().equals(f.path()) && Files.isRegularFile(h.file().path())) {
          out.add(new Listed(h.file().path(), Optional.of(f.path())));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The configuration files a loaded system reads, in reading order: a kmod system's as {@link
   * #ofDirectory} lists them (a hidden one after the file hiding it); a modutils system's main file
   * and then, depth first, the files its {@code include} lines name ({@link Includes}), each as the
   * system read it (an unsaved buffer's text in place of the disk's).
   *
   * @param system the system
   * @return the files, absolute and normalised, each once
   */
  static List<Path> files(LoadedSystem system) {
    Set<Path> out = new LinkedHashSet<>();
    if (system.dialect() == Dialect.MODUTILS) {
      for (String c : system.spec().configPaths()) {
        included(system, Path.of(c).toAbsolutePath().normalize(), out);
      }
    } else {
      for (Listed l : listed(system.spec())) {
        out.add(l.path().toAbsolutePath().normalize());
      }
    }
    return List.copyOf(out);
  }

  private static void included(LoadedSystem system, Path file, Set<Path> out) {
    if (!out.add(file)) {
      // read already: an include loop, which check reports
      return;
    }
    Optional<String> text = ConfigTexts.text(system, file);
    if (text.isPresent()) {
      for (Path inc : Includes.of(file, text.get())) {
        included(system, inc, out);
      }
    }
  }

  /**
   * The system of a file.
   *
   * @param file the configuration file (need not exist yet)
   * @return where the system is
   */
  static SystemSpec of(Path file) {
    Path f = file.toAbsolutePath().normalize();
    Path dir = f.getParent();
    boolean modutils = Dialect.forFileName(f.getFileName().toString()) == Dialect.MODUTILS;
    String config = modutils || dir == null ? f.toString() : dir.toString();
    Optional<Path> root = given(ROOT_PROPERTY).map(Path::of).or(() -> rootOf(f));
    Optional<String> version = given(KERNEL_PROPERTY).or(() -> root.flatMap(SystemOfFile::release));
    return new SystemSpec(
        root.map(Path::toString),
        version,
        List.of(config),
        Optional.empty(),
        Optional.of(modutils ? Dialect.MODUTILS : Dialect.KMOD));
  }

  /**
   * Whether a file is a configuration file a system is read from: a modules.conf or conf.modules,
   * or a {@code .conf} file.
   *
   * @param file the file
   * @return whether it is
   */
  static boolean isConfiguration(Path file) {
    Path name = file.getFileName();
    return name != null
        && (Dialect.forFileName(name.toString()) == Dialect.MODUTILS
            || name.toString().endsWith(".conf"));
  }

  /**
   * The simulated kernel's view of a system: the same root, release, dialect and configuration.
   *
   * @param spec the system
   * @return its image
   */
  static SystemImage image(SystemSpec spec) {
    return new SystemImage(
        spec.root().orElse(""),
        spec.version().orElse(System.getProperty("os.version")),
        spec.dialect().word(),
        spec.configPaths());
  }

  /**
   * ROOT when the file is somewhere under ROOT/etc and ROOT/lib/modules exists; never {@code /}.
   */
  private static Optional<Path> rootOf(Path f) {
    for (Path p = f.getParent(); p != null; p = p.getParent()) {
      Path fileName = p.getFileName();
      Path root = p.getParent();
      if (fileName != null
          && fileName.toString().equals("etc")
          && root != null
          && root.getParent() != null
          && Files.isDirectory(root.resolve("lib/modules"))) {
        return Optional.of(root);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> release(Path root) {
    Path modules = root.resolve("lib/modules");
    String running = System.getProperty("os.version");
    if (Files.isDirectory(modules.resolve(running))) {
      return Optional.of(running);
    }
    try (Stream<Path> s = Files.list(modules)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .max(String::compareTo);
    } catch (IOException e) {
      // an unreadable tree: let the load say what is wrong with it
      return Optional.empty();
    }
  }
}
