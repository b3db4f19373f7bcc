package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.SampleModules24;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kmodj depmod} on the modutils sample's objects writes the sample's 2.4 modules.dep. */
class ModutilsSampleDepmodTest {
  static final Path SAMPLE = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
  static final Path DIR = SAMPLE.resolve("lib/modules").resolve(SampleModules24.RELEASE);

  @Test
  void kmodjDepmodOnACopyOfTheTreeWritesTheSamplesModulesDep(@TempDir Path tmp) throws IOException {
    Path copy = tmp.resolve("root");
    try (Stream<Path> s = Files.walk(SAMPLE)) {
      for (Path p : s.toList()) {
        Path to = copy.resolve(SAMPLE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("modules.dep")) {
          Files.copy(p, to);
        }
      }
    }
    PrintStream nowhere =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.ISO_8859_1);
    String[] args = {"depmod", "-b", copy.toString(), SampleModules24.RELEASE};
    CommandLine cl = new CommandLine(new KmodjCommand(nowhere, nowhere));
    KmodjCommand.addSubcommands(cl, args);
    assertThat(cl.execute(args)).isZero();
    assertThat(Files.readString(copy.resolve("lib/modules/2.4.27/modules.dep")))
        .isEqualTo(Files.readString(DIR.resolve("modules.dep")));
  }
}
