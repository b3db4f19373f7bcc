package io.kmodj.engine.kmodthread;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a helper program for the kmod thread and waits for it: an external program ({@link
 * ProcessLauncher}), or kmodj's own modprobe in process.
 */
@FunctionalInterface
public interface HelperLauncher {

  /**
   * Runs a program and waits at most {@code timeout} for it.
   *
   * @param argv the program and its arguments (never a shell command line)
   * @param env the whole environment it gets
   * @param timeout how long it may run
   * @return how it ended
   */
  HelperResult run(List<String> argv, Map<String, String> env, Duration timeout);
}
