package io.kmodj.engine.kernel;

import io.kmodj.engine.index.KernelRelease;
import java.util.List;
import java.util.Objects;

/**
 * The system the simulated kernel was booted on: where its module tree and configuration are.
 *
 * @param root the root directory ({@code -d}); empty for {@code /}
 * @param release the kernel release ({@code -S}, {@code uname -r})
 * @param dialect the configuration dialect, {@code kmod} or {@code modutils}
 * @param config configuration files or directories ({@code -C}); empty for the dialect's defaults
 */
public record SystemImage(String root, String release, String dialect, List<String> config) {
  public SystemImage {
    Objects.requireNonNull(root);
    Objects.requireNonNull(release);
    Objects.requireNonNull(dialect);
    config = List.copyOf(config);
  }

  /** The machine's own tree: {@code /lib/modules/$(uname -r)}, kmod's configuration. */
  public static SystemImage machine() {
    return new SystemImage("", System.getProperty("os.version"), "kmod", List.of());
  }

  /**
   * True for a kernel with the 2.0 to 2.4 module interface (releases before 2.5.48): see {@link
   * KernelRelease#oldModuleInterface}.
   */
  public boolean oldModuleInterface() {
    return KernelRelease.oldModuleInterface(release);
  }

  /** True when the kernel has /proc/sys/kernel/tainted: see {@link KernelRelease#hasTaintFile}. */
  public boolean hasTaintFile() {
    return KernelRelease.hasTaintFile(release);
  }

  /** The module directory as kmod names it: {@code ROOT/lib/modules/RELEASE}. */
  public String moduleDirectory() {
    return root + "/lib/modules/" + release;
  }

  /** The modprobe options that point a modprobe at this system ({@code -d -S -C --dialect}). */
  public List<String> modprobeOptions() {
    List<String> o = new java.util.ArrayList<>();
    if (!root.isEmpty()) {
      o.add("-d");
      o.add(root);
    }
    o.add("-S");
    o.add(release);
    for (String c : config) {
      o.add("-C");
      o.add(c);
    }
    o.add("--dialect");
    o.add(dialect);
    return List.copyOf(o);
  }
}
