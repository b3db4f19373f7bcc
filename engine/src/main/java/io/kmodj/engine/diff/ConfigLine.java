package io.kmodj.engine.diff;

import io.kmodj.engine.config.Origin;
import java.util.Objects;

/**
 * One configuration line as the effective configuration holds it, written as {@code modprobe -c}
 * prints it ({@code blacklist e1000e}), with where it was written.
 *
 * @param origin the file and line
 * @param text the line
 */
public record ConfigLine(Origin origin, String text) {
  public ConfigLine {
    Objects.requireNonNull(origin);
    Objects.requireNonNull(text);
  }

  /** {@code FILE:LINE: TEXT} ({@code FILE: TEXT} when there is no line). */
  public String format() {
    return (origin.line() == 0 ? origin.file() : origin.file() + ":" + origin.line()) + ": " + text;
  }
}
