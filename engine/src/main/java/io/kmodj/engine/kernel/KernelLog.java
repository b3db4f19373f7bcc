package io.kmodj.engine.kernel;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The kernel log: a ring buffer of the last {@link #CAPACITY} lines, each with its level and its
 * time since boot, as dmesg prints them. Thread-safe: every method holds the log's monitor.
 */
public final class KernelLog {
  /** Lines kept; older ones drop off, as the kernel's ring buffer overwrites. */
  public static final int CAPACITY = 1024;

  /** The kernel's log levels (KERN_EMERG is 0). */
  public enum Level {
    EMERG,
    ALERT,
    CRIT,
    ERR,
    WARNING,
    NOTICE,
    INFO,
    DEBUG
  }

  /**
   * One line of the log.
   *
   * @param seq its sequence number, from 0 at boot
   * @param micros microseconds since boot
   * @param level its level
   * @param text the message
   */
  public record Line(long seq, long micros, Level level, String text) {
    public Line {
      Objects.requireNonNull(level);
      Objects.requireNonNull(text);
    }

    /** The line as dmesg prints it: {@code [ 1.234567] text}. */
    public String formatted() {
      return String.format(
          Locale.ROOT, "[%5d.%06d] %s", micros / 1_000_000, micros % 1_000_000, text);
    }
  }

  private final Clock clock;
  private final long bootMillis;
  private final Deque<Line> lines = new ArrayDeque<>();
  private long next;

  /**
   * A log.
   *
   * @param clock the wall clock
   * @param bootMillis when the kernel booted, in epoch milliseconds
   * @param previous lines kept from before (oldest first)
   */
  public KernelLog(Clock clock, long bootMillis, List<Line> previous) {
    this.clock = Objects.requireNonNull(clock);
    this.bootMillis = bootMillis;
    for (Line l : previous) {
      lines.addLast(l);
      next = l.seq() + 1;
    }
    while (lines.size() > CAPACITY) {
      lines.removeFirst();
    }
  }

  /** When the kernel booted, in epoch milliseconds. */
  public long bootMillis() {
    return bootMillis;
  }

  /**
   * Appends a line.
   *
   * @param level its level
   * @param text the message
   * @return the line
   */
  public synchronized Line log(Level level, String text) {
    long micros = Math.max(0, (clock.millis() - bootMillis) * 1000);
    Line l = new Line(next++, micros, level, text);
    lines.addLast(l);
    if (lines.size() > CAPACITY) {
      lines.removeFirst();
    }
    return l;
  }

  /** The lines kept, oldest first. */
  public synchronized List<Line> lines() {
    return List.copyOf(new ArrayList<>(lines));
  }

  /** Empties the log (dmesg -c). */
  public synchronized void clear() {
    lines.clear();
  }
}
