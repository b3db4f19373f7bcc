package io.kmodj.engine.diff;

import java.util.List;

/**
 * What {@link PlanDiff} found.
 *
 * @param changes every configuration change, in file and line order
 * @param groups the changes that change some plan, each with its lookups
 * @param lookups every lookup whose plan changed, sorted by name
 * @param compared how many lookups there are (module names, alias strings, names the configurations
 *     mention)
 * @param replanned how many were planned under both configurations (all of them when exhaustive)
 */
public record DiffResult(
    List<ConfigChange> changes,
    List<ChangeGroup> groups,
    List<LookupChange> lookups,
    int compared,
    int replanned) {
  public DiffResult {
    changes = List.copyOf(changes);
    groups = List.copyOf(groups);
    lookups = List.copyOf(lookups);
  }

  /** Whether some plan changed. */
  public boolean changed() {
    return !lookups.isEmpty();
  }
}
