package io.kmodj.gui.app;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmodj.engine.cli.Main;
import io.kmodj.engine.diff.DiffResult;
import io.kmodj.engine.diff.LookupChange;
import io.kmodj.engine.explain.Explanation;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.diff.DiffPane;
import io.kmodj.gui.editor.Completer.Completion;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.sim.FxTesting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The panes see what the user types before it is saved: the Diff pane lists the lookups an unsaved
 * edit changes, exactly as {@code kmodj diff} lists them for the same change; Explain and
 * completion work on a modules.conf's buffer as on a modprobe.d file's. The samples are copied to a
 * temporary folder and nothing is ever saved.
 */
class UnsavedEditsTest {
  private static final String RELEASE = "6.1.0-47-cloud-amd64";

  @TempDir Path tmp;
  private final FxRobot robot = new FxRobot();
  private final ExecutorService parsing = Executors.newSingleThreadExecutor();
  private final Selection selection = new Selection();
  private ConfigEditor editor;
  private SystemModel model;
  private MainWindow window;
  private Path modern;
  private Path legacy;

  @BeforeEach
  void start() throws Exception {
    modern = copy(FxTesting.samples().resolve("modern"), tmp.resolve("modern"));
    legacy = copy(FxTesting.samples().resolve("modutils"), tmp.resolve("modutils"));
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

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private DiffPane diff() {
    return window.systemPanes().diff();
  }

  /** The active tab's editor (opening a modprobe.d file opens its siblings in tabs too). */
  private ConfigEditor active() {
    return window.editor();
  }

  private CodeArea area() {
    return active().area();
  }

  private String text() {
    return onFx(area()::getText);
  }

  private void open(Path file, Dialect dialect) {
    assertThat(onFx(() -> window.open(file))).isTrue();
    await(
        dialect + " system of " + file.getFileName() + " loaded",
        () -> model.system().map(s -> s.dialect() == dialect).orElse(false));
    await(
        "the diff pane says nothing is unsaved",
        () -> diff().headingText().equals(DiffPane.NO_UNSAVED_CHANGES));
    onFx(
        () -> {
          window.workbench().reveal(PaneId.DIFF);
          return null;
        });
  }

  /** Brings the editor's tab to the front and waits until it is laid out again. */
  private void showEditor() {
    onFx(
        () -> {
          window.workbench().reveal(PaneId.EDITOR);
          return null;
        });
    await(
        "the editor is shown",
        () -> area().getScene() != null && area().isVisible() && area().getWidth() > 0);
  }

  /** Brings the diff pane to the front and waits until a row of it is laid out. */
  private void showDiff(Node row) {
    onFx(
        () -> {
          window.workbench().reveal(PaneId.DIFF);
          return null;
        });
    await(
        "the diff pane is shown",
        () -> row.getScene() != null && row.getLayoutBounds().getWidth() > 0);
  }

  /** Types at the end of the buffer, key by key. */
  private void typeAtEnd(String typed) {
    showEditor();
    robot.clickOn(area()).interact(() -> area().moveTo(area().getLength()));
    robot.write(typed);
  }

  /** The pane's rows with a style class, in order. */
  private <T extends Node> List<T> rows(String styleClass, Class<T> type) {
    return fx(
        () ->
            ((VBox) diff().node().lookup("#diff-body"))
                .getChildren().stream()
                    .filter(n -> n.getStyleClass().contains(styleClass))
                    .map(type::cast)
                    .toList());
  }

  /** Reads FX state, on the FX thread already or not (the conditions of await run there). */
  private static <T> T fx(Callable<T> read) {
    if (!Platform.isFxApplicationThread()) {
      return onFx(read);
    }
    try {
      return read.call();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The lookups the pane lists, as their links read. */
  private List<String> listedLookups() {
    return rows("diff-lookup", Hyperlink.class).stream().map(h -> fx(h::getText).strip()).toList();
  }

  private static List<LookupChange> lookups(DiffResult r) {
    return r.lookups();
  }

  /**
   * What {@code kmodj diff --json OLD NEW} says of the same change: the lookups with their plans
   * before and after (the configuration lines name other files, so they are left out).
   */
  private static List<LookupChange> engineDiff(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    assertThat(exit).as(err.toString(UTF_8)).isEqualTo(1);
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(out.toString(UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    List<LookupChange> changes = new ArrayList<>();
    for (JsonNode l : doc.get("lookups")) {
      changes.add(
          new LookupChange(
              l.get("lookup").asText(), strings(l.get("before")), strings(l.get("after"))));
    }
    return changes;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The modern sample's modprobe.d with one file's text replaced, elsewhere. */
  private Path modprobeDWith(String name, String text) throws IOException {
    Path dir = copy(modern.resolve("etc/modprobe.d"), tmp.resolve("edited/modprobe.d"));
    Files.writeString(dir.resolve(name), text, UTF_8);
    return dir;
  }

  private List<LookupChange> engineDiffOfModern(String name, String edited) throws IOException {
    Path after = modprobeDWith(name, edited);
    return engineDiff(
        "diff",
        "--json",
        "-d",
        modern.toString(),
        "-S",
        RELEASE,
        modern.resolve("etc/modprobe.d").toString(),
        after.toString());
  }

  /**
   * Waits until the pane shows exactly these lookups, listed in this order (typing pauses make the
   * model reload with half-typed lines first: wait for the last).
   */
  private void awaitLookups(List<LookupChange> expected) {
    List<String> names = expected.stream().map(LookupChange::lookup).toList();
    await(
        "the pane lists " + names,
        () ->
            diff().result().map(r -> r.lookups().equals(expected)).orElse(false)
                && listedLookups().equals(names));
  }

  @Test
  void aTypedBlacklistLineListsExactlyTheLookupsTheEngineDiffGivesAndUndoingItClearsThePane()
      throws IOException {
    Path file = modern.resolve("etc/modprobe.d/90-blacklist.conf");
    String disk = Files.readString(file, UTF_8);
    open(file, Dialect.KMOD);

    typeAtEnd("blacklist virtio_net\n");

    List<LookupChange> expected = engineDiffOfModern("90-blacklist.conf", text());
    assertThat(expected).extracting(LookupChange::lookup).contains("eth_virtio");
    awaitLookups(expected);
    assertThat(lookups(diff().result().orElseThrow())).isEqualTo(expected);
    assertThat(listedLookups())
        .containsExactlyElementsOf(expected.stream().map(LookupChange::lookup).toList());
    assertThat(onFx(rows("diff-added", Hyperlink.class).get(0)::getText))
        .isEqualTo("+ 90-blacklist.conf:4: blacklist virtio_net");
    assertThat(rows("diff-plan-after", Node.class).size()).isPositive();
    // nothing was written
    assertThat(Files.readString(file, UTF_8)).isEqualTo(disk);

    // undo back to what the disk holds: nothing unsaved is left to compare
    showEditor();
    robot.clickOn(area());
    for (int i = 0; i < 40 && !text().equals(disk); i++) {
      robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    }
    assertThat(text()).isEqualTo(disk);
    await(
        "the pane says no unsaved changes",
        () ->
            diff().headingText().equals(DiffPane.NO_UNSAVED_CHANGES) && listedLookups().isEmpty());
    assertThat(diff().result()).isEmpty();
  }

  @Test
  void aTypedAliasLineListsTheEngineDiffsLookupsAndClicksSelectTheNameAndTheLine()
      throws IOException {
    Path file = modern.resolve("etc/modprobe.d/10-network.conf");
    open(file, Dialect.KMOD);

    typeAtEnd("alias mynic btrfs\n");

    List<LookupChange> expected = engineDiffOfModern("10-network.conf", text());
    assertThat(expected).extracting(LookupChange::lookup).contains("mynic");
    awaitLookups(expected);
    assertThat(lookups(diff().result().orElseThrow())).isEqualTo(expected);
    assertThat(listedLookups())
        .containsExactlyElementsOf(expected.stream().map(LookupChange::lookup).toList());

    // a lookup is selected everywhere: the explanation follows
    Hyperlink mynic =
        onFx(
            () ->
                rows("diff-lookup", Hyperlink.class).stream()
                    .filter(h -> h.getText().strip().equals("mynic"))
                    .findFirst()
                    .orElseThrow());
    showDiff(mynic);
    robot.clickOn(mynic);
    await("mynic is selected", () -> selection.current().name().equals(Optional.of("mynic")));
    await(
        "the explanation follows",
        () ->
            window
                .systemPanes()
                .explain()
                .explanation()
                .map(e -> e.query().equals("mynic"))
                .orElse(false));
    // Explain reads the unsaved alias too
    Explanation e = onFx(() -> window.systemPanes().explain().explanation().orElseThrow());
    assertThat(e.found()).isTrue();
    assertThat(e.planText()).contains("btrfs.ko");

    // a change's line moves the caret to it, in the buffer as it is
    onFx(
        () -> {
          area().moveTo(0);
          window.workbench().reveal(PaneId.DIFF);
          return null;
        });
    Hyperlink line = rows("diff-added", Hyperlink.class).get(0);
    int lineNo = text().split("\n", -1).length - 1;
    assertThat(onFx(line::getText))
        .isEqualTo("+ 10-network.conf:" + lineNo + ": alias mynic btrfs");
    showDiff(line);
    robot.clickOn(line);
    await("the caret is on the added line", () -> area().getCurrentParagraph() == lineNo - 1);
    assertThat(onFx(() -> active().dirty().get())).as("the edit is still there").isTrue();
  }

  @Test
  void writesAScreenshotOfTheDiffPane() throws IOException {
    Path file = modern.resolve("etc/modprobe.d/90-blacklist.conf");
    open(file, Dialect.KMOD);
    onFx(
        () -> {
          window
              .workbench()
              .apply(new Workbench.Layout(0.2, 0.55, 0.26, java.util.Set.of(PaneId.SIMULATION)));
          return null;
        });

    typeAtEnd("blacklist virtio_net\n");

    List<LookupChange> expected = engineDiffOfModern("90-blacklist.conf", text());
    awaitLookups(expected);
    onFx(
        () -> {
          window.workbench().reveal(PaneId.DIFF);
          return null;
        });
    Hyperlink first = rows("diff-lookup", Hyperlink.class).get(0);
    showDiff(first);
    Path shot = FxTesting.screenshot(first, "diff.png");
    assertThat(shot).isRegularFile();
  }

  @Test
  void aCommentIsNoLookupChange() {
    open(modern.resolve("etc/modprobe.d/20-storage.conf"), Dialect.KMOD);

    typeAtEnd("# a note\n");

    await(
        "the pane says the edit changes no lookup",
        () -> diff().headingText().equals(DiffPane.NO_LOOKUP_CHANGED));
    assertThat(listedLookups()).isEmpty();
  }

  @Test
  void anUnsavedOptionsEditInAModulesConfShowsInExplainAndTheDiff() throws IOException {
    Path conf = legacy.resolve("etc/modules.conf");
    String disk = Files.readString(conf, UTF_8);
    open(conf, Dialect.MODUTILS);
    onFx(
        () -> {
          selection.select(io.kmodj.gui.model.Selection.Selected.name("ne2k-pci", "test"));
          return null;
        });
    await(
        "ne2k-pci is explained with the options on disk",
        () ->
            window
                .systemPanes()
                .explain()
                .explanation()
                .map(e -> e.query().equals("ne2k-pci") && e.planText().contains("full_duplex=1"))
                .orElse(false));

    int at =
        disk.indexOf("options ne2k-pci full_duplex=1") + "options ne2k-pci full_duplex=1".length();
    showEditor();
    robot.clickOn(area()).interact(() -> area().moveTo(at));
    robot.write(" debug=3");

    await(
        "the explanation shows the unsaved option",
        () ->
            window
                .systemPanes()
                .explain()
                .explanation()
                .map(e -> e.planText().contains("full_duplex=1 debug=3"))
                .orElse(false));
    Path edited = tmp.resolve("edited-modules.conf");
    Files.writeString(edited, text(), UTF_8);
    List<LookupChange> expected =
        engineDiff(
            "diff",
            "--json",
            "-d",
            legacy.toString(),
            "-S",
            "2.4.27",
            conf.toString(),
            edited.toString());
    assertThat(expected).extracting(LookupChange::lookup).contains("ne2k-pci", "eth0");
    awaitLookups(expected);
    assertThat(lookups(diff().result().orElseThrow())).isEqualTo(expected);
    assertThat(listedLookups())
        .containsExactlyElementsOf(expected.stream().map(LookupChange::lookup).toList());
    assertThat(Files.readString(conf, UTF_8)).isEqualTo(disk);
  }

  @Test
  void completionInAModulesConfOffersTheSamplesModulesAndConfiguredParameters() {
    Path conf = legacy.resolve("etc/modules.conf");
    open(conf, Dialect.MODUTILS);

    typeAtEnd("alias eth2 eep");
    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);
    await("the sample's module is offered", () -> shown().equals(List.of("eepro100")));
    robot.type(KeyCode.ENTER);
    assertThat(text()).endsWith("alias eth2 eepro100");

    robot.write("\nalias eth3 s");
    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);
    await(
        "every module of modules.dep starting with s",
        () ->
            shown()
                .containsAll(
                    List.of(
                        "sb",
                        "sb_lib",
                        "sound",
                        "soundcore",
                        "slip",
                        "slhc",
                        "sg",
                        "sd_mod",
                        "sr_mod",
                        "scsi_mod")));
    robot.type(KeyCode.ESCAPE);
    await("the popup is closed", () -> active().shownCompletions().isEmpty());
    assertThat(text()).endsWith("alias eth2 eepro100\nalias eth3 s");

    robot.write("\noptions slip sl");
    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);
    await(
        "slip's configured parameter",
        () ->
            active().shownCompletions().stream()
                .map(Completion::text)
                .toList()
                .equals(List.of("slip_maxdev=")));
    robot.type(KeyCode.ENTER);
    await("its configured value", () -> shown().equals(List.of("slip_maxdev=4")));
  }

  private List<String> shown() {
    return onFx(() -> active().shownCompletions().stream().map(Completion::text).toList());
  }
}
