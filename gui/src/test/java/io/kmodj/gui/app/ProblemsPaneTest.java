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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Problems pane of the main window on the modern sample: the diagnostics of every open tab,
 * live as the user types, and those of the system's files no tab shows, filtered by severity, a row
 * taking the user to its tab (or a new one) and line. The sample files are never saved: the edits
 * stay in the buffers, and a test that changes a file on disk changes a copy.
 */
class ProblemsPaneTest {
  private static final Path DIR = FxTesting.samples().resolve("modern/etc/modprobe.d");
  private static final Path STORAGE = DIR.resolve("20-storage.conf");
  private static final Path NETWORK = DIR.resolve("10-network.conf");

  @TempDir Path tmp;
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
    assertThat(all()).noneMatch(p -> p.origin() instanceof FileBuffer);

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
  void aProblemOfAFileNoTabShowsIsListedAndOpensItsFileAtTheLine() throws Exception {
    Path root = copy(FxTesting.samples().resolve("modern"), tmp.resolve("modern"));
    Path dir = root.resolve("etc/modprobe.d");
    Path network = dir.resolve("10-network.conf");
    Files.writeString(network, "nonsense here\n", StandardOpenOption.APPEND);
    assertThat(onFx(() -> window.open(dir.resolve("20-storage.conf")))).isTrue();
    await(
        "the bad line of the file no tab shows is listed, with its path",
        () ->
            pane().problems().stream()
                .anyMatch(
                    p ->
                        p.row().startsWith("10-network.conf:7:1  bad-line  ")
                            && p.origin().equals(network)));
    // check's findings on the other files are listed too, file:line:column
    assertThat(all())
        .extracting(Problem::row)
        .anyMatch(r -> r.startsWith("90-blacklist.conf:2:1  blacklist-softdep  "))
        .anyMatch(r -> r.startsWith("90-blacklist.conf:3:1  blacklist-not-a-block  "));
    Problem bad =
        all().stream().filter(p -> p.file().equals("10-network.conf")).findFirst().orElseThrow();

    onFx(
        () -> {
          window.workbench().reveal(PaneId.PROBLEMS);
          return null;
        });
    await("the row is shown", () -> robot.lookup(bad.row()).tryQuery().isPresent());
    robot.clickOn(bad.row());
    await(
        "the file is open in a tab with the caret on line 7",
        () ->
            window.tabs().bufferOf(network).isPresent()
                && window.tabs().active() == tab(network)
                && window.editor().area().getCurrentParagraph() == 6);
    // the system stays the one shown
    assertThat(onFx(() -> model.spec().orElseThrow().configPaths()))
        .containsExactly(dir.toString());
    await(
        "the open file's problem is listed once, from its tab",
        () -> {
          List<Problem> rows =
              pane().problems().stream()
                  .filter(p -> p.row().startsWith("10-network.conf:7:1  bad-line  "))
                  .toList();
          return rows.size() == 1 && rows.get(0).origin() == tab(network);
        });
  }

  @Test
  void anUnsavedEditChangesTheProblemsOfFilesNoTabShows() throws Exception {
    assertThat(onFx(() -> window.open(NETWORK))).isTrue();
    await(
        "the blacklist that the softdep defeats is listed",
        () -> pane().problems().stream().anyMatch(p -> p.row().contains("blacklist-softdep")));
    // the unsaved text drops the softdep: the other file's warning goes, its infos stay
    FileBuffer b = tab(NETWORK);
    onFx(
        () -> {
          String t = b.editor().area().getText();
          b.editor().area().replaceText(t.replace("softdep bonding pre: 8021q post: dummy\n", ""));
          return null;
        });
    await(
        "the warning is gone",
        () -> pane().problems().stream().noneMatch(p -> p.row().contains("blacklist-softdep")));
    assertThat(all())
        .filteredOn(p -> p.file().equals("90-blacklist.conf"))
        .isNotEmpty()
        .allMatch(p -> p.origin() instanceof Path);
  }

  @Test
  void theFilesAModulesConfIncludesHaveTheirProblemsListed() throws Exception {
    Path root = copy(FxTesting.samples().resolve("modutils"), tmp.resolve("modutils"));
    Path conf = root.resolve("etc/modules.conf");
    Path included = root.resolve("etc/net.conf");
    Files.writeString(included, "alias eth2 ne2k-pci\nnonsense here\n");
    Files.writeString(conf, "include " + included + "\n", StandardOpenOption.APPEND);
    assertThat(onFx(() -> window.open(conf))).isTrue();
    await(
        "the included file's bad line is listed",
        () ->
            pane().problems().stream()
                .anyMatch(p -> p.row().startsWith("net.conf:2:") && p.origin().equals(included)));
    Problem bad = all().stream().filter(p -> p.file().equals("net.conf")).findFirst().orElseThrow();
    onFx(
        () -> {
          window.workbench().reveal(PaneId.PROBLEMS);
          return null;
        });
    await("the row is shown", () -> robot.lookup(bad.row()).tryQuery().isPresent());
    robot.clickOn(bad.row());
    await(
        "the included file is open with the caret on line 2",
        () ->
            window.tabs().bufferOf(included).isPresent()
                && window.tabs().active() == tab(included)
                && window.editor().area().getCurrentParagraph() == 1);
    // opened as part of the modules.conf's system
    assertThat(onFx(() -> model.spec().orElseThrow().configPaths()))
        .containsExactly(conf.toString());
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

  @Test
  void writesAScreenshotOfTheProblemsPane() throws Exception {
    assertThat(onFx(() -> window.open(STORAGE))).isTrue();
    assertThat(onFx(() -> window.open(NETWORK))).isTrue();
    await("the system is loaded", () -> model.system().isPresent());
    type(NETWORK, "nonsense here\noptions bonding no_such_parameter=1\n");
    type(STORAGE, "blacklist no_such_module\nalias eth-virtio e1000\n");
    await("four problems", () -> pane().problems().size() >= 4);
    await(
        "and those of the file no tab shows",
        () -> pane().problems().stream().anyMatch(p -> p.file().equals("90-blacklist.conf")));
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
