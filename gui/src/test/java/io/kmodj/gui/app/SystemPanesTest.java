package io.kmodj.gui.app;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.graph.Vertex;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.graph.GraphPane;
import io.kmodj.gui.graph.layout.Scope;
import io.kmodj.gui.graph.layout.Status;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.Selection.Selected;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.sim.FxTesting;
import io.kmodj.gui.sim.Simulation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window with every pane docked, on the bundled samples: the graph, parameters and
 * simulation panes follow the opened system and each other.
 */
class SystemPanesTest {
  private static final Path MODERN =
      FxTesting.samples().resolve("modern/etc/modprobe.d/20-storage.conf");
  private static final Path LEGACY = FxTesting.samples().resolve("modutils/etc/modules.conf");

  /** Where loop is written on 20-storage.conf's options line. */
  private static final int MODERN_LOOP =
      "# Storage: loop devices, and a hook run instead of loading virtio_blk\noptions ".length();

  private final FxRobot robot = new FxRobot();
  private final ExecutorService parsing = Executors.newSingleThreadExecutor();
  private final Selection selection = new Selection();
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
          window = new MainWindow(stage, editor, model, selection);
          window.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          editor.close();
          window.close();
          model.close();
        });
    parsing.shutdownNow();
    FxToolkit.cleanupStages();
  }

  private SystemPanes panes() {
    return window.systemPanes();
  }

  private GraphPane graph() {
    return panes().graph().orElseThrow();
  }

  private void open(Path file) {
    assertThat(onFx(() -> window.open(file))).isTrue();
  }

  private void awaitSystem(Dialect dialect) {
    await(
        dialect + " system loaded and its simulation booted",
        () ->
            model.system().map(s -> s.dialect() == dialect).orElse(false)
                && panes()
                    .simulation()
                    .map(s -> s.system().dialect())
                    .orElse("")
                    .equals(dialect.word())
                && panes().graph().isPresent());
  }

  private Optional<Status> statusOf(Vertex v) {
    return onFx(
        () -> graph().scope().flatMap(s -> s.indexOf(v).map(i -> s.nodes().get(i).status())));
  }

  @Test
  void aLineSelectedInTheOutlineIsShownInTheEditorAndTheOtherPanes() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    await(
        "the outline of the system",
        () -> !robot.lookup("options loop max_loop=16").queryAll().isEmpty());
    robot.clickOn("options loop max_loop=16");
    // the editor has the file open: the caret goes to the line, the text is not read again
    await("the caret is on line 2", () -> window.editor().area().getCurrentParagraph() == 1);
    await(
        "the parameters show loop",
        () -> panes().parameters().map(p -> "loop".equals(p.module().get())).orElse(false));
    await(
        "the explanation is of loop",
        () -> panes().explain().explanation().map(e -> e.query().equals("loop")).orElse(false));
    assertThat(onFx(() -> selection.current().source())).isEqualTo("outline");

    // a line of another file of the system opens that file at the line
    robot.clickOn("alias bond* bonding");
    await(
        "the network file is open at line 3",
        () ->
            window.file().map(f -> f.endsWith("10-network.conf")).orElse(false)
                // the file opens in a tab of its own: the active tab's editor has the caret
                && window.editor() != editor
                && window.editor().area().getCurrentParagraph() == 2);
  }

  @Test
  void theLogSaysWhatTheWindowDidAndWhatFailedInTheBackground() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    await(
        "the log has the file opened and the system loaded",
        () -> {
          java.util.List<String> said =
              window.log().entries().stream().map(e -> e.message()).toList();
          return said.stream().anyMatch(m -> m.equals("opened " + MODERN))
              && said.stream().anyMatch(m -> m.startsWith("Loaded "));
        });
    // a worker's failure reaches the window's log, shown in the Log pane
    io.kmodj.gui.model.Workers.failed("graph layout", new OutOfMemoryError("Java heap space"));
    onFx(
        () -> {
          window.workbench().reveal(PaneId.LOG);
          return null;
        });
    await(
        "the failure is a red row of the Log pane",
        () ->
            robot
                .lookup("#log-list .log-error")
                .queryAllAs(javafx.scene.control.ListCell.class)
                .stream()
                .anyMatch(
                    c ->
                        c.getText() != null
                            && c.getText()
                                .endsWith(
                                    "graph layout failed: OutOfMemoryError: Java heap space")));
  }

  @Test
  void theCaretOnALineNamingAModuleSelectsItEverywhere() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    await(
        "the options line is coloured",
        () -> window.editor().area().getStyleOfChar(MODERN_LOOP).contains("lexeme-module"));
    onFx(
        () -> {
          window.editor().area().moveTo(1, 2); // on "options", line 2: the line's name is loop
          return null;
        });
    await(
        "loop is selected from the editor",
        () ->
            selection.current().name().equals(Optional.of("loop"))
                && selection.current().source().equals("editor"));
    await(
        "the parameters, the explanation and the graph follow",
        () ->
            panes().parameters().map(p -> "loop".equals(p.module().get())).orElse(false)
                && panes().explain().explanation().map(e -> e.query().equals("loop")).orElse(false)
                && Optional.ofNullable(graph().selectedProperty().get())
                    .map(v -> v.name().equals("loop"))
                    .orElse(false));
    // the caret on virtio_blk's name, line 3
    onFx(
        () -> {
          window.editor().area().moveTo(2, "install vir".length());
          return null;
        });
    await(
        "virtio_blk is selected",
        () -> selection.current().name().equals(Optional.of("virtio_blk")));
    assertThat(onFx(() -> selection.current().location().orElseThrow().line())).isEqualTo(3);
  }

  @Test
  void everyPaneIsDockedAndHasAViewMenuEntry() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    for (PaneId id :
        new PaneId[] {
          PaneId.OUTLINE,
          PaneId.EDITOR,
          PaneId.GRAPH,
          PaneId.PARAMETERS,
          PaneId.EXPLAIN,
          PaneId.DIFF,
          PaneId.SIMULATION,
          PaneId.PROBLEMS,
          PaneId.LOG
        }) {
      assertThat(onFx(() -> window.workbench().isDocked(id))).as(id.name()).isTrue();
      assertThat(onFx(() -> window.workbench().visibleProperty(id).get())).as(id.name()).isTrue();
    }
    assertThat(
            onFx(
                () ->
                    window.workbench().viewMenu().getItems().stream()
                        .map(MenuItem::getId)
                        .toList()))
        .containsExactly(
            "view-outline",
            "view-graph",
            "view-parameters",
            "view-explain",
            "view-diff",
            "view-simulation",
            "view-problems",
            "view-log");
    // the editor and the graph share the centre as tabs; the others have an area each
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.CENTER))).contains(PaneId.EDITOR);
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.LEFT))).contains(PaneId.OUTLINE);
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.RIGHT))).contains(PaneId.PARAMETERS);
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.BOTTOM))).contains(PaneId.SIMULATION);
    assertThat(robot.lookup("#graph-pane").tryQuery()).isPresent();
    assertThat(robot.lookup("#parameters").tryQuery()).isPresent();
    assertThat(robot.lookup("#simulation").tryQuery()).isPresent();
    // hiding the simulation from the View menu folds the bottom strip away
    CheckMenuItem sim =
        onFx(
            () ->
                (CheckMenuItem)
                    window.workbench().viewMenu().getItems().stream()
                        .filter(i -> i.getId().equals("view-simulation"))
                        .findFirst()
                        .orElseThrow());
    onFx(
        () -> {
          sim.setSelected(false);
          return null;
        });
    assertThat(robot.lookup("#simulation").tryQuery()).isEmpty();
    // the problems and the log are left in the strip; hiding them too folds the strip away
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.BOTTOM))).contains(PaneId.PROBLEMS);
    onFx(
        () -> {
          window.workbench().setVisible(PaneId.PROBLEMS, false);
          return null;
        });
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.BOTTOM))).contains(PaneId.LOG);
    onFx(
        () -> {
          window.workbench().setVisible(PaneId.LOG, false);
          return null;
        });
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.BOTTOM))).isEmpty();
  }

  @Test
  void aModuleSelectedInTheGraphIsShownInParameters() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    Scope shown = onFx(() -> graph().showPlan("loop")).join();
    assertThat(shown.indexOf(new Vertex.Module("loop"))).isPresent();
    onFx(
        () -> {
          graph().selectedProperty().set(new Vertex.Module("loop"));
          return null;
        });
    assertThat(selection.current()).isEqualTo(Selected.name("loop", "graph"));
    await(
        "the parameters pane shows loop",
        () ->
            robot
                .lookup("#params-heading")
                .queryAs(Label.class)
                .getText()
                .startsWith("Parameters of loop"));
    assertThat(onFx(() -> panes().parameters().orElseThrow().module().get())).isEqualTo("loop");
  }

  private static final Path NETWORK =
      FxTesting.samples().resolve("modern/etc/modprobe.d/10-network.conf");

  private void showParametersOf(String module) {
    onFx(
        () -> {
          selection.select(Selected.name(module, "test"));
          return null;
        });
    await(
        "the parameters pane shows " + module,
        () ->
            panes().parameters().map(p -> module.equals(p.module().get())).orElse(false)
                && robot
                    .lookup("#params-heading")
                    .queryAs(Label.class)
                    .getText()
                    .startsWith("Parameters of " + module));
  }

  private FileBuffer buffer(Path file) {
    return onFx(() -> window.tabs().bufferOf(file).orElseThrow(() -> new AssertionError(file)));
  }

  @Test
  void aParameterEditGoesToTheOpenTabHoldingTheOptionsLineAndUndoesInOneStep() {
    open(MODERN);
    open(NETWORK);
    awaitSystem(Dialect.KMOD);
    assertThat(onFx(() -> window.tabs().active().name())).isEqualTo("10-network.conf");
    String network = onFx(() -> buffer(NETWORK).text());
    showParametersOf("loop");

    assertThat(onFx(() -> panes().parameters().orElseThrow().edit("max_loop", "32"))).isTrue();

    FileBuffer storage = buffer(MODERN);
    assertThat(onFx(() -> window.tabs().active())).isSameAs(storage);
    assertThat(onFx(storage::text)).contains("options loop max_loop=32\n");
    assertThat(onFx(() -> buffer(NETWORK).text())).isEqualTo(network);
    onFx(
        () -> {
          storage.editor().area().undo();
          return null;
        });
    assertThat(onFx(storage::text)).contains("options loop max_loop=16\n");
    assertThat(onFx(() -> storage.editor().area().isUndoAvailable())).isFalse();
  }

  @Test
  void aParameterEditOpensTheFileHoldingTheOptionsLineWhenItIsNotOpen() {
    open(NETWORK);
    awaitSystem(Dialect.KMOD);
    assertThat(onFx(() -> window.tabs().bufferOf(MODERN))).isEmpty();
    showParametersOf("loop");

    assertThat(onFx(() -> panes().parameters().orElseThrow().edit("max_loop", "8"))).isTrue();

    FileBuffer storage = buffer(MODERN);
    assertThat(onFx(() -> window.tabs().active())).isSameAs(storage);
    assertThat(onFx(storage::text)).contains("options loop max_loop=8\n");
    assertThat(onFx(() -> buffer(NETWORK).text())).doesNotContain("loop");
    onFx(
        () -> {
          storage.editor().area().undo();
          return null;
        });
    assertThat(onFx(storage::text)).contains("options loop max_loop=16\n");
    assertThat(onFx(() -> storage.dirty().get())).isFalse();
  }

  @Test
  void aNameSelectedElsewhereIsShownInTheGraphAsItsPlan() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    onFx(
        () -> {
          selection.select(Selected.name("nfsd", "outline"));
          return null;
        });
    await(
        "the graph shows and selects nfsd",
        () ->
            graph().scope().map(s -> s.title().contains("nfsd")).orElse(false)
                && new Vertex.Module("nfsd").equals(graph().selectedProperty().get()));
    assertThat(onFx(() -> graph().scope().orElseThrow().loadOrder()))
        .contains(new Vertex.Module("sunrpc"), new Vertex.Module("nfsd"));
    // the graph's own echo of the selection did not replace it
    assertThat(selection.current().source()).isEqualTo("outline");
  }

  @Test
  void aSelectedNameIsExplainedAndItsLinksOpenTheFileAtTheLine() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    onFx(
        () -> {
          window.workbench().reveal(PaneId.EXPLAIN);
          selection.select(Selected.name("nfsd", "outline"));
          return null;
        });
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.RIGHT))).contains(PaneId.EXPLAIN);
    await(
        "the explain pane shows nfsd",
        () ->
            panes().explain().explanation().map(e -> e.query().equals("nfsd")).orElse(false)
                && robot.lookup(".explain-link").tryQuery().isPresent());
    assertThat(
            onFx(
                () ->
                    robot.lookup(".explain-plan-step").queryAll().stream()
                        .map(
                            n ->
                                ((Label) ((javafx.scene.layout.FlowPane) n).getChildren().get(0))
                                    .getText())
                        .toList()))
        .contains(
            "insmod sunrpc: hard dependency of nfsd (modules.dep)",
            "insmod nfsd: the module nfsd names");
    Path softdep =
        FxTesting.samples()
            .resolve("modern/lib/modules/6.1.0-47-cloud-amd64/modules.softdep")
            .toAbsolutePath()
            .normalize();
    javafx.scene.control.Hyperlink link =
        onFx(
            () ->
                robot
                    .lookup(".explain-link")
                    .queryAllAs(javafx.scene.control.Hyperlink.class)
                    .stream()
                    .filter(h -> h.getText().equals("6.1.0-47-cloud-amd64/modules.softdep:2"))
                    .findFirst()
                    .orElseThrow());
    robot.clickOn(link);
    WaitForAsyncUtils.waitForFxEvents();
    // the window opened modules.softdep with the caret on its line 2
    assertThat(onFx(() -> window.file().map(f -> f.toAbsolutePath().normalize())))
        .contains(softdep);
    assertThat(onFx(() -> window.editor().area().getCurrentParagraph())).isEqualTo(1);
    assertThat(selection.current().location().map(l -> l.line())).contains(2);
  }

  @Test
  void aRequestInTheSimulationMarksItsModulesLoadedInTheGraph() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    onFx(() -> graph().showPlan("nfsd")).join();
    assertThat(statusOf(new Vertex.Module("sunrpc"))).contains(Status.MODULE);
    onFx(
        () -> {
          robot.lookup("#sim-request-name").queryAs(TextField.class).setText("nfsd");
          return null;
        });
    robot.clickOn("#sim-request");
    await(
        "nfsd and what it needs are coloured loaded",
        () -> {
          Scope s = graph().scope().orElseThrow();
          return s.indexOf(new Vertex.Module("nfsd"))
                  .map(i -> s.nodes().get(i).status() == Status.LOADED)
                  .orElse(false)
              && s.indexOf(new Vertex.Module("sunrpc"))
                  .map(i -> s.nodes().get(i).status() == Status.LOADED)
                  .orElse(false);
        });
    // and the parameters of a loaded module say so
    onFx(
        () -> {
          selection.select(Selected.name("sunrpc", "test"));
          return null;
        });
    await(
        "the parameters pane shows sunrpc loaded",
        () ->
            robot
                .lookup("#params-heading")
                .queryAs(Label.class)
                .getText()
                .startsWith("Parameters of sunrpc (loaded)"));
  }

  @Test
  void openingAnotherSampleRebuildsTheSimulationAndTheGraph() {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    Simulation first = onFx(() -> panes().simulation().orElseThrow());
    Object firstPane = onFx(() -> panes().simulationPane().orElseThrow());
    open(LEGACY);
    awaitSystem(Dialect.MODUTILS);
    Simulation second = onFx(() -> panes().simulation().orElseThrow());
    assertThat(second).isNotSameAs(first);
    assertThat(second.system().release()).isEqualTo("2.4.27");
    assertThat(onFx(() -> panes().simulationPane().orElseThrow())).isNotSameAs(firstPane);
    // the one graph pane now plans with modutils' modprobe
    onFx(
        () -> {
          selection.select(Selected.name("sound-slot-0", "test"));
          return null;
        });
    await(
        "the graph shows the modutils plan of sound-slot-0",
        () ->
            graph().scope().map(s -> s.title().contains("sound-slot-0")).orElse(false)
                && !graph().scope().orElseThrow().loadOrder().isEmpty());
    // the new simulation's panes are the ones in the window
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(
            onFx(
                () ->
                    robot
                        .lookup("#simulation")
                        .tryQuery()
                        .map(n -> n == panes().simulationPane().orElseThrow().node())
                        .orElse(false)))
        .isTrue();
  }

  @Test
  void writesAScreenshotOfTheWorkbench() throws Exception {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    onFx(
        () -> {
          window.workbench().reveal(PaneId.GRAPH);
          window.workbench().reveal(PaneId.SIMULATION);
          return null;
        });
    // the bottom strip's tabs (simulation, log) are laid out a pulse later
    await("the simulation's tab", () -> robot.lookup("#sim-request-name").tryQuery().isPresent());
    onFx(
        () -> {
          robot.lookup("#sim-request-name").queryAs(TextField.class).setText("nfsd");
          return null;
        });
    robot.clickOn("#sim-request");
    onFx(
        () -> {
          selection.select(Selected.name("nfsd", "outline"));
          return null;
        });
    await(
        "the plan of nfsd is shown with nfsd loaded",
        () ->
            graph().scope().map(s -> s.title().contains("nfsd")).orElse(false)
                && statusOf(new Vertex.Module("nfsd")).equals(Optional.of(Status.LOADED))
                && robot
                    .lookup("#params-heading")
                    .queryAs(Label.class)
                    .getText()
                    .startsWith("Parameters of nfsd (loaded)"));
    onFx(
        () -> {
          graph().fit();
          return null;
        });
    Path out = FxTesting.screenshot(graph(), "workbench.png");
    assertThat(out).isRegularFile();
    assertThat(onFx(() -> window.workbench().frontOf(DockArea.CENTER))).contains(PaneId.GRAPH);
  }

  @Test
  void writesScreenshotsOfTheOutlineAndTheExplainPane() throws Exception {
    open(MODERN);
    awaitSystem(Dialect.KMOD);
    await(
        "the outline of the system",
        () -> !robot.lookup("options bonding mode=active-backup miimon=100").queryAll().isEmpty());
    robot.clickOn("options bonding mode=active-backup miimon=100");
    await(
        "the explanation is of bonding",
        () -> panes().explain().explanation().map(e -> e.query().equals("bonding")).orElse(false));
    onFx(
        () -> {
          window.workbench().reveal(PaneId.EXPLAIN);
          return null;
        });
    await(
        "the explain pane is in front",
        () ->
            robot
                .lookup("#explain-heading")
                .tryQuery()
                .map(javafx.scene.Node::isVisible)
                .orElse(false));
    // wider columns than a first start's, so the shots show whole lines
    onFx(
        () -> {
          robot
              .lookup(".workbench")
              .queryAs(javafx.scene.control.SplitPane.class)
              .setDividerPositions(0.36, 0.5);
          return null;
        });
    Path outline = FxTesting.screenshotOf(panes().outline().node(), "outline.png");
    Path explained = FxTesting.screenshotOf(panes().explain().node(), "explain.png");
    assertThat(outline).isRegularFile();
    assertThat(explained).isRegularFile();
  }
}
