package io.kmodj.gui.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gui.json: written atomically with a backup, read back, and a bad one never stops the start. */
class GuiStateStoreTest {
  @TempDir Path dir;

  private GuiStateStore store() {
    return new GuiStateStore(dir.resolve("kmodj"));
  }

  @Test
  void aStateRoundTripsAndThePreviousFileIsKept() throws IOException {
    GuiState first =
        new GuiState(
            1000,
            700,
            new Workbench.Layout(0.3, 0.2, 0.35, Set.of(PaneId.GRAPH, PaneId.SIMULATION)),
            List.of(Path.of("/etc/modprobe.d/b.conf"), Path.of("/etc/modprobe.d/a.conf")),
            Optional.of(Path.of("/etc/modprobe.d/b.conf")));
    store().save(first);
    GuiState second = first.opened(Path.of("/etc/modules.conf"));
    store().save(second);

    GuiStateStore.Loaded read = store().load();
    assertThat(read.problem()).isEmpty();
    assertThat(read.state()).isEqualTo(second);
    assertThat(read.state().recent())
        .containsExactly(
            Path.of("/etc/modules.conf"),
            Path.of("/etc/modprobe.d/b.conf"),
            Path.of("/etc/modprobe.d/a.conf"));
    assertThat(read.state().last()).contains(Path.of("/etc/modules.conf"));
    String backup = Files.readString(dir.resolve("kmodj/gui.json~"), UTF_8);
    assertThat(backup).contains("\"lastFile\" : \"/etc/modprobe.d/b.conf\"");
    assertThat(Files.readString(dir.resolve("kmodj/gui.json"), UTF_8))
        .contains("\"hidden\" : [ \"graph\", \"simulation\" ]");
  }

  @Test
  void recentFilesAreUniqueNewestFirstAndAtMostTen() {
    GuiState s = GuiState.DEFAULT;
    for (int i = 0; i < 12; i++) {
      s = s.opened(Path.of("/c/" + i + ".conf"));
    }
    s = s.opened(Path.of("/c/5.conf"));
    List<Path> expected = new ArrayList<>();
    expected.add(Path.of("/c/5.conf"));
    for (int i = 11; i >= 2; i--) {
      if (i != 5) {
        expected.add(Path.of("/c/" + i + ".conf"));
      }
    }
    assertThat(s.recent()).hasSize(GuiState.MAX_RECENT).isEqualTo(expected);
    assertThat(s.forgetting(Path.of("/c/5.conf")).last()).isEmpty();
    assertThat(s.forgetting(Path.of("/c/5.conf")).recent()).doesNotContain(Path.of("/c/5.conf"));
  }

  @Test
  void noFileMeansTheDefaultsWithoutAMessage() {
    GuiStateStore.Loaded read = store().load();
    assertThat(read.state()).isEqualTo(GuiState.DEFAULT);
    assertThat(read.problem()).isEmpty();
  }

  @Test
  void brokenJsonGivesTheDefaultsAndAMessageWithLineAndColumn() throws IOException {
    Files.createDirectories(dir.resolve("kmodj"));
    Files.writeString(
        dir.resolve("kmodj/gui.json"), "{\"version\": 1,\n  \"window\": {\"width\": }\n");

    GuiStateStore.Loaded read = store().load();

    assertThat(read.state()).isEqualTo(GuiState.DEFAULT);
    assertThat(read.problem())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith(dir.resolve("kmodj/gui.json") + ":2:")
                    .contains("not valid JSON")
                    .contains("default"));
  }

  @Test
  void wellFormedJsonOfTheWrongShapeGivesTheDefaultsAndSaysWhy() throws IOException {
    Files.createDirectories(dir.resolve("kmodj"));
    Files.writeString(dir.resolve("kmodj/gui.json"), "{\"recentFiles\": \"/etc/modules.conf\"}");

    GuiStateStore.Loaded read = store().load();

    assertThat(read.state()).isEqualTo(GuiState.DEFAULT);
    assertThat(read.problem())
        .hasValueSatisfying(
            m -> assertThat(m).contains("\"recentFiles\" must be an array of strings"));
  }

  @Test
  void unknownPanesAndFieldsAreSkippedAndSizesKeptSane() throws IOException {
    Files.createDirectories(dir.resolve("kmodj"));
    Files.writeString(
        dir.resolve("kmodj/gui.json"),
        "{\"version\": 1, \"future\": true, \"window\": {\"width\": 10, \"height\": 900},"
            + " \"layout\": {\"left\": 0.99, \"hidden\": [\"graph\", \"nosuchpane\"]}}");

    GuiStateStore.Loaded read = store().load();

    assertThat(read.problem()).isEmpty();
    assertThat(read.state().width()).isEqualTo(GuiState.MIN_WIDTH);
    assertThat(read.state().height()).isEqualTo(900);
    assertThat(read.state().layout().hidden()).containsExactly(PaneId.GRAPH);
    assertThat(read.state().layout().left()).isEqualTo(0.8);
    assertThat(read.state().layout().right()).isEqualTo(Workbench.Layout.DEFAULT.right());
  }

  @Test
  void theDirectoryFollowsXdgConfigHome() {
    Path home = Path.of("/home/u");
    assertThat(GuiStateStore.directory(null, Map.of("XDG_CONFIG_HOME", "/x/cfg"), home))
        .isEqualTo(Path.of("/x/cfg/kmodj"));
    // the XDG specification: a relative value is ignored
    assertThat(GuiStateStore.directory(null, Map.of("XDG_CONFIG_HOME", "cfg"), home))
        .isEqualTo(Path.of("/home/u/.config/kmodj"));
    assertThat(GuiStateStore.directory(null, Map.of(), home))
        .isEqualTo(Path.of("/home/u/.config/kmodj"));
    assertThat(GuiStateStore.directory("/t/c", Map.of("XDG_CONFIG_HOME", "/x"), home))
        .isEqualTo(Path.of("/t/c"));
  }
}
