package io.kmodj.engine.system;

import io.kmodj.grammar.Dialect;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a module system is: what {@code -d}, {@code -S}, {@code -C} and {@code --cmdline} say.
 *
 * @param root the root directory ({@code -d}), empty for {@code /}
 * @param version the kernel version ({@code -S}), empty for the running kernel's
 * @param configPaths files or directories replacing the default configuration places ({@code -C})
 * @param cmdline a file holding the kernel command line instead of /proc/cmdline
 * @param dialectChoice the configuration dialect ({@code --dialect}), empty to choose it from the
 *     configuration paths as {@code kmodj modprobe} does
 */
public record SystemSpec(
    Optional<String> root,
    Optional<String> version,
    List<String> configPaths,
    Optional<String> cmdline,
    Optional<Dialect> dialectChoice) {
  public SystemSpec {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(version, "version");
    configPaths = List.copyOf(configPaths);
    Objects.requireNonNull(cmdline, "cmdline");
    Objects.requireNonNull(dialectChoice, "dialectChoice");
  }

  /**
   * A kmod-or-automatic spec (the dialect chosen from the configuration paths).
   *
   * @param root the root directory
   * @param version the kernel version
   * @param configPaths the configuration paths
   * @param cmdline the kernel command line file
   */
  public SystemSpec(
      Optional<String> root,
      Optional<String> version,
      List<String> configPaths,
      Optional<String> cmdline) {
    this(root, version, configPaths, cmdline, Optional.empty());
  }

  /**
   * The dialect: the one chosen, else modutils when a configuration path names a modules.conf or
   * conf.modules, else kmod.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    if (dialectChoice.isPresent()) {
      return dialectChoice.get();
    }
    for (String c : configPaths) {
      if (Dialect.forFileName(c) == Dialect.MODUTILS) {
        return Dialect.MODUTILS;
      }
    }
    return Dialect.KMOD;
  }

  /** The kernel command line file kmod reads when none is given. */
  public static final String PROC_CMDLINE = "/proc/cmdline";

  /**
   * The module directory as kmod finds it: {@code ROOT/lib/modules/VERSION} when {@code -d} or
   * {@code -S} is given, made absolute from the working directory; else {@code
   * /lib/modules/RUNNING}.
   *
   * @return the directory
   */
  public String moduleDirectory() {
    String release = System.getProperty("os.version");
    String dir;
    if (root.isPresent() || version.isPresent()) {
      dir = root.orElse("") + "/lib/modules/" + version.orElse(release);
    } else {
      dir = "/lib/modules/" + release;
    }
    if (!dir.startsWith("/")) {
      dir = java.nio.file.Path.of("").toAbsolutePath() + "/" + dir;
    }
    return dir;
  }

  /**
   * The root as modutils' modprobe prefixes it: {@code -d} made absolute, and empty for none or for
   * {@code /}.
   *
   * @return the root, without a trailing slash
   */
  public String modutilsRoot() {
    String r =
        root.map(d -> java.nio.file.Path.of(d).toAbsolutePath().normalize().toString()).orElse("");
    return r.equals("/") ? "" : r;
  }
}
