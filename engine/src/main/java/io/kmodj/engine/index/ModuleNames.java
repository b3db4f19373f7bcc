package io.kmodj.engine.index;

import java.util.Optional;

/**
 * kmod's name normalisations: {@code -} and {@code _} are the same in module names, except inside a
 * bracket expression of a pattern ({@code [0-9]}), and a module's name is its file name up to the
 * first dot.
 */
public final class ModuleNames {
  private ModuleNames() {}

  /**
   * kmod's {@code underscores()} for names in configuration: dashes become underscores outside
   * brackets; a {@code ]} without a {@code [}, or a {@code [} never closed, makes the name bad.
   *
   * @param name the name as written
   * @return the normalised name, or empty when kmod rejects it
   */
  public static Optional<String> underscores(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-') {
        sb.append('_');
      } else if (c == ']') {
        return Optional.empty();
      } else if (c == '[') {
        int close = name.indexOf(']', i);
        if (close < 0) {
          return Optional.empty();
        }
        sb.append(name, i, close + 1);
        i = close;
      } else {
        sb.append(c);
      }
    }
    return Optional.of(sb.toString());
  }

  /**
   * kmod's {@code alias_normalize()} for a name looked up or an alias written by depmod; the same
   * rules as {@link #underscores(String)}.
   *
   * @param alias the alias
   * @return the normalised alias, or empty when its brackets do not pair
   */
  public static Optional<String> normalizeAlias(String alias) {
    return underscores(alias);
  }

  /**
   * kmod's {@code modname_normalize()}: dashes become underscores and the name ends at the first
   * dot.
   *
   * @param name a module name or file name
   * @return the module name
   */
  public static String normalizeModuleName(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        break;
      }
      sb.append(c == '-' ? '_' : c);
    }
    return sb.toString();
  }

  /**
   * The module name of a path: its base name, normalised ({@code kernel/fs/ext4/ext4.ko} is {@code
   * ext4}, {@code intel-uncore.ko} is {@code intel_uncore}).
   *
   * @param path a module path
   * @return the module name
   */
  public static String fromPath(String path) {
    int slash = path.lastIndexOf('/');
    return normalizeModuleName(path.substring(slash + 1));
  }
}
