package io.kmodj.engine.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsaved texts stand in for files when a configuration is read. */
class ConfigOverlayTest {
  @TempDir Path dir;

  private ModuleConfig readKmod(Path confDir, ConfigOverlay overlay) {
    return new ModprobeDFrontEnd()
        .read(
            new ConfigSource(
                List.of(confDir.toString()),
                dir.resolve("lib/modules/1").toString(),
                Optional.empty(),
                "/proc/cmdline"),
            overlay);
  }

  @Test
  void aModprobeDFileIsReadFromTheOverlayAndTheOthersFromDisk() throws Exception {
    Path d = Files.createDirectories(dir.resolve("modprobe.d"));
    Files.writeString(d.resolve("a.conf"), "alias eth0 e1000\n");
    Files.writeString(d.resolve("b.conf"), "blacklist pcspkr\n");

    ConfigOverlay overlay =
        ConfigOverlay.NONE.with(
            d.resolve("a.conf"), "alias eth0 r8169\noptions r8169 x=1\n", UTF_8);
    ModuleConfig c = readKmod(d, overlay);

    assertThat(c.aliases()).extracting(ConfigEntry.Alias::module).containsExactly("r8169");
    assertThat(c.options()).extracting(ConfigEntry.Options::options).containsExactly("x=1");
    assertThat(c.options().get(0).origin().line()).isEqualTo(2);
    assertThat(c.blacklist()).extracting(ConfigEntry.Blacklist::name).containsExactly("pcspkr");
    // the disk is untouched, and without the overlay the file reads as saved
    assertThat(readKmod(d, ConfigOverlay.NONE).aliases())
        .extracting(ConfigEntry.Alias::module)
        .containsExactly("e1000");
  }

  @Test
  void aNewUnsavedFileInAModprobeDDirectoryIsRead() throws Exception {
    Path d = Files.createDirectories(dir.resolve("modprobe.d"));
    Files.writeString(d.resolve("a.conf"), "alias eth0 e1000\n");

    ModuleConfig c =
        readKmod(d, ConfigOverlay.NONE.with(d.resolve("new.conf"), "blacklist floppy\n", UTF_8));

    assertThat(c.blacklist()).extracting(ConfigEntry.Blacklist::name).containsExactly("floppy");
    assertThat(c.aliases()).hasSize(1);
  }

  @Test
  void aModulesConfAndItsIncludeAreReadFromTheOverlay() throws Exception {
    Path main = dir.resolve("modules.conf");
    Path inc = dir.resolve("extra.conf");
    Files.writeString(main, "alias eth0 ne\ninclude " + inc + "\n");
    Files.writeString(inc, "alias eth1 ne\n");

    ConfigOverlay overlay =
        ConfigOverlay.NONE
            .with(main, "alias eth0 3c59x\ninclude " + inc + "\n", UTF_8)
            .with(inc, "alias eth1 tulip\n", UTF_8);
    ModutilsConfig c =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    Optional.of(main.toString()),
                    "2.4.27",
                    dir.resolve("lib/modules/2.4.27").toString(),
                    false,
                    false),
                overlay)
            .read();

    assertThat(c.aliases().get("eth0").words()).containsExactly("3c59x");
    assertThat(c.aliases().get("eth1").words()).containsExactly("tulip");
  }

  @Test
  void aModulesConfNotYetSavedIsReadFromTheOverlay() {
    Path main = dir.resolve("new.conf");
    ModutilsConfig c =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    Optional.of(main.toString()),
                    "2.4.27",
                    dir.resolve("lib/modules/2.4.27").toString(),
                    false,
                    false),
                ConfigOverlay.NONE.with(main, "alias sound-slot-0 sb\n", UTF_8))
            .read();

    assertThat(c.failed()).isFalse();
    assertThat(c.aliases().get("sound-slot-0").words()).containsExactly("sb");
  }

  @Test
  void pathsAreMatchedAbsoluteAndNormalisedAndTheBytesAreCopied() {
    byte[] bytes = "x".getBytes(UTF_8);
    Path file = dir.resolve("a/../b.conf");
    ConfigOverlay o = ConfigOverlay.NONE.with(file, bytes);
    bytes[0] = 'y';

    assertThat(o.covers(dir.resolve("b.conf"))).isTrue();
    assertThat(o.content(dir.resolve("b.conf")))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo("x".getBytes(UTF_8)));
    assertThat(o.files()).containsExactly(dir.resolve("b.conf"));
    assertThat(o.without(dir.resolve("b.conf"))).isSameAs(ConfigOverlay.NONE);
    assertThat(o.without(dir.resolve("other"))).isSameAs(o);
    assertThat(o).isEqualTo(ConfigOverlay.NONE.with(dir.resolve("b.conf"), "x", UTF_8));
    assertThat(ConfigOverlay.NONE.isEmpty()).isTrue();
  }
}
