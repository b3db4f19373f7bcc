package io.kmodj.gui.app;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.problems.ProblemsPane;
import io.kmodj.gui.problems.ProblemsPane.Problem;
import io.kmodj.gui.sim.FxTesting;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Problems pane of the main window on the modern sample: the diagnostics of every open tab,
 * live as the user types, filtered by severity, a row taking the user to its tab and line. The
 * sample files are never saved: the edits stay in the buffers.
 */
class ProblemsPaneTest {
  private static final Path DIR = FxTesting.samples().resolve("modern/etc/modprobe.d");
  private static final Path STORAGE = DIR.resolve("20-storage.conf");
  private static final Path NETWORK = DIR.resolve("10-network.conf");

  private final FxRobot robot = new FxRobot();
  private final ExecutorService parsing = Executors.newSingleThreadExecutor();
  private ConfigEditor editor;
  private SystemModel model;
  private MainWindow window;

  @BeforeEach
  void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        stage -> {
          editor =
              new ConfigEditor(
                  parsing, (file, text) -> Dialect.forFileName(file).parse(file, text));
          model = new SystemModel(Platform::runLater);
          window = new MainWindow(stage, editor, model, new Selection());
          window.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          // the edits are dropped, never saved into the samples
          for (FileBuffer b : List.copyOf(window.tabs().buffers())) {
            b.editor().load(b.name(), "");
          }
          editor.close();
          window.close();
          model.close();
        });
    parsing.shutdownNow();
    FxToolkit.cleanupStages();
  }

  private ProblemsPane pane() {
    return window.problems();
  }

  private List<Problem> all() {
    return onFx(() -> pane().problems());
  }

  private FileBuffer tab(Path file) {
    return onFx(() -> window.tabs().bufferOf(file).orElseThrow());
  }

  private void type(Path file, String text) {
    FileBuffer b = tab(file);
    onFx(
        () -> {
          b.editor().area().appendText(text);
          return null;
        });
  }

  @Test
  void everyOpenTabsProblemsAreListedLiveFilteredAndTakeTheUserThere() throws Exception {
    assertThat(onFx(() -> window.open(STORAGE))).isTrue();
    assertThat(onFx(() -> window.open(NETWORK))).isTrue();
    await("the system is loaded", () -> model.system().isPresent());
    assertThat(all()).isEmpty();

    // typing into both tabs: a bad line in one, a blacklist of no module in the other
    type(NETWORK, "nonsense here\n");
    type(STORAGE, "blacklist no_such_module\n");
    await(
        "both tabs' problems are listed, the tabs in their order",
        () -> {
          List<String> rows = pane().problems().stream().map(Problem::row).toList();
          return rows.stream()
                  .anyMatch(r -> r.startsWith("20-storage.conf:") && r.contains("no_such_module"))
              && rows.stream()
                  .anyMatch(
                      r ->
                          r.startsWith("10-network.conf:7:1  bad-line  ")
                              && r.contains("nonsense"));
        });
    List<Problem> listed = all();
    Problem bad =
        listed.stream().filter(p -> p.file().equals("10-network.conf")).findFirst().orElseThrow();
    Problem unknown =
        listed.stream()
            .filter(p -> p.diagnostic().message().contains("no_such_module"))
            .findFirst()
            .orElseThrow();
    assertThat(bad.diagnostic().severity()).isEqualTo(Severity.ERROR);
    assertThat(unknown.diagnostic().severity()).isEqualTo(Severity.WARNING);
    assertThat(unknown.row())
        .isEqualTo(
            "20-storage.conf"
                + ":"
                + unknown.diagnostic().span().line()
                + ":"
                + unknown.diagnostic().span().column()
                + "  "
                + unknown.diagnostic().code()
                + "  "
                + unknown.diagnostic().message());
    // the storage tab comes first in the strip, so its problems do too
    assertThat(listed.indexOf(unknown)).isLessThan(listed.indexOf(bad));

    // the filter: errors hidden, then warnings hidden; the counts stay on the toggles
    onFx(
        () -> {
          window.workbench().reveal(PaneId.PROBLEMS);
          return null;
        });
    // the bottom strip's tabs are laid out a pulse later
    await("the pane's toggles", () -> robot.lookup("#problems-show-error").tryQuery().isPresent());
    robot.clickOn("#problems-show-error");
    await("errors hidden", () -> !pane().shown().contains(bad));
    assertThat(onFx(() -> pane().shown())).contains(unknown);
    robot.clickOn("#problems-show-warning");
    await("warnings hidden too", () -> !pane().shown().contains(unknown));
    robot.clickOn("#problems-show-error");
    await("errors shown again", () -> pane().shown().contains(bad));
    assertThat(
            onFx(
                () ->
                    ((javafx.scene.control.ToggleButton)
                            robot.lookup("#problems-show-error").query())
                        .getText()))
        .isEqualTo("Errors 1");

    // a click on the network row brings its tab forward with the caret on the bad line
    onFx(
        () -> {
          window.tabs().select(tab(STORAGE));
          return null;
        });
    await("the row is shown", () -> robot.lookup(bad.row()).tryQuery().isPresent());
    robot.clickOn(bad.row());
    await(
        "the network tab is active with the caret on line 7",
        () ->
            window.tabs().active() == tab(NETWORK)
                && window.editor().area().getCurrentParagraph() == 6);

    // fixing the line empties its part of the list as the user types
    FileBuffer network = tab(NETWORK);
    onFx(
        () -> {
          String t = network.editor().area().getText();
          network.editor().area().replaceText(t.replace("nonsense here\n", ""));
          return null;
        });
    await(
        "the bad line's problem is gone",
        () -> pane().problems().stream().noneMatch(p -> p.file().equals("10-network.conf")));
    assertThat(all()).extracting(Problem::diagnostic).contains(unknown.diagnostic());
  }

  @Test
  void writesAScreenshotOfTheProblemsPane() throws Exception {
    assertThat(onFx(() -> window.open(STORAGE))).isTrue();
    assertThat(onFx(() -> window.open(NETWORK))).isTrue();
    await("the system is loaded", () -> model.system().isPresent());
    type(NETWORK, "nonsense here\noptions bonding no_such_parameter=1\n");
    type(STORAGE, "blacklist no_such_module\nalias eth-virtio e1000\n");
    await("four problems", () -> pane().problems().size() >= 4);
    onFx(
        () -> {
          window.workbench().reveal(PaneId.PROBLEMS);
          return null;
        });
    await("rows are shown", () -> robot.lookup("#problems .list-cell").tryQuery().isPresent());
    onFx(
        () -> {
          window.workbench().setVisible(PaneId.OUTLINE, false);
          return null;
        });
    Node node = onFx(() -> pane().node());
    assertThat(FxTesting.screenshotOf(node, "problems.png")).exists();
  }
}
