package io.kmodj.gui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupFileTest {
  @TempDir Path home;

  private Path touch(String relative) throws IOException {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "");
    return p;
  }

  @Test
  void aFileOnTheCommandLineWinsEvenIfItDoesNotExist() throws IOException {
    touch("samples/modutils/etc/modules.conf");

    assertThat(new StartupFile(List.of("new.conf"), home).path()).contains(Path.of("new.conf"));
  }

  @Test
  void withoutArgumentsTheLegacySampleOpens() throws IOException {
    Path legacy = touch("samples/modutils/etc/modules.conf");
    touch("samples/modern/etc/modprobe.d/a.conf");

    assertThat(new StartupFile(List.of(), home).path()).contains(legacy);
  }

  @Test
  void withoutTheLegacySampleTheFirstModernConfOpens() throws IOException {
    touch("samples/modern/etc/modprobe.d/50-sound.conf");
    Path first = touch("samples/modern/etc/modprobe.d/10-blacklist.conf");
    touch("samples/modern/etc/modprobe.d/00-readme.txt");

    assertThat(new StartupFile(List.of(), home).path()).contains(first);
  }

  @Test
  void withoutSamplesTheBufferIsUntitled() throws IOException {
    assertThat(new StartupFile(List.of(), home).path()).isEmpty();
  }
}
