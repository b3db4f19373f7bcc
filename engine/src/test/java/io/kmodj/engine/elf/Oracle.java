package io.kmodj.engine.elf;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;

/**
 * The real kmod 30 tools as the oracle of differential tests. When they are missing, a test fails
 * under CI (CI=true) and is skipped with a message elsewhere.
 */
public final class Oracle {
  /**
   * What a command printed and returned.
   *
   * @param stdout standard output, one char per byte
   * @param stderr standard error, one char per byte
   * @param exitCode the exit code
   */
  public record Run(String stdout, String stderr, int exitCode) {}

  private Oracle() {}

  /**
   * Tells whether CI=true is set, where a missing oracle or tree must fail the build.
   *
   * @return true under CI
   */
  public static boolean underCi() {
    return "true".equals(System.getenv("CI"));
  }

  /**
   * Fails under CI, skips otherwise.
   *
   * @param why what is missing
   */
  public static void unavailable(String why) {
    if (underCi()) {
      fail(why + " (CI=true: the differential tests must run)");
    }
    Assumptions.abort(why + "; skipping (set CI=true to make this a failure)");
  }

  /** Makes sure kmod's modinfo and depmod are installed, as the real-tree script does. */
  public static void requireKmod() {
    if (!installed()) {
      try {
        run(List.of("sh", "-c", "apt-get update -qq && apt-get install -y -qq kmod"), null);
      } catch (UncheckedIOException e) {
        // no apt-get: reported below
      }
    }
    if (!installed()) {
      unavailable("kmod's modinfo/depmod are not installed and could not be installed");
    }
  }

  private static boolean installed() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, "modinfo"))
          && Files.isExecutable(Path.of(dir, "depmod"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command.
   *
   * @param command the command and its arguments
   * @param dir the working directory, null for the current one
   * @return what it printed and returned
   */
  public static Run run(List<String> command, Path dir) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().put("PATH", "/usr/sbin:/sbin:/usr/bin:/bin:" + System.getenv("PATH"));
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      byte[] out = drain(p.getInputStream());
      int code = p.waitFor();
      return new Run(latin1(out), latin1(err.join()), code);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs kmodj's modinfo in this JVM.
   *
   * @param dir the module directory names are looked up in
   * @param options what to print
   * @param args the arguments
   * @return what it printed and returned
   */
  public static Run kmodjModinfo(ModuleDirectory dir, Modinfo.Options options, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Modinfo(dir, options, out, err).run(args);
    return new Run(latin1(out.toByteArray()), latin1(err.toByteArray()), code);
  }

  private static byte[] drain(InputStream in) {
    try (InputStream s = in) {
      return s.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
