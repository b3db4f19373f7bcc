package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's view of a loaded system: samples/modern with a configuration of the test's. */
class SystemEditorContextTest {
  private static final String VERSION = "6.1.0-47-cloud-amd64";

  @TempDir Path tmp;

  private SystemEditorContext load(String conf) throws IOException {
    Path root = Path.of("..", "samples", "modern").toAbsolutePath().normalize();
    Path file = Files.writeString(tmp.resolve("my.conf"), conf);
    return new SystemEditorContext(
        ModuleSystem.load(
            new SystemSpec(
                Optional.of(root.toString()),
                Optional.of(VERSION),
                List.of(file.toString()),
                Optional.empty())));
  }

  @Test
  void namesComeFromModulesDepAndTheConfiguration() throws IOException {
    SystemEditorContext ctx =
        load("alias nic virtio_net\nalias nic virtio_net\nalias bond* bonding\n");

    assertThat(ctx.moduleNames()).contains("btrfs", "virtio_net", "loop");
    assertThat(ctx.aliasNames()).containsExactly("nic", "bond*");
  }

  @Test
  void anAliasIsDefinedByItsLineAndItsTargetsModule() throws IOException {
    SystemEditorContext ctx = load("# nic\nalias nic virtio_net\n");

    List<EditorContext.Definition> defs = ctx.definitions("nic");

    assertThat(defs).hasSize(3);
    assertThat(defs.get(0).file().getFileName()).hasToString("my.conf");
    assertThat(defs.get(0).line()).isEqualTo(2);
    assertThat(defs.get(0).what()).isEqualTo("alias nic -> virtio_net");
    assertThat(defs.get(1).file())
        .hasToString(
            Path.of("..", "samples", "modern").toAbsolutePath().normalize()
                + "/lib/modules/"
                + VERSION
                + "/kernel/drivers/net/virtio_net.ko");
    assertThat(defs.get(2).file().getFileName()).hasToString("modules.dep");
    // virtio_net is the 22nd line of the sample's modules.dep
    assertThat(defs.get(2).line()).isEqualTo(22);
    assertThat(ctx.definitions("no_such_thing")).isEmpty();
  }

  @Test
  void findingsOfCheckAreGivenForTheirFile() throws IOException {
    SystemEditorContext ctx = load("blacklist tun\nblacklist no_such_module\n");

    List<EditorContext.Finding> findings = ctx.findings("my.conf");

    assertThat(findings).isNotEmpty();
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.line()).isEqualTo(2);
              assertThat(f.rule()).isEqualTo("blacklist-unknown");
              assertThat(f.message()).contains("no_such_module");
            });
    assertThat(findings).allSatisfy(f -> assertThat(f.line()).isBetween(1, 2));
    assertThat(ctx.findings("other.conf")).isEmpty();
  }
}
