package io.kmodj.gui.params;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.check.DeclaredParameters;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.params.ParameterReport;
import io.kmodj.gui.sim.FxTesting;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.util.UndoUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The parameters pane, headless: editing a configured value rewrites the options line. */
class ParametersPaneTest {
  private static final String TEXT =
      "# Storage: loop devices\noptions loop max_loop=16\nblacklist floppy\n";

  @TempDir Path tmp;
  private final FxRobot robot = new FxRobot();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private SimulatedKernel kernel;
  private CodeArea area;
  private ParametersPane pane;

  @BeforeEach
  void start() throws Exception {
    Path root = FxTesting.samples().resolve("modern");
    SystemImage system =
        new SystemImage(
            root.toString(),
            "6.1.0-47-cloud-amd64",
            "kmod",
            List.of(root.resolve("etc/modprobe.d").toString()));
    ParameterStore persist = new ParameterStore(tmp.resolve("persist"));
    persist.save("loop", Map.of("max_part", "8"));
    kernel = new SimulatedKernel(system, n -> false, Clock.systemUTC(), Optional.empty());
    kernel.initModule(
        new SimulatedKernel.InitRequest("loop", "/x/loop.ko", 1, List.of(), "max_loop=8", false));
    ParametersPane.Sources real =
        ParametersPane.Sources.of(Optional.of(system), persist, KernelAccess.of(kernel));
    // the sample's module files are empty; these are loop's modinfo lines, read as modinfo reads
    List<DeclaredParameters.Parameter> loop =
        DeclaredParameters.fromModinfo(
            List.of(
                ModinfoEntry.parse("parm=max_loop:Maximum number of loop devices"),
                ModinfoEntry.parse("parmtype=max_loop:int"),
                ModinfoEntry.parse("parm=max_part:Maximum number of partitions per loop device"),
                ModinfoEntry.parse("parmtype=max_part:int"),
                ModinfoEntry.parse("parm=hw_queue_depth:Queue depth for each hardware queue"),
                ModinfoEntry.parse("parmtype=hw_queue_depth:hw_queue_depth")));
    ParametersPane.Sources sources =
        new ParametersPane.Sources() {
          @Override
          public Optional<List<DeclaredParameters.Parameter>> declared(String module) {
            return module.equals("loop") ? Optional.of(loop) : real.declared(module);
          }

          @Override
          public ParameterStore.Saved saved(String module) {
            return real.saved(module);
          }

          @Override
          public String savedFile(String module) {
            return real.savedFile(module);
          }

          @Override
          public Optional<io.kmodj.engine.kernel.LoadedModule> live(String module) {
            return real.live(module);
          }
        };
    Stage stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          area = new CodeArea(TEXT);
          area.setId("doc");
          area.setUndoManager(UndoUtils.plainTextUndoManager(area));
          area.getUndoManager().forgetHistory();
          pane =
              new ParametersPane(
                  ParametersPane.Document.of(area, () -> "20-storage.conf"), sources, background);
          SplitPane split = new SplitPane(new VirtualizedScrollPane<>(area), pane.node());
          split.setOrientation(javafx.geometry.Orientation.VERTICAL);
          stage.setScene(new Scene(split, 900, 520));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    onFx(
        () -> {
          pane.close();
          return null;
        });
    FxToolkit.cleanupStages();
    background.shutdownNow();
  }

  private String text() {
    return onFx(() -> area.getText());
  }

  private Optional<ParameterReport.Parameter> row(String name) {
    return onFx(() -> pane.rows().stream().filter(p -> p.name().equals(name)).findFirst());
  }

