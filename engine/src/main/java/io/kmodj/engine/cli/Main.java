package io.kmodj.engine.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Entry point of the command line. */
public final class Main {
  private Main() {}

  /**
   * Runs kmodj with the given arguments and exits with its exit code. Standard output is buffered
   * (a {@code -c} dump is thousands of lines) and flushed before exiting.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintStream out =
        new Latin1PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    int code = run(out, System.err, args);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs kmodj with the given arguments on the process's streams.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    return run(System.out, System.err, args);
  }

  /**
   * Runs kmodj with the given arguments, writing to the given streams: the in-process entry point
   * the tests use.
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit code
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    Optional<ModprobeCommand> plain = ModprobeArguments.parse(args);
    if (plain.isPresent()) {
      // a plain modprobe command line: run it as picocli would, without building its model
      ModprobeCommand c = plain.get();
      c.parent = new KmodjCommand(out, err);
      return runPlain(c, out, err);
    }
    Optional<DepmodCommand> depmod = DepmodArguments.parse(args);
    if (depmod.isPresent()) {
      // likewise a plain depmod command line (picocli's classes are not loaded at all)
      return runPlain(depmod.get(), out, err);
    }
    CommandLine cl = new CommandLine(new KmodjCommand(out, err));
    KmodjCommand.addSubcommands(cl, args);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.ISO_8859_1));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.ISO_8859_1));
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, err));
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int runPlain(Callable<Integer> c, PrintStream out, PrintStream err) {
    int code;
    try {
      code = c.call();
    } catch (Exception e) {
      code = failure(e, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  /** The exit status of a process killed by SIGPIPE, as a shell reports it. */
  static final int BROKEN_PIPE = 141;

  /**
   * What a command that failed unexpectedly prints and returns: never a stack trace (unless {@code
   * KMODJ_DEBUG} is set). A reader that went away ({@code kmodj ... | head}) ends the command
   * quietly, as SIGPIPE ends kmod's tools.
   *
   * @param ex what the command threw
   * @param err standard error
   * @return the exit code
   */
  static int failure(Exception ex, PrintStream err) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException
          && String.valueOf(t.getMessage()).contains("Broken pipe")) {
        return BROKEN_PIPE;
      }
    }
    err.println("kmodj: ERROR: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
    if (System.getenv("KMODJ_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return 1;
  }
}
