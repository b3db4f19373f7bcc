package io.kmodj.engine.kmodthread;

import io.kmodj.engine.kernel.Errno;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program as the kernel's usermode helper does: an argv array (never a shell),
 * exactly the environment given, an external program started in {@code /}, no input, output
 * discarded; a program still running at the timeout is killed with its children. A prefix can be
 * put before the program's argv: kmodj's launcher as a separate process is {@code java -cp CP Main
 * --state DIR modprobe ...}.
 */
public final class ProcessLauncher implements HelperLauncher {
  private final List<String> prefix;

  /** Runs argv as given. */
  public ProcessLauncher() {
    this(List.of());
  }

  /**
   * Runs {@code prefix} followed by the arguments of argv (argv's program replaced by the prefix).
   *
   * @param prefix the command that stands for the program
   */
  public ProcessLauncher(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  @Override
  public HelperResult run(List<String> argv, Map<String, String> env, Duration timeout) {
    List<String> command = new ArrayList<>();
    if (prefix.isEmpty()) {
      command.addAll(argv);
    } else {
      command.addAll(prefix);
      command.addAll(argv.subList(1, argv.size()));
    }
    String program = command.get(0);
    if (prefix.isEmpty()) {
      Path p = Path.of(program);
      if (!p.isAbsolute()) {
        return failed(Errno.ENOENT, program + " is not an absolute path");
      }
      if (!Files.exists(p)) {
        return failed(Errno.ENOENT, program + " does not exist");
      }
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        return failed(Errno.EACCES, program + " is not an executable file");
      }
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    if (prefix.isEmpty()) {
      // the kernel's helpers start in the root directory (kmodj's own keeps its paths' base)
      pb.directory(new File("/"));
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      // exec failed: a bad interpreter line, a binary for another machine
      return failed(Errno.ENOEXEC, String.valueOf(e.getMessage()));
    }
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return HelperResult.exited(process.exitValue());
      }
      kill(process);
      return new HelperResult(
          HelperResult.Outcome.TIMED_OUT, -1, 0, "killed after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      return new HelperResult(HelperResult.Outcome.INTERRUPTED, -1, 0, "interrupted");
    }
  }

  private static HelperResult failed(int errno, String detail) {
    return new HelperResult(HelperResult.Outcome.EXEC_FAILED, -1, errno, detail);
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      // SIGKILL cannot be ignored; the wait only reaps the process
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