  private Labeled cell(String text) {
    await(
        "a cell shows " + text,
        () ->
            robot.lookup("#params-table .table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> text.equals(c.getText())));
    return robot.lookup("#params-table .table-cell").queryAllAs(Labeled.class).stream()
        .filter(c -> text.equals(c.getText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cell shows " + text));
  }

  @Test
  void showsDeclaredConfiguredSavedAndLiveValues() {
    onFx(
        () -> {
          pane.module().set("loop");
          return null;
        });
    await("the rows are read", () -> pane.rows().size() == 3);
    ParameterReport.Parameter maxLoop = row("max_loop").orElseThrow();
    assertThat(maxLoop.type()).isEqualTo("int");
    assertThat(maxLoop.configured()).contains("16");
    assertThat(maxLoop.configuredAt().orElseThrow().line()).isEqualTo(2);
    assertThat(maxLoop.live()).contains("8");
    assertThat(row("max_part").orElseThrow().saved()).contains("8");
    assertThat(onFx(() -> robot.lookup("#params-heading").queryAs(Labeled.class).getText()))
        .isEqualTo("Parameters of loop (loaded)");
    assertThat(cell("20-storage.conf:2")).isNotNull();
  }

  @Test
  void editingAConfiguredValueRewritesTheOptionsLineAsOneUndoableEdit() throws Exception {
    onFx(
        () -> {
          pane.module().set("loop");
          return null;
        });
    await("the rows are read", () -> row("max_loop").isPresent());
    robot.doubleClickOn(cell("16"));
    TextField editor = robot.lookup("#params-table .text-field").queryAs(TextField.class);
    onFx(
        () -> {
          editor.selectAll();
          return null;
        });
    robot.write("64").type(KeyCode.ENTER);
    await("the buffer is rewritten", () -> area.getText().contains("max_loop=64"));
    assertThat(text())
        .isEqualTo("# Storage: loop devices\noptions loop max_loop=64\nblacklist floppy\n");
    await(
        "the table follows",
        () -> row("max_loop").flatMap(p -> p.configured()).orElse("").equals("64"));

    // a parameter with no value yet joins the module's line
    robot.clickOn("#params-add").write("max_part=15").type(KeyCode.ENTER);
    await("max_part is added", () -> area.getText().contains("max_part=15"));
    assertThat(text())
        .isEqualTo(
            "# Storage: loop devices\noptions loop max_loop=64 max_part=15\nblacklist floppy\n");

    // emptying a value removes the parameter from the line
    robot.doubleClickOn(cell("64"));
    TextField again = robot.lookup("#params-table .text-field").queryAs(TextField.class);
    onFx(
        () -> {
          again.clear();
          return null;
        });
    robot.type(KeyCode.ENTER);
    await("max_loop is removed", () -> !area.getText().contains("max_loop"));
    assertThat(text())
        .isEqualTo("# Storage: loop devices\noptions loop max_part=15\nblacklist floppy\n");

    // each edit is one step of the document's undo history
    onFx(
        () -> {
          area.undo();
          return null;
        });
    assertThat(text())
        .isEqualTo(
            "# Storage: loop devices\noptions loop max_loop=64 max_part=15\nblacklist floppy\n");
    onFx(
        () -> {
          area.undo();
          area.undo();
          return null;
        });
    assertThat(text()).isEqualTo(TEXT);
  }

  @Test
  void aValueTheLineCannotHoldIsRefusedAndTheTextKept() {
    onFx(
        () -> {
          pane.module().set("loop");
          return null;
        });
    await("the rows are read", () -> row("max_loop").isPresent());
    assertThat(onFx(() -> pane.edit("max_loop", "a\"b"))).isFalse();
    assertThat(text()).isEqualTo(TEXT);
    assertThat(onFx(() -> robot.lookup("#params-status").queryAs(Labeled.class).getText()))
        .contains("cannot hold \"");
  }

  @Test
  void typingInTheDocumentUpdatesTheTableAndAScreenshotIsWritten() throws Exception {
    onFx(
        () -> {
          pane.module().set("loop");
          return null;
        });
    await("the rows are read", () -> row("max_loop").isPresent());
    onFx(
        () -> {
          area.insertText(area.getLength(), "options loop hw_queue_depth=64\n");
          return null;
        });
    await(
        "the typed value shows",
        () -> row("hw_queue_depth").flatMap(p -> p.configured()).orElse("").equals("64"));
    assertThat(row("hw_queue_depth").orElseThrow().configuredAt().orElseThrow().line())
        .isEqualTo(4);
    await(
        "the table draws it",
        () ->
            robot.lookup("#params-table .table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> "20-storage.conf:4".equals(c.getText())));
    FxTesting.screenshot(pane.node(), "parameters.png");
  }
}
