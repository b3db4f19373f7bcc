package io.kmodj.gui.log;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the application did: files opened, saved and reloaded, background work started, finished or
 * failed with its error. Entries may be added from any thread; the list changes on the FX thread
 * (through the executor given), holding the newest {@value #LIMIT} entries.
 */
public final class AppLog {
  /** How many entries are kept. */
  public static final int LIMIT = 2000;

  /** How much an entry matters. */
  public enum Level {
    /** Something the application did. */
    INFO,
    /** Something that failed. */
    ERROR;

    /** The level in lower case, as rows and style classes show it. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One thing that happened.
   *
   * @param time when
   * @param level how much it matters
   * @param message what, in a sentence
   */
  public record Entry(Instant time, Level level, String message) {
    public Entry {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
    }
  }

  private final Executor fx;
  private final Clock clock;
  private final ObservableList<Entry> entries = FXCollections.observableArrayList();

  /**
   * An empty log.
   *
   * @param fx runs the list's changes on the FX thread ({@code Platform::runLater})
   */
  public AppLog(Executor fx) {
    this(fx, Clock.systemUTC());
  }

  AppLog(Executor fx, Clock clock) {
    this.fx = Objects.requireNonNull(fx, "fx");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The entries, oldest first; read on the FX thread. */
  public ObservableList<Entry> entries() {
    return entries;
  }

  /**
   * Logs something the application did.
   *
   * @param message what
   */
  public void info(String message) {
    add(Level.INFO, message);
  }

  /**
   * Logs a failure.
   *
   * @param message what failed
   */
  public void error(String message) {
    add(Level.ERROR, message);
  }

  /**
   * Logs a background task's failure with its error: {@code graph layout failed:
   * StackOverflowError: …}.
   *
   * @param task the task
   * @param failure why it failed
   */
  public void failed(String task, Throwable failure) {
    add(Level.ERROR, task + " failed: " + describe(failure));
  }

  /** An error as one line: its class's simple name and its message, and its cause's. */
  static String describe(Throwable t) {
    StringBuilder s = new StringBuilder(t.getClass().getSimpleName());
    if (t.getMessage() != null) {
      s.append(": ").append(t.getMessage());
    }
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      s.append(" (caused by ").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        s.append(": ").append(cause.getMessage());
      }
      s.append(')');
    }
    return s.toString();
  }

  private void add(Level level, String message) {
    Entry e = new Entry(clock.instant(), level, message);
    fx.execute(
        () -> {
          entries.add(e);
          if (entries.size() > LIMIT) {
            entries.remove(0, entries.size() - LIMIT);
          }
        });
  }
}
