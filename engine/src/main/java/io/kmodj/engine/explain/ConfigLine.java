package io.kmodj.engine.explain;

import io.kmodj.engine.config.Origin;
import java.util.Objects;

/**
 * A configuration line that concerns the name explained or a module of its plan.
 *
 * @param origin its file and line
 * @param directive the directive ({@code alias}, {@code options}, {@code install}, …)
 * @param text the line as the configuration reads it (names normalised)
 * @param applied whether it changed the lookup or the plan
 * @param reason what it did, or why it did nothing (a hidden file, an earlier line won, blacklist
 *     applies only to alias lookups, a softdep disables install, a false {@code if})
 */
public record ConfigLine(
    Origin origin, String directive, String text, boolean applied, String reason) {
  public ConfigLine {
    Objects.requireNonNull(origin);
    Objects.requireNonNull(directive);
    Objects.requireNonNull(text);
    Objects.requireNonNull(reason);
  }
}
