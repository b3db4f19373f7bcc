package io.kmodj.gui.model;

import java.util.concurrent.ThreadFactory;

/** The threads the application's background work runs on. */
public final class Workers {
  private Workers() {}

  /**
   * Threads of one name that never keep the application alive: a pane's work is dropped with the
   * window, whatever it was doing.
   *
   * @param name the threads' name, as a thread dump shows it
   * @return the factory
   */
  public static ThreadFactory daemon(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    };
  }
}
