package io.kmodj.gui.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.sim.FxTesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which system an opened file belongs to. */
class SystemOfFileTest {
  @TempDir Path dir;

  @Test
  void aModprobeDFileUnderASampleRootIsReadWithItsDirectoryOnThatTree() {
    Path root = FxTesting.samples().resolve("modern").toAbsolutePath().normalize();
    SystemSpec s = SystemOfFile.of(root.resolve("etc/modprobe.d/20-storage.conf"));
    assertThat(s.root()).contains(root.toString());
    assertThat(s.version()).contains("6.1.0-47-cloud-amd64");
    assertThat(s.configPaths()).containsExactly(root.resolve("etc/modprobe.d").toString());
    assertThat(s.dialect()).isEqualTo(Dialect.KMOD);
    assertThat(SystemOfFile.image(s).moduleDirectory())
        .isEqualTo(root + "/lib/modules/6.1.0-47-cloud-amd64");
  }

  @Test
  void aModulesConfIsReadAloneInTheModutilsDialect() {
    Path root = FxTesting.samples().resolve("modutils").toAbsolutePath().normalize();
    SystemSpec s = SystemOfFile.of(root.resolve("etc/modules.conf"));
    assertThat(s.root()).contains(root.toString());
    assertThat(s.version()).contains("2.4.27");
    assertThat(s.configPaths()).containsExactly(root.resolve("etc/modules.conf").toString());
    assertThat(s.dialect()).isEqualTo(Dialect.MODUTILS);
    assertThat(SystemOfFile.image(s).dialect()).isEqualTo("modutils");
  }

  @Test
  void aFileOutsideAnyTreeBelongsToTheMachinesOwnSystem() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("etc/modprobe.d")).resolve("a.conf");
    SystemSpec s = SystemOfFile.of(conf);
    // no lib/modules beside etc: not a root
    assertThat(s.root()).isEmpty();
    assertThat(s.version()).isEmpty();
    assertThat(s.configPaths()).containsExactly(conf.getParent().toString());
    assertThat(s.cmdline()).isEqualTo(Optional.empty());
  }

  @Test
  void theNewestReleaseIsChosenWhenTheRunningOneIsAbsent() throws Exception {
    for (String v : List.of("2.4.20", "2.4.27", "2.2.26")) {
      Files.createDirectories(dir.resolve("lib/modules/" + v));
    }
    SystemSpec s = SystemOfFile.of(dir.resolve("etc/modules.conf"));
    assertThat(s.root()).contains(dir.toAbsolutePath().normalize().toString());
    assertThat(s.version()).contains("2.4.27");
  }

  @Test
  void onlyConfigurationFilesChooseASystem() {
    assertThat(SystemOfFile.isConfiguration(Path.of("/etc/modprobe.d/a.conf"))).isTrue();
    assertThat(SystemOfFile.isConfiguration(Path.of("/etc/modules.conf"))).isTrue();
    assertThat(SystemOfFile.isConfiguration(Path.of("/etc/conf.modules"))).isTrue();
    assertThat(SystemOfFile.isConfiguration(Path.of("/lib/modules/6.1/modules.dep"))).isFalse();
  }

  @Test
  void aModulesConfSystemsFilesAreItsOwnThenItsIncludesDepthFirstEachOnceUnsavedTextsFirst()
      throws Exception {
    Path root = dir.resolve("modutils");
    try (Stream<Path> all = Files.walk(FxTesting.samples().resolve("modutils"))) {
      Path from = FxTesting.samples().resolve("modutils");
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path etc = root.resolve("etc").toAbsolutePath().normalize();
    Path conf = etc.resolve("modules.conf");
    Files.writeString(etc.resolve("a.conf"), "include " + etc.resolve("c.conf") + "\n");
    Files.writeString(etc.resolve("b.conf"), "alias eth9 ne2k-pci\n");
    // a loop back to the main file: listed once
    Files.writeString(etc.resolve("c.conf"), "include " + conf + "\n");
    Files.writeString(etc.resolve("d.conf"), "alias eth8 ne2k-pci\n");
    Files.writeString(conf, "include " + etc.resolve("d.conf") + "\n", StandardOpenOption.APPEND);
    // the unsaved text includes a.conf and b.conf instead of d.conf
    String unsaved =
        Files.readString(conf, StandardCharsets.ISO_8859_1)
            .replace("d.conf", "a.conf\ninclude " + etc.resolve("b.conf"));
    LoadedSystem loaded =
        LoadedSystem.load(
            SystemOfFile.of(conf),
            ConfigOverlay.NONE.with(conf, unsaved.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(SystemOfFile.files(loaded))
        .containsExactly(conf, etc.resolve("a.conf"), etc.resolve("c.conf"), etc.resolve("b.conf"));
  }
}
