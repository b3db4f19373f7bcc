package io.kmodj.engine.explain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a name loads what it loads.
 *
 * @param query the name as asked (module name, alias or modalias string)
 * @param dialect {@code kmod} or {@code modutils}
 * @param lookup the lookup, source by source (kmod) or rule by rule (modutils), in order
 * @param plan the plan's steps, each with the reason it is there
 * @param lines every configuration line concerning the name or a module of its plan, in reading
 *     order, hidden and unread files last
 * @param planText the plan exactly as {@code modprobe --show-depends NAME} (or modutils' {@code
 *     modprobe -n -v NAME}) prints it on standard output
 * @param exit the exit status that modprobe run ends with
 * @param messages what that run writes on standard error, one message a line
 * @param loaded with a kernel state: why the module is loaded (empty when no state was given)
 */
public record Explanation(
    String query,
    String dialect,
    List<Resolution> lookup,
    List<PlanStep> plan,
    List<ConfigLine> lines,
    String planText,
    int exit,
    List<String> messages,
    Optional<LoadReason> loaded) {
  public Explanation {
    Objects.requireNonNull(query);
    Objects.requireNonNull(dialect);
    lookup = List.copyOf(lookup);
    plan = List.copyOf(plan);
    lines = List.copyOf(lines);
    Objects.requireNonNull(planText);
    messages = List.copyOf(messages);
    Objects.requireNonNull(loaded);
  }

  /** Whether modprobe succeeds for the name: it stands for something (exit status 0). */
  public boolean found() {
    return exit == 0;
  }

  /** The same explanation with the reason a module is loaded. */
  public Explanation withLoaded(LoadReason reason) {
    return new Explanation(
        query, dialect, lookup, plan, lines, planText, exit, messages, Optional.of(reason));
  }
}
