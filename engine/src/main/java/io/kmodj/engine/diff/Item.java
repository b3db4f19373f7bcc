package io.kmodj.engine.diff;

import io.kmodj.engine.config.Origin;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a configuration as the diff compares it.
 *
 * @param kind the entry's kind, which orders and separates the comparison ({@code alias})
 * @param text what it says, as {@code -c} prints it; equal texts are the same entry
 * @param origin where it was written
 * @param name the name or pattern it is about
 * @param names further names it makes matter: an alias's module, a softdep's or below/above list
 */
record Item(String kind, String text, Origin origin, String name, List<String> names) {
  Item {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(text);
    Objects.requireNonNull(origin);
    Objects.requireNonNull(name);
    names = List.copyOf(names);
  }

  ConfigLine line() {
    return new ConfigLine(origin, text);
  }
}
