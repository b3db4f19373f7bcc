package io.kmodj.grammar.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding about a configuration: a bad line, a semantic problem or a hint.
 *
 * @param severity how bad it is
 * @param span where it is
 * @param code a stable identifier of the kind of finding (for example {@code bad-line})
 * @param message the message, one line, no position prefix
 * @param offending the text the finding is about (may be empty)
 * @param related another place that belongs to the finding (the {@code if} an unclosed block
 *     started at), if any
 */
public record Diagnostic(
    Severity severity,
    Span span,
    String code,
    String message,
    String offending,
    Optional<Span> related) {
  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(offending, "offending");
    Objects.requireNonNull(related, "related");
  }

  /** An error without a related position. */
  public static Diagnostic error(Span span, String code, String message, String offending) {
    return new Diagnostic(Severity.ERROR, span, code, message, offending, Optional.empty());
  }

  /** A warning without a related position. */
  public static Diagnostic warning(Span span, String code, String message, String offending) {
    return new Diagnostic(Severity.WARNING, span, code, message, offending, Optional.empty());
  }

  /** The diagnostic as one line: {@code file:line:column: error: message}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(span.position()).append(": ").append(severity.word()).append(": ").append(message);
    related.ifPresent(r -> sb.append(" (see ").append(r.position()).append(')'));
    return sb.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
