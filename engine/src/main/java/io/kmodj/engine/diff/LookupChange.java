package io.kmodj.engine.diff;

import java.util.List;
import java.util.Objects;

/**
 * A lookup whose plan differs between two configurations. A plan is written as {@code modprobe
 * --show-depends} (modutils: {@code -n -v}) prints it, one line a step; what prints nothing is
 * written as a line starting with {@code #}: {@code # not found}, {@code # blacklisted NAME} (a
 * module found by an alias and skipped), {@code # no file for NAME}, {@code # error: ...}.
 *
 * @param lookup the name or alias string looked up
 * @param before the plan under the old configuration
 * @param after the plan under the new configuration
 */
public record LookupChange(String lookup, List<String> before, List<String> after) {
  public LookupChange {
    Objects.requireNonNull(lookup);
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
