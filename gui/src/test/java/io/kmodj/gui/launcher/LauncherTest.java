package io.kmodj.gui.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./kmodj} launcher, run as a user runs it (the reactor has packaged grammar and engine
 * before the gui module's tests): it lists the commands, and its class-data-sharing archive never
 * changes what a command prints.
 */
class LauncherTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  private record Run(int code, String out, String err) {}

  private static Run launch(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(HOME.resolve("kmodj").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile());
    pb.environment().put("KMODJ_NO_BUILD", "1");
    Path out = Files.createTempFile("kmodj-out", ".txt");
    Path err = Files.createTempFile("kmodj-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    Run r =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.ISO_8859_1),
            Files.readString(err, StandardCharsets.ISO_8859_1));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  @Test
  void helpListsTheCommands() throws Exception {
    Run r = launch("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("modprobe", "graph", "check", "gui");
  }

  @Test
  void theSharedClassArchiveNeverChangesOutput() throws Exception {
    Files.deleteIfExists(HOME.resolve("engine/target/kmodj-cds.jsa"));
    String[] query = {
      "modprobe",
      "-d",
      "samples/modern",
      "-S",
      "6.1.0-47-cloud-amd64",
      "-C",
      "samples/modern/etc/modprobe.d",
      "--show-depends",
      "bonding"
    };
    Run recording = launch(query);
    Run mapped = launch(query);
    assertThat(recording.code()).isZero();
    assertThat(recording.err()).isEmpty();
    assertThat(recording.out()).contains("bonding.ko mode=active-backup miimon=100 \n");
    assertThat(mapped).isEqualTo(recording);
  }
}
