package io.kmodj.gui.model;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;

/**
 * The threads the application's background work runs on, and where their failures go: a task that
 * fails, with an exception or an {@link Error}, is reported to every {@linkplain #onFailure
 * listener} (the window's Log pane), so a failure on a worker is never silent. A pane that catches
 * its task's failure to show it reports it with {@link #failed}; what escapes a task run with
 * {@code execute} reaches the thread's uncaught-exception handler, which reports it too.
 */
public final class Workers {
  private static final List<BiConsumer<String, Throwable>> LISTENERS = new CopyOnWriteArrayList<>();

  private Workers() {}

  /**
   * Threads of one name that never keep the application alive: a pane's work is dropped with the
   * window, whatever it was doing. What a task lets escape is reported to the {@linkplain
   * #onFailure listeners}, named after the thread.
   *
   * @param name the threads' name, as a thread dump shows it
   * @return the factory
   */
  public static ThreadFactory daemon(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((thread, e) -> failed(thread.getName(), e));
      return t;
    };
  }

  /**
   * Reports a background task's failure to every listener (from any thread).
   *
   * @param task what failed, as the log names it ({@code graph layout})
   * @param failure why
   */
  public static void failed(String task, Throwable failure) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(failure, "failure");
    for (BiConsumer<String, Throwable> l : LISTENERS) {
      l.accept(task, failure);
    }
  }

  /**
   * Registers a listener of background failures; it is called on the failing thread.
   *
   * @param listener told the task's name and its failure
   * @return what unregisters it
   */
  public static Runnable onFailure(BiConsumer<String, Throwable> listener) {
    Objects.requireNonNull(listener, "listener");
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }
}
