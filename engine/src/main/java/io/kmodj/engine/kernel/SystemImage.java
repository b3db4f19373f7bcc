package io.kmodj.engine.kernel;

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
   * True for a kernel with the 2.0 to 2.4 module interface (releases before 2.5.48, which brought
   * the module loader kmod and module-init-tools read): its {@code /proc/modules} shows use counts
   * without the modules that hold a module, the autoclean flags, and the referring modules in
   * brackets, as modutils' lsmod prints them.
   */
  public boolean oldModuleInterface() {
    int[] v = releaseNumbers();
    return v[0] < 2 || (v[0] == 2 && (v[1] < 5 || (v[1] == 5 && v[2] < 48)));
  }

  /**
   * True when the kernel has {@code /proc/sys/kernel/tainted} (2.4.10 and later, with the module
   * licences), so that modutils' lsmod prints the taint state after its header.
   */
  public boolean hasTaintFile() {
    int[] v = releaseNumbers();
    return v[0] > 2 || (v[0] == 2 && (v[1] > 4 || (v[1] == 4 && v[2] >= 10)));
  }

  /** The release's first three numbers ({@code 2.4.27-pre1} gives 2, 4, 27), missing ones 0. */
  private int[] releaseNumbers() {
    int[] v = new int[3];
    int i = 0;
    int at = 0;
    while (i < 3 && at < release.length()) {
      int start = at;
      while (at < release.length() && Character.isDigit(release.charAt(at)) && at - start < 9) {
        at++;
      }
      if (at == start) {
        break;
      }
      v[i++] = Integer.parseInt(release, start, at, 10);
      if (at >= release.length() || release.charAt(at) != '.') {
        break;
      }
      at++;
    }
    return v;
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
