package io.kmodj.gui.outline;

import io.kmodj.grammar.Dialect;
import io.kmodj.gui.model.LoadedSystem;
import java.util.List;
import java.util.Optional;

/**
 * The effective configuration of a loaded system as a tree, whatever its dialect: modprobe.d's
 * entries across all its files ({@link KmodOutline}), or modules.conf's lines with the built-in
 * defaults layer and the {@code if} branches ({@link ModutilsOutline}). Computing one reads the
 * configuration files (modutils: reads the configuration again): call it off the FX thread.
 */
public final class Outline {
  private Outline() {}

  /**
   * The outline of a system.
   *
   * @param system the system
   * @return the groups at the top of the tree
   */
  public static List<OutlineItem> of(LoadedSystem system) {
    return system.dialect() == Dialect.MODUTILS
        ? ModutilsOutline.of(system)
        : KmodOutline.of(system);
  }

  /**
   * The first line in a tree the predicate accepts, depth first, applied lines before the others.
   *
   * @param roots the tree
   * @param accept which lines
   * @return the line
   */
  static Optional<OutlineItem> find(
      List<OutlineItem> roots, java.util.function.Predicate<OutlineItem> accept) {
    List<OutlineItem> order = new java.util.ArrayList<>();
    walk(roots, order);
    Optional<OutlineItem> any = Optional.empty();
    for (OutlineItem i : order) {
      if (accept.test(i)) {
        if (i.applied()) {
          return Optional.of(i);
        }
        if (any.isEmpty()) {
          any = Optional.of(i);
        }
      }
    }
    return any;
  }

  private static void walk(List<OutlineItem> items, List<OutlineItem> into) {
    for (OutlineItem i : items) {
      into.add(i);
      walk(i.children(), into);
    }
  }
}
