package io.kmodj.gui.editor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.editor.Completer.Completion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's view of a modutils system: samples/modutils with a modules.conf of the test's. */
class ModutilsEditorContextTest {
  private static final Path ROOT =
      Path.of("..", "samples", "modutils").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private SystemSpec spec(Path conf) {
    return new SystemSpec(
        Optional.of(ROOT.toString()),
        Optional.of("2.4.27"),
        List.of(conf.toString()),
        Optional.empty(),
        Optional.of(Dialect.MODUTILS));
  }

  private ModutilsEditorContext load(String conf) throws IOException {
    Path file = Files.writeString(tmp.resolve("modules.conf"), conf);
    return new ModutilsEditorContext(ModutilsSystem.load(spec(file), false));
  }

  @Test
  void namesComeFromModulesDepAndTheConfigurationDefaultsIncluded() throws IOException {
    ModutilsEditorContext ctx = load("alias eth0 ne2k-pci\n");

    assertThat(ctx.moduleNames())
        // in modules.dep's order
        .startsWith("floppy", "loop", "lp")
        .contains("sb", "usbcore", "parport_pc")
        .doesNotContain("null")
        .doesNotHaveDuplicates();
    // the built-in defaults (char-major-10 …) come with the file's own aliases
    assertThat(ctx.aliasNames()).contains("eth0", "char-major-10-1");
  }

  @Test
  void anAliasIsDefinedByItsLineItsModulesFileAndItsModulesDepLine() throws IOException {
    ModutilsEditorContext ctx = load("# nic\nalias eth0 eepro100\n");

    List<EditorContext.Definition> defs = ctx.definitions("eth0");

    assertThat(defs).hasSize(3);
    assertThat(defs.get(0))
        .isEqualTo(
            new EditorContext.Definition(tmp.resolve("modules.conf"), 2, "alias eth0 -> eepro100"));
    assertThat(defs.get(1).file())
        .isEqualTo(ROOT.resolve("lib/modules/2.4.27/kernel/drivers/net/eepro100.o"));
    assertThat(defs.get(2).file()).isEqualTo(ROOT.resolve("lib/modules/2.4.27/modules.dep"));
    // eepro100's entry is the fifth line of the sample's modules.dep
    List<String> dep = Files.readAllLines(defs.get(2).file(), UTF_8);
    assertThat(dep.get(defs.get(2).line() - 1))
        .startsWith("/lib/modules/2.4.27/kernel/drivers/net/eepro100.o:");
    assertThat(ctx.definitions("no_such_thing")).isEmpty();
  }

  @Test
  void parametersAreThoseEveryOptionsLineGivesEvenTheReplacedOne() throws IOException {
    Path file = tmp.resolve("modules.conf");
    Files.writeString(file, "options slip slip_maxdev=4\n");
    // the buffer being typed: a later options line for slip replaces the saved one
    String buffer = "options slip slip_maxdev=4\noptions slip sl";
    ConfigOverlay overlay = ConfigOverlay.NONE.with(file, buffer.getBytes(UTF_8));
    ModutilsEditorContext ctx =
        new ModutilsEditorContext(ModutilsSystem.load(spec(file), false, overlay), overlay);
    Completer completer = new Completer(ctx, Directives.of(Dialect.MODUTILS));

    assertThat(completer.complete(buffer, buffer.length()))
        .extracting(Completion::text)
        .containsExactly("slip_maxdev=");
    String withName = buffer + "ip_maxdev=";
    assertThat(completer.complete(withName, withName.length()))
        .extracting(Completion::text)
        .containsExactly("slip_maxdev=4");
    // a module without options lines offers what its object declares
    assertThat(ctx.parameters("ne2k-pci").orElseThrow())
        .extracting("name")
        .contains("full_duplex", "debug");
  }

  @Test
  void findingsOfCheckAreGivenForTheirFile() throws IOException {
    ModutilsEditorContext ctx = load("alias eth0 ne2k-pci\nalias eth3 nosuchmod\n");

    assertThat(ctx.findings("modules.conf"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(2);
              assertThat(f.rule()).isEqualTo("alias-target-missing");
              assertThat(f.message()).contains("nosuchmod");
            });
    assertThat(ctx.findings("other.conf")).isEmpty();
  }
}
