package io.kmodj.engine.explain;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.plan.LookupStep;
import java.util.List;
import java.util.Objects;

/**
 * One step of a lookup: a source consulted (kmod) or a rule applied (modutils), and what it gave.
 *
 * @param source the source or rule ({@code config-alias}, {@code module-name}, … for kmod; {@code
 *     alias}, {@code probe}, {@code probeall}, {@code modules-dep}, {@code wildcard-alias}, … for
 *     modutils)
 * @param title the source as people read it
 * @param consulted false when it was skipped without being asked
 * @param answered whether the lookup stopped here with an answer (for modutils an {@code off} alias
 *     answers with nothing to load)
 * @param modules the names it answered with; empty when it knew nothing
 * @param lines the configuration lines that answered
 * @param detail what was searched and what came of it
 */
public record Resolution(
    String source,
    String title,
    boolean consulted,
    boolean answered,
    List<String> modules,
    List<Origin> lines,
    String detail) {
  public Resolution {
    Objects.requireNonNull(source);
    Objects.requireNonNull(title);
    modules = List.copyOf(modules);
    lines = List.copyOf(lines);
    Objects.requireNonNull(detail);
  }

  /** A kmod lookup step. */
  static Resolution of(LookupStep s) {
    return new Resolution(
        s.source().id(),
        s.source().title(),
        s.consulted(),
        s.answered(),
        s.modules(),
        s.lines(),
        s.detail());
  }
}
