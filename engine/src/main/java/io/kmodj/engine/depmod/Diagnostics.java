package io.kmodj.engine.depmod;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings and errors of a depmod run, worded as kmod's ({@code depmod: ERROR: …}), kept as
 * values; the command prints them.
 */
public final class Diagnostics {
  /** How bad a message is, with kmod's word for it. */
  public enum Level {
    /** depmod goes on. */
    WARNING,
    /** Something was skipped. */
    ERROR,
    /** depmod stops (kmod's CRIT). */
    FATAL
  }

  /**
   * One message.
   *
   * @param level how bad
   * @param text the text, without kmod's prefix
   */
  public record Message(Level level, String text) {
    /**
     * Returns the line kmod prints on standard error.
     *
     * @return {@code depmod: LEVEL: TEXT}
     */
    public String line() {
      return "depmod: " + level + ": " + text;
    }
  }

  private final List<Message> messages = new ArrayList<>();

  /**
   * Records an error.
   *
   * @param text the text
   */
  public void error(String text) {
    messages.add(new Message(Level.ERROR, text));
  }

  /**
   * Records a fatal error.
   *
   * @param text the text
   */
  public void fatal(String text) {
    messages.add(new Message(Level.FATAL, text));
  }

  /**
   * Records a warning.
   *
   * @param text the text
   */
  public void warning(String text) {
    messages.add(new Message(Level.WARNING, text));
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
