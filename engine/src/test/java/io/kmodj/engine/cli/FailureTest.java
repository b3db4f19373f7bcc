package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A command that fails unexpectedly prints one line, never a stack trace. */
class FailureTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void aReaderThatWentAwayEndsTheCommandQuietly() {
    int code = Main.failure(new UncheckedIOException(new IOException("Broken pipe")), err);
    assertThat(code).isEqualTo(Main.BROKEN_PIPE);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anyOtherFailureIsOneLineAndExitOne() {
    int code = Main.failure(new IllegalStateException("index unreadable"), err);
    assertThat(code).isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("kmodj: ERROR: index unreadable" + System.lineSeparator());
  }
}
