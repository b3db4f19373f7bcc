package io.kmodj.engine.diff;

import java.util.List;
import java.util.Objects;

/**
 * A configuration change and the lookups whose plan it changes: those whose name, or a module of
 * whose plan (before or after), a changed line names (a pattern matches it), or, for an alias,
 * whose plan holds the module the alias names. A lookup can be in several groups.
 *
 * @param change the configuration change
 * @param lookups the lookups, sorted by name
 */
public record ChangeGroup(ConfigChange change, List<LookupChange> lookups) {
  public ChangeGroup {
    Objects.requireNonNull(change);
    lookups = List.copyOf(lookups);
  }
}
