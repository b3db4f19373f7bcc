package io.kmodj.engine.elf;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value read from a module file, or the reason it could not be read.
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> permits Outcome.Ok, Outcome.Failed {
  /**
   * A value that was read.
   *
   * @param value the value
   * @param <T> its type
   */
  record Ok<T>(T value) implements Outcome<T> {
    /** Checks the value. */
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A failure to read.
   *
   * @param error why
   * @param <T> the type that would have been read
   */
  record Failed<T>(ModuleError error) implements Outcome<T> {
    /** Checks the error. */
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Wraps a value.
   *
   * @param value the value
   * @param <T> its type
   * @return the outcome
   */
  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  /**
   * Wraps an error.
   *
   * @param error the error
   * @param <T> the type that would have been read
   * @return the outcome
   */
  static <T> Outcome<T> failed(ModuleError error) {
    return new Failed<>(error);
  }

  /**
   * Returns the value, or {@code fallback} after a failure.
   *
   * @param fallback the value to use after a failure
   * @return the value or the fallback
   */
  default T orElse(T fallback) {
    return this instanceof Ok<T> ok ? ok.value() : fallback;
  }

  /**
   * Transforms the value, keeping a failure as it is.
   *
   * @param f the transformation
   * @param <R> the new type
   * @return the transformed outcome
   */
  default <R> Outcome<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    return new Failed<>(((Failed<T>) this).error());
  }
}
