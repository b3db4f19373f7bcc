package io.kmodj.engine.diff;

import java.util.List;
import java.util.Objects;

/**
 * A change between two configurations: lines of one kind (aliases, options, ...) that only the old
 * one has, only the new one has, or that the new one has in place of the old one's. Lines are
 * compared by what they say, not by where they are, so moving a line to another file or line is no
 * change; order counts where kmod's first match or its concatenation does.
 *
 * @param kind added, removed or changed
 * @param before the old configuration's lines (empty when added)
 * @param after the new configuration's lines (empty when removed)
 */
public record ConfigChange(Kind kind, List<ConfigLine> before, List<ConfigLine> after) {
  public ConfigChange {
    Objects.requireNonNull(kind);
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  /** What happened to the lines. */
  public enum Kind {
    /** Lines only the new configuration has. */
    ADDED,
    /** Lines only the old configuration has. */
    REMOVED,
    /** Lines the new configuration has instead of the old one's. */
    CHANGED;

    /** The word used in output ({@code added}). */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
