package io.kmodj.gui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./kmodj gui}'s entry point run as its own process (the test JVM's class path, no Monocle):
 * {@code --help} prints the usage and exits 0 without starting JavaFX; with no display it says so
 * in one line and exits non-zero, without a stack trace.
 */
class GuiMainTest {
  private record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GuiMain.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("gui-out", ".txt");
    Path err = Files.createTempFile("gui-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("gui entry finished").isTrue();
    Run r =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  @Test
  void helpPrintsTheUsageAndExitsWithoutStarting() throws Exception {
    // with a display named that does not exist: starting the application would fail
    Run r = run(Map.of("DISPLAY", ":4711"), "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: kmodj gui", "CONFIG", "--root=ROOT", "--kernel=VERSION");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void noDisplayIsOneClearLineAndAFailure() throws Exception {
    Run r = run(Map.of(), "samples/modutils/etc/modules.conf");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("kmodj gui: no display (DISPLAY is not set");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void aDisplayThatCannotBeOpenedIsOneLineToo() throws Exception {
    Run r = run(Map.of("DISPLAY", ":4711"));
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("kmodj gui: cannot start the desktop: ");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void aWrongOptionIsAUsageError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    GuiMain.Start s =
        GuiMain.prepare(
            new String[] {"--kernal", "6.1"},
            Map.of("DISPLAY", ":0"),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(s.launch()).isEmpty();
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(err.toString()).startsWith("kmodj gui: Unknown option: '--kernal'");
  }

  @Test
  void rootAndKernelChooseTheSystemOfEveryFileOpened() {
    try {
      GuiMain.Start s =
          GuiMain.prepare(
              new String[] {"--root", "/srv/tree", "--kernel", "6.1.0-9", "/tmp/x/modules.conf"},
              Map.of("DISPLAY", ":0"),
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(new StringWriter(), true));
      assertThat(s.launch()).contains(List.of("/tmp/x/modules.conf"));
      io.kmodj.engine.system.SystemSpec spec = SystemOfFile.of(Path.of("/tmp/x/modules.conf"));
      assertThat(spec.root()).contains("/srv/tree");
      assertThat(spec.version()).contains("6.1.0-9");
    } finally {
      System.clearProperty(SystemOfFile.ROOT_PROPERTY);
      System.clearProperty(SystemOfFile.KERNEL_PROPERTY);
    }
    assertThat(SystemOfFile.of(Path.of("/tmp/x/modules.conf")).root()).isEmpty();
  }
}
