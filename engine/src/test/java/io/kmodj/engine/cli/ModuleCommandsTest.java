package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.ModuleWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modinfo and depmod commands: kmod's exit codes, and files written in place. */
class ModuleCommandsTest {
  @TempDir Path tmp;

  @Test
  void unknownOptionExitsOneAsKmod() {
    assertThat(Main.run("modinfo", "--no-such-option", "x")).isEqualTo(1);
    assertThat(Main.run("depmod", "--no-such-option")).isEqualTo(1);
  }

  @Test
  void missingModuleExitsOne() {
    assertThat(Main.run("modinfo", "-b", tmp.toString(), "-k", "1.0.0", "nosuch")).isEqualTo(1);
  }

  @Test
  void badVersionExitsOne() {
    assertThat(Main.run("depmod", "-b", tmp.toString(), "notaversion")).isEqualTo(1);
  }

  @Test
  void depmodWritesTheIndexesIntoTheModuleDirectory() throws IOException {
    Path dir = tmp.resolve("lib/modules/1.0.0/kernel");
    Files.createDirectories(dir);
    Files.write(dir.resolve("a.ko"), ModuleWriter.describe("export: a_fn\n").write());
    Files.write(
        dir.resolve("b.ko"), ModuleWriter.describe("modinfo: license=GPL\nneed: a_fn\n").write());
    assertThat(Main.run("depmod", "-b", tmp.toString(), "1.0.0")).isZero();
    assertThat(Files.readString(tmp.resolve("lib/modules/1.0.0/modules.dep")))
        .isEqualTo("kernel/b.ko: kernel/a.ko\nkernel/a.ko:\n");
    assertThat(Main.run("modinfo", "-b", tmp.toString(), "-k", "1.0.0", "-F", "name", "b"))
        .isZero();
  }
}
