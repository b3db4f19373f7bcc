package io.kmodj.gui.log;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.gui.model.Workers;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The Log pane: what the application did, a worker's failure among it, filtered and cleared. */
class LogPaneTest {
  private final FxRobot robot = new FxRobot();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-test-worker"));
  private AppLog log;
  private Runnable stopLogging = () -> {};

  private void show() throws Exception {
    Stage stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          log = new AppLog(Platform::runLater);
          stopLogging = Workers.onFailure(log::failed);
          stage.setScene(new Scene((javafx.scene.Parent) new LogPane(log).node(), 700, 300));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    stopLogging.run();
    worker.shutdownNow();
    FxToolkit.cleanupStages();
  }

  /** The rows shown, as the user reads them (without the time). */
  private List<String> rows() {
    return robot.lookup("#log-list .list-cell").queryAllAs(ListCell.class).stream()
        .filter(c -> c.getItem() != null)
        .map(c -> c.getText().substring("00:00:00  ".length()))
        .sorted()
        .toList();
  }

  private List<String> errorRows() {
    return robot.lookup("#log-list .log-error").queryAllAs(ListCell.class).stream()
        .filter(c -> c.getItem() != null)
        .map(c -> c.getText().substring("00:00:00  ".length()))
        .toList();
  }

  @Test
  void anErrorEscapingAWorkerIsLoggedNotSilent() throws Exception {
    show();
    log.info("opened /etc/modprobe.d/a.conf");
    worker.execute(
        () -> {
          throw new AssertionError("the worker broke");
        });
    await(
        "both entries are shown",
        () ->
            rows()
                .equals(
                    List.of(
                        "error  kmodj-test-worker failed: AssertionError: the worker broke",
                        "info  opened /etc/modprobe.d/a.conf")));
    assertThat(onFx(this::errorRows))
        .containsExactly("error  kmodj-test-worker failed: AssertionError: the worker broke");
    // and the worker lives on: its next task runs and its failure is logged too
    worker.execute(
        () -> {
          throw new IllegalStateException("again", new java.io.IOException("disk"));
        });
    await(
        "the second failure is shown",
        () ->
            rows()
                .contains(
                    "error  kmodj-test-worker failed: IllegalStateException: again"
                        + " (caused by IOException: disk)"));
  }

  @Test
  void errorsOnlyHidesTheRestAndClearEmptiesTheLog() throws Exception {
    show();
    log.info("saved /tmp/a.conf");
    log.error("Cannot save /tmp/b.conf: Permission denied");
    log.info("reloaded c.conf, changed on disk");
    await("three rows", () -> rows().size() == 3);
    robot.clickOn("#log-errors-only");
    await(
        "the error only",
        () -> rows().equals(List.of("error  Cannot save /tmp/b.conf: Permission denied")));
    assertThat(onFx(() -> robot.lookup("#log-errors-only").queryAs(CheckBox.class).isSelected()))
        .isTrue();
    robot.clickOn("#log-errors-only");
    await("all three again", () -> rows().size() == 3);
    robot.clickOn("#log-clear");
    await("nothing", () -> rows().isEmpty() && log.entries().isEmpty());
    Node placeholder = onFx(() -> robot.lookup("Nothing logged yet").query());
    assertThat(placeholder).isNotNull();
  }

  @Test
  void theLogKeepsTheNewestEntries() throws Exception {
    show();
    for (int i = 0; i < AppLog.LIMIT + 5; i++) {
      log.info("entry " + i);
    }
    await("the limit is kept", () -> log.entries().size() == AppLog.LIMIT);
    assertThat(onFx(() -> log.entries().get(0).message())).isEqualTo("entry 5");
    assertThat(onFx(() -> log.entries().get(AppLog.LIMIT - 1).message()))
        .isEqualTo("entry " + (AppLog.LIMIT + 4));
  }
}
