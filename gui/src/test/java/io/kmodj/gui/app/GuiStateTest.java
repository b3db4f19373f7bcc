package io.kmodj.gui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The application remembers its window, layout and files between runs in gui.json (here in a
 * temporary configuration directory), and starts with the defaults when gui.json is bad.
 */
class GuiStateTest {
  @TempDir Path dir;
  private Path config;
  private String before;
  private Application app;
  private final FxRobot robot = new FxRobot();

  @BeforeEach
  void pointAtTemporaryConfig() {
    config = dir.resolve("config/kmodj");
    before = System.getProperty(GuiStateStore.DIRECTORY_PROPERTY);
    System.setProperty(GuiStateStore.DIRECTORY_PROPERTY, config.toString());
  }

  @AfterEach
  void restoreConfig() throws TimeoutException {
    if (app != null) {
      quit();
    }
    if (before == null) {
      System.clearProperty(GuiStateStore.DIRECTORY_PROPERTY);
    } else {
      System.setProperty(GuiStateStore.DIRECTORY_PROPERTY, before);
    }
  }

  private void launch(String... args) throws TimeoutException {
    FxToolkit.registerPrimaryStage();
    app = FxToolkit.setupApplication(KmodjApp.class, args);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Closes the application as the user does: its stop() saves the state. */
  private void quit() throws TimeoutException {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
    app = null;
  }

  private static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("reading FX state failed", e);
    }
  }

  private static Stage stage() {
    return (Stage) Window.getWindows().get(0);
  }

  private String text() {
    // the active tab's text (each open file has a tab and an editor of its own)
    return onFx(() -> ((KmodjApp) app).window().editor().area().getText());
  }

  private List<String> recentItems() {
    return onFx(
        () -> {
          MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
          Menu file = bar.getMenus().get(0);
          Menu recent =
              (Menu)
                  file.getItems().stream()
                      .filter(i -> "menu-recent".equals(i.getId()))
                      .findFirst()
                      .orElseThrow();
          return recent.getItems().stream().map(MenuItem::getText).toList();
        });
  }

  private SplitPane columns() {
    return robot.lookup(".workbench").queryAs(SplitPane.class);
  }

  private String notice() {
    return onFx(() -> robot.lookup("#status-notice").queryAs(Label.class).getText());
  }

  @Test
  void layoutRecentFilesAndTheLastFileSurviveARestart() throws Exception {
    Path a = dir.resolve("a.conf");
    Path b = dir.resolve("b.conf");
    Files.writeString(a, "blacklist pcspkr\n");
    Files.writeString(b, "blacklist floppy\n");
    launch(a.toString());
    MainWindow window = onFx(() -> ((KmodjApp) app).window());
    onFx(
        () -> {
          window.open(b);
          window.workbench().setVisible(PaneId.GRAPH, false);
          stage().setWidth(1000);
          stage().setHeight(700);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    // the user drags both dividers, at the new size: the outline column's on the left, the
    // inspector column's on the right
    assertThat(onFx(() -> columns().getDividers().size())).isEqualTo(2);
    onFx(
        () -> {
          columns().getDividers().get(1).setPosition(0.67);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    onFx(
        () -> {
          columns().getDividers().get(0).setPosition(0.15);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> window.workbench().layout().left()))
        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.02));
    assertThat(onFx(() -> window.workbench().layout().right()))
        .isCloseTo(0.33, org.assertj.core.data.Offset.offset(0.02));
    assertThat(recentItems()).containsExactly(b.toString(), a.toString());
    quit();
    assertThat(Files.readString(config.resolve("gui.json"))).contains("\"width\" : 1000.0");
    assertThat(config.resolve("gui.json")).exists();

    launch(); // no file: the tabs open at quit open again, the last one active
    MainWindow again = onFx(() -> ((KmodjApp) app).window());
    assertThat(
            onFx(() -> again.tabs().buffers().stream().map(t -> t.path().orElseThrow()).toList()))
        .containsExactly(a, b);

    assertThat(text()).isEqualTo("blacklist floppy\n");
    assertThat(onFx(() -> again.file().orElseThrow())).isEqualTo(b);
    assertThat(recentItems()).containsExactly(b.toString(), a.toString());
    assertThat(onFx(() -> again.workbench().visibleProperty(PaneId.GRAPH).get())).isFalse();
    assertThat(onFx(() -> again.workbench().layout().left()))
        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.02));
    assertThat(onFx(() -> again.workbench().layout().right()))
        .isCloseTo(0.33, org.assertj.core.data.Offset.offset(0.02));
    assertThat(onFx(() -> columns().getDividers().size())).isEqualTo(2);
    assertThat(onFx(() -> columns().getDividerPositions()[0]))
        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.02));
    assertThat(onFx(() -> columns().getDividerPositions()[1]))
        .isCloseTo(0.67, org.assertj.core.data.Offset.offset(0.02));
    assertThat(onFx(() -> List.of(stage().getWidth(), stage().getHeight())))
        .containsExactly(1000.0, 700.0);

    // Open Recent opens the older file
    onFx(
        () -> {
          MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
          Menu recent = (Menu) bar.getMenus().get(0).getItems().get(1);
          recent.getItems().get(1).fire();
          return null;
        });
    assertThat(text()).isEqualTo("blacklist pcspkr\n");
    assertThat(recentItems()).containsExactly(a.toString(), b.toString());
  }

  @Test
  void aDirectoryOpenedAsAWholeOpensAgainAsItsFilesAndSystem() throws Exception {
    Path modprobeD = dir.resolve("modprobe.d");
    Files.createDirectories(modprobeD);
    Files.writeString(modprobeD.resolve("10-a.conf"), "blacklist pcspkr\n");
    Files.writeString(modprobeD.resolve("20-b.conf"), "blacklist floppy\n");
    launch(modprobeD.toString());
    MainWindow window = onFx(() -> ((KmodjApp) app).window());
    assertThat(onFx(() -> window.tabs().buffers().size())).isEqualTo(2);
    onFx(
        () -> {
          window.tabs().select(window.tabs().buffers().get(1));
          return null;
        });
    quit();

    launch();
    MainWindow again = onFx(() -> ((KmodjApp) app).window());

    assertThat(
            onFx(() -> again.tabs().buffers().stream().map(b -> b.path().orElseThrow()).toList()))
        .containsExactly(modprobeD.resolve("10-a.conf"), modprobeD.resolve("20-b.conf"));
    assertThat(text()).isEqualTo("blacklist floppy\n");
    assertThat(onFx(() -> again.model().spec().orElseThrow().configPaths()))
        .containsExactly(modprobeD.toString());
    assertThat(recentItems()).containsExactly(modprobeD.toString());
  }

  @Test
  void aRecentFileThatIsGoneIsReportedAndForgotten() throws Exception {
    Path a = dir.resolve("a.conf");
    Path gone = dir.resolve("gone.conf");
    Files.writeString(a, "blacklist pcspkr\n");
    Files.writeString(gone, "blacklist floppy\n");
    launch(gone.toString());
    MainWindow window = onFx(() -> ((KmodjApp) app).window());
    onFx(() -> window.open(a));
    Files.delete(gone);

    onFx(
        () -> {
          MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
          Menu recent = (Menu) bar.getMenus().get(0).getItems().get(1);
          recent.getItems().get(1).fire();
          return null;
        });

    assertThat(notice()).isEqualTo(gone + " no longer exists");
    assertThat(recentItems()).containsExactly(a.toString());
    assertThat(text()).isEqualTo("blacklist pcspkr\n");
  }

  @Test
  void aCorruptGuiJsonIsReportedInTheStatusLineAndTheDefaultsAreUsed() throws Exception {
    Files.createDirectories(config);
    Files.writeString(config.resolve("gui.json"), "{\"window\": {\"width\": 900,,}");
    Path a = dir.resolve("a.conf");
    Files.writeString(a, "blacklist pcspkr\n");

    launch(a.toString());
    MainWindow window = onFx(() -> ((KmodjApp) app).window());

    assertThat(notice())
        .startsWith(config.resolve("gui.json") + ":1:")
        .contains("not valid JSON")
        .endsWith("(using the default layout)");
    Workbench.Layout shown = onFx(() -> window.workbench().layout());
    assertThat(shown.hidden()).isEmpty();
    assertThat(shown.right())
        .isCloseTo(Workbench.Layout.DEFAULT.right(), org.assertj.core.data.Offset.offset(0.02));
    assertThat(onFx(() -> stage().getWidth())).isEqualTo(GuiState.DEFAULT.width());
    assertThat(text()).isEqualTo("blacklist pcspkr\n");

    // the next save replaces it with a good one
    quit();
    assertThat(new GuiStateStore(config).load().problem()).isEmpty();
  }
}
