package io.kmodj.engine.config;

import java.util.Objects;

/**
 * A problem found while reading the configuration: kmod logs it and goes on.
 *
 * @param origin where it is
 * @param code a stable kind ({@code bad-line}, {@code deprecated}, {@code bad-cmdline-option},
 *     {@code nested-directory})
 * @param text the message in kmod's words, position included ({@code FILE line N: ignoring bad line
 *     starting with 'X'})
 */
public record ConfigMessage(Origin origin, String code, String text) {
  public ConfigMessage {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
  }
}
