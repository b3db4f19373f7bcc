package io.kmodj.engine.explain;

import io.kmodj.engine.config.Origin;
import java.util.List;
import java.util.Objects;

/**
 * One step of the plan and why it is there.
 *
 * @param action {@code insmod}, {@code install}, {@code builtin}, {@code nothing}, {@code
 *     blacklisted}, {@code already-loaded} (kmod), or for modutils also {@code pre-install}, {@code
 *     post-install}
 * @param module the module
 * @param text the line the dry run prints for it (empty when it prints none)
 * @param why what brought the step in: the name asked, a hard dependency of a module, a softdep
 *     line, below/above, an install line
 * @param lines the configuration lines behind the step (its options, install command, softdep)
 */
public record PlanStep(String action, String module, String text, String why, List<Origin> lines) {
  public PlanStep {
    Objects.requireNonNull(action);
    Objects.requireNonNull(module);
    Objects.requireNonNull(text);
    Objects.requireNonNull(why);
    lines = List.copyOf(lines);
  }
}
