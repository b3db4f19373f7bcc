package io.kmodj.engine.cli;

import picocli.CommandLine;

/** Entry point of the command line. */
public final class Main {
  private Main() {}

  /**
   * Runs kmodj with the given arguments and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs kmodj with the given arguments.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    return new CommandLine(new KmodjCommand()).execute(args);
  }
}
