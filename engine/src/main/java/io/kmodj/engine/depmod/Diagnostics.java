package io.kmodj.engine.depmod;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings and errors of a depmod run, worded as kmod's ({@code depmod: ERROR: …}), kept as
 * values; the command prints them.
 */
public final class Diagnostics {
  /**
   * One message.
   *
   * @param error true for an error, false for a warning
   * @param text the text, without kmod's prefix
   */
  public record Message(boolean error, String text) {
    /**
     * Returns the line kmod prints on standard error.
     *
     * @return {@code depmod: ERROR: TEXT} or {@code depmod: WARNING: TEXT}
     */
    public String line() {
      return "depmod: " + (error ? "ERROR: " : "WARNING: ") + text;
    }
  }

  private final List<Message> messages = new ArrayList<>();

  /**
   * Records an error.
   *
   * @param text the text
   */
  public void error(String text) {
    messages.add(new Message(true, text));
  }

  /**
   * Records a warning.
   *
   * @param text the text
   */
  public void warning(String text) {
    messages.add(new Message(false, text));
  }

  /**
   * Returns the messages so far.
   *
   * @return the messages in order
   */
  public List<Message> messages() {
    return List.copyOf(messages);
  }
}
