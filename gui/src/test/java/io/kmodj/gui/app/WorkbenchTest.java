package io.kmodj.gui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Docked panes: shown, hidden, folded away, and their arrangement read back. */
class WorkbenchTest {
  private final FxRobot robot = new FxRobot();
  private Workbench bench;

  @BeforeEach
  void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        stage -> {
          bench = new Workbench();
          bench.dock(PaneId.OUTLINE, "Outline", new Label("outline"), DockArea.LEFT);
          bench.dock(PaneId.EDITOR, "Editor", new Label("editor"), DockArea.CENTER);
          bench.dock(PaneId.PROBLEMS, "Problems", new Label("problems"), DockArea.BOTTOM);
          bench.dock(PaneId.SIMULATION, "Simulation", new Label("simulation"), DockArea.BOTTOM);
          bench.dock(PaneId.PARAMETERS, "Parameters", new Label("parameters"), DockArea.RIGHT);
          BorderPane root = new BorderPane(bench.node());
          root.setTop(new MenuBar(bench.viewMenu()));
          stage.setScene(new Scene(root, 900, 600));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupStages();
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private SplitPane columns() {
    return (SplitPane) ((BorderPane) bench.node()).getCenter();
  }

  private boolean showing(String text) {
    return robot
        .lookup(n -> n instanceof Label l && text.equals(l.getText()) && isShown(l))
        .tryQuery()
        .isPresent();
  }

  private static boolean isShown(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return n.getScene() != null;
  }

  @Test
  void everyAreaShowsItsPanesAndTwoPanesInAnAreaAreTabs() throws Exception {
    assertThat(onFx(() -> columns().getItems().size())).isEqualTo(3);
    assertThat(onFx(() -> columns().getItems().get(0).getId())).isEqualTo("area-left");
    assertThat(robot.lookup("#area-bottom .dock-tabs").tryQuery()).isPresent();
    assertThat(robot.lookup("#pane-outline").tryQuery()).isPresent();
    assertThat(showing("outline")).isTrue();
    assertThat(showing("editor")).isTrue();
    assertThat(showing("parameters")).isTrue();
  }

  @Test
  void hidingTheOnlyPaneOfAnAreaFoldsTheAreaAndShowingBringsItBack() throws Exception {
    robot.clickOn("#hide-outline");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(showing("outline")).isFalse();
    assertThat(onFx(() -> columns().getItems().size())).isEqualTo(2);
    assertThat(onFx(() -> bench.layout().hidden())).containsExactly(PaneId.OUTLINE);
    CheckMenuItem item =
        (CheckMenuItem)
            onFx(
                () ->
                    bench.viewMenu().getItems().stream()
                        .filter(i -> "view-outline".equals(i.getId()))
                        .findFirst()
                        .orElseThrow());
    assertThat(item.isSelected()).isFalse();

    // the View menu's shortcut shows it again
    robot
        .press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.ALT)
        .type(javafx.scene.input.KeyCode.DIGIT1)
        .release(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(showing("outline")).isTrue();
    assertThat(onFx(() -> columns().getItems().size())).isEqualTo(3);
    assertThat(item.isSelected()).isTrue();
  }

  @Test
  void hidingOneOfTwoTabsLeavesTheOtherAloneUnderItsTitle() throws Exception {
    onFx(
        () -> {
          bench.setVisible(PaneId.PROBLEMS, false);
          return null;
        });
    assertThat(robot.lookup("#area-bottom .dock-tabs").tryQuery()).isEmpty();
    assertThat(showing("simulation")).isTrue();
    assertThat(robot.lookup("#hide-simulation").tryQuery()).isPresent();
    assertThat(showing("problems")).isFalse();
  }

  @Test
  void theEditorCannotBeHiddenAndHasNoMenuEntry() throws Exception {
    onFx(
        () -> {
          bench.setVisible(PaneId.EDITOR, false);
          return null;
        });
    assertThat(showing("editor")).isTrue();
    assertThat(onFx(() -> bench.viewMenu().getItems().stream().map(MenuItem::getId).toList()))
        .containsExactly("view-outline", "view-problems", "view-simulation", "view-parameters");
  }

  @Test
  void aLayoutIsReadBackAndRestoredAlsoForPanesDockedLater() throws Exception {
    Workbench.Layout wanted = new Workbench.Layout(0.3, 0.25, 0.4, Set.of(PaneId.PARAMETERS));
    onFx(
        () -> {
          bench.apply(wanted);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(showing("parameters")).isFalse();
    assertThat(onFx(() -> columns().getDividerPositions()[0])).isCloseTo(0.3, within());

    Workbench.Layout read = onFx(() -> bench.layout());
    assertThat(read.hidden()).containsExactly(PaneId.PARAMETERS);
    assertThat(read.left()).isCloseTo(0.3, within());
    assertThat(read.bottom()).isCloseTo(0.4, within());

    // the user drags the left divider
    onFx(
        () -> {
          columns().getDividers().get(0).setPosition(0.15);
          return null;
        });
    assertThat(onFx(() -> bench.layout().left())).isCloseTo(0.15, within());

    Workbench later = onFx(Workbench::new);
    onFx(
        () -> {
          later.apply(wanted);
          later.dock(PaneId.PARAMETERS, "Parameters", new Label("p"), DockArea.RIGHT);
          return null;
        });
    assertThat(onFx(() -> later.visibleProperty(PaneId.PARAMETERS).get())).isFalse();
  }

  @Test
  void aPaneIsDockedOnce() throws Exception {
    assertThatThrownBy(
            () ->
                onFx(
                    () -> {
                      bench.dock(PaneId.OUTLINE, "again", new Label(), DockArea.LEFT);
                      return null;
                    }))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.02);
  }
}
