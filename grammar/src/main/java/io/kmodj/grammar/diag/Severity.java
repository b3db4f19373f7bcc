package io.kmodj.grammar.diag;

/** How bad a diagnostic is. kmod logs bad lines as errors and goes on; so does kmodj. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case word used in text output ("error", "warning", "info"). */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
