package io.kmodj.engine.check;

import io.kmodj.engine.config.Origin;
import io.kmodj.grammar.diag.Severity;
import java.util.Objects;

/**
 * One thing a check found.
 *
 * @param rule the rule's stable identifier ({@code alias-target-missing})
 * @param severity how bad it is
 * @param origin where (file and line; line 0 for the kernel command line or the module tree)
 * @param message what is wrong, one line
 * @param hint how to fix it, one line (may be empty)
 */
public record Finding(Rule rule, Severity severity, Origin origin, String message, String hint) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** The order findings are reported in: by file, line and rule. */
  public static final java.util.Comparator<Finding> ORDER =
      java.util.Comparator.comparing((Finding f) -> f.origin().file())
          .thenComparingInt(f -> f.origin().line())
          .thenComparing(f -> f.rule().id());

  /** The finding as one line: {@code FILE:LINE:1: warning: message [rule]}. */
  public String format() {
    String where = origin.line() == 0 ? origin.file() : origin.file() + ":" + origin.line() + ":1";
    return where + ": " + severity.word() + ": " + message + " [" + rule.id() + "]";
  }
}
