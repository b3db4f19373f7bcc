package io.kmodj.engine.index;

/**
 * What a kernel release string ({@code uname -r}: {@code 2.4.27}, {@code 2.5.47-ac1}, {@code
 * 6.1.0-47-amd64}) says about the module interface the kernel has. One place for the rule, so
 * depmod's output format and lsmod's table agree on where the 2.4 world ends.
 */
public final class KernelRelease {
  private KernelRelease() {}

  /**
   * True for a kernel with the 2.0 to 2.4 module interface: releases from 2.0 and before 2.5.48,
   * which brought the module loader kmod and module-init-tools read. Such a kernel loads {@code .o}
   * objects through modutils (modules.dep in its 2.4 format), and its {@code /proc/modules} shows
   * use counts, autoclean flags and referring modules in brackets. A release that does not start
   * with a number is taken as a modern one.
   *
   * @param release the release
   * @return whether it has the old interface
   */
  public static boolean oldModuleInterface(String release) {
    int[] v = numbers(release);
    if (v == null) {
      return false;
    }
    return v[0] == 2 && (v[1] < 5 || (v[1] == 5 && v[2] < 48));
  }

  /**
   * True when the kernel has {@code /proc/sys/kernel/tainted} (2.4.10 and later, with the module
   * licences), so that modutils' lsmod prints the taint state after its header.
   *
   * @param release the release
   * @return whether it has the taint file
   */
  public static boolean hasTaintFile(String release) {
    int[] v = numbers(release);
    if (v == null) {
      return true;
    }
    return v[0] > 2 || (v[0] == 2 && (v[1] > 4 || (v[1] == 4 && v[2] >= 10)));
  }

  /**
   * The release's first three numbers ({@code 2.4.27-pre1} gives 2, 4, 27), missing ones 0; null
   * when it does not start with a number.
   */
  private static int[] numbers(String release) {
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
    return i == 0 ? null : v;
  }
}
