package io.kmodj.gui.app;

import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.log.AppLog;
import io.kmodj.gui.log.LogPane;
import io.kmodj.gui.model.ConfigTexts;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.model.Workers;
import io.kmodj.gui.problems.ProblemsPane;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/**
 * The main window: File and View menus over the {@link Workbench} of docked panes and a status
 * line, titled with the active file's name and a {@code *} while it has unsaved changes. The panes
 * are docked in {@link #dockPanes()}: the editor area ({@link EditorTabs}, a tab per open file),
 * then the {@link SystemPanes} (graph, parameters, explain, simulation) reading the shared {@link
 * SystemModel} and {@link Selection}. Opening a file points the model at the system it belongs to
 * ({@link SystemOfFile}); each unsaved edit goes to the model's overlay, so the panes show what the
 * user is typing. What is remembered between runs (window size, layout, recent files, open tabs) is
 * read and restored as a {@link GuiState}; each change of the recent files is handed to {@link
 * #setOnStateChange}. Confined to the FX thread.
 */
final class MainWindow {
  private final Stage stage;
  private final SystemModel model;
  private final Selection selection;
  private final Workbench workbench = new Workbench();
  private final EditorTabs tabs;
  private final SystemPanes systemPanes;
  private final Label notice = new Label();
  private final AppLog log = new AppLog(Platform::runLater);
  private final Runnable stopLogging;
  private final PauseTransition settle = new PauseTransition(javafx.util.Duration.millis(250));
  private boolean closed;
  private final ProblemsPane problems = new ProblemsPane(this::goTo);
  private final ProblemsFeed problemsFeed;
  private final Menu recentMenu = new Menu("Open _Recent");
  private GuiState remembered = GuiState.DEFAULT;
  private Consumer<GuiState> onStateChange = s -> {};

  /**
   * Builds the window's scene on a stage.
   *
   * @param stage the stage to fill
   * @param editor the first tab's editor; later tabs get editors like it ({@link
   *     ConfigEditor#sibling})
   * @param model the loaded system every pane shows
   * @param selection the selection every pane shares
   */
  MainWindow(Stage stage, ConfigEditor editor, SystemModel model, Selection selection) {
    this.stage = Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(editor, "editor");
    this.model = Objects.requireNonNull(model, "model");
    this.selection = Objects.requireNonNull(selection, "selection");
    this.tabs = new EditorTabs(stage, model, editor, editor::sibling);
    this.stopLogging = Workers.onFailure(log::failed);
    tabs.setOnNotice(this::notice);
    tabs.setOnOpened(this::remember);
    tabs.setLog(log);
    logModel();
    tabs.setOnOpenAt(this::openAt);
    this.systemPanes = new SystemPanes(tabs, model, selection, l -> openAt(l.file(), l.line()));
    dockPanes();
    this.problemsFeed = new ProblemsFeed(problems, tabs, model);
    BorderPane root = new BorderPane(workbench.node());
    root.setTop(menus());
    Label status = new Label();
    status.setId("status-line");
    status.textProperty().bind(model.statusProperty());
    status.setPadding(new Insets(2, 6, 2, 6));
    notice.setId("status-notice");
    notice.setPadding(new Insets(2, 6, 2, 6));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    root.setBottom(new HBox(status, gap, notice));
    stage.setScene(new Scene(root, 1280, 800));
    tabs.activeProperty().addListener((o, was, now) -> retitle(now));
    retitle(tabs.active());
    followCaret();
    // a line selected elsewhere (the outline, the problems) is shown in the editor
    selection
        .currentProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.source().equals(PaneId.EDITOR.source())) {
                now.location().ifPresent(l -> openAt(l.file(), l.line()));
              }
            });
    stage.setOnCloseRequest(
        e -> {
          if (!tabs.mayCloseAll()) {
            e.consume();
          }
        });
  }

  /** The title follows the active buffer: {@code *NAME — kmodj} while it is dirty. */
  private void retitle(FileBuffer b) {
    stage.titleProperty().unbind();
    if (b == null) {
      stage.setTitle("kmodj");
      return;
    }
    stage
        .titleProperty()
        .bind(
            Bindings.when(b.dirty())
                .then("*")
                .otherwise("")
                .concat(b.editor().fileNameProperty())
                .concat(" — kmodj"));
  }

  /**
   * A problem picked in the Problems pane: its tab in front, the caret at it; a file no tab shows
   * opened in one, the caret at the problem's line.
   */
  private void goTo(ProblemsPane.Problem p) {
    workbench.reveal(PaneId.EDITOR);
    if (p.origin() instanceof FileBuffer b && tabs.buffers().contains(b)) {
      tabs.select(b);
      b.editor().goTo(p.diagnostic());
      b.editor().area().requestFocus();
    } else if (p.origin() instanceof Path file) {
      openAt(file, p.diagnostic().span().line());
    }
  }

  /** The Problems pane. */
  ProblemsPane problems() {
    return problems;
  }

  /**
   * The caret drives the selection: 250 ms after the caret of the active tab stops on a line naming
   * a module (the name under the caret, else the line's first), that name and line are selected
   * everywhere (the outline, the graph, the parameters, the explanation). A caret put on the
   * selected line by another pane (openAt) leaves that pane's selection alone. The names are those
   * the highlighter coloured off the FX thread; nothing is parsed here.
   */
  private void followCaret() {
    settle.setOnFinished(e -> caretSettled());
    javafx.beans.value.ChangeListener<Number> moved = (o, was, now) -> settle.playFromStart();
    tabs.activeProperty()
        .addListener(
            (o, was, now) -> {
              if (was != null) {
                was.editor().area().caretPositionProperty().removeListener(moved);
              }
              if (now != null) {
                now.editor().area().caretPositionProperty().addListener(moved);
              }
            });
    if (tabs.active() != null) {
      tabs.active().editor().area().caretPositionProperty().addListener(moved);
    }
  }

  private void caretSettled() {
    FileBuffer b = tabs.active();
    if (closed || b == null || b.path().isEmpty()) {
      return;
    }
    Path file = b.path().get();
    org.fxmisc.richtext.CodeArea area = b.editor().area();
    int paragraph = area.getCurrentParagraph();
    int line = paragraph + 1;
    boolean selectedHere =
        selection
            .current()
            .location()
            .map(l -> l.line() == line && ConfigTexts.sameFile(l.file(), file))
            .orElse(false);
    if (selectedHere) {
      return;
    }
    nameOnLine(area, paragraph, area.getCaretColumn())
        .ifPresent(
            n ->
                selection.select(Selection.Selected.nameAt(n, file, line, PaneId.EDITOR.source())));
  }

  /** The module name under the column on a paragraph, else the paragraph's first one. */
  static Optional<String> nameOnLine(org.fxmisc.richtext.CodeArea area, int paragraph, int column) {
    String text = area.getParagraph(paragraph).getText();
    int start = area.getAbsolutePosition(paragraph, 0);
    Optional<String> first = Optional.empty();
    int i = 0;
    while (i < text.length()) {
      if (!area.getStyleOfChar(start + i).contains("lexeme-module")) {
        i++;
        continue;
      }
      int from = i;
      while (i < text.length() && area.getStyleOfChar(start + i).contains("lexeme-module")) {
        i++;
      }
      String name = text.substring(from, i);
      if (column >= from && column <= i) {
        return Optional.of(name);
      }
      if (first.isEmpty()) {
        first = Optional.of(name);
      }
    }
    return first;
  }

  /** The model's loading, finishing and failing go to the log. */
  private void logModel() {
    model
        .statusProperty()
        .addListener(
            (o, was, now) -> {
              if (now.isEmpty()) {
                return;
              }
              if (now.startsWith("Cannot load")) {
                log.error(now);
              } else {
                log.info(now);
              }
            });
  }

  /** Docks every pane: one line each. */
  private void dockPanes() {
    workbench.dock(PaneId.EDITOR, "Editor", tabs.node(), DockArea.CENTER);
    systemPanes.dockInto(workbench);
    workbench.dock(PaneId.PROBLEMS, "Problems", problems.node(), DockArea.BOTTOM);
    workbench.dock(PaneId.LOG, "Log", new LogPane(log).node(), DockArea.BOTTOM);
    // the simulation stays in front of the bottom strip's tabs, as before it had company
    workbench.reveal(PaneId.SIMULATION);
    workbench.reveal(PaneId.EDITOR);
  }

  /** What the application did, as the Log pane shows it. */
  AppLog log() {
    return log;
  }

  /** The panes about the open system. */
  SystemPanes systemPanes() {
    return systemPanes;
  }

  /**
   * The editor area: the active buffer ({@link EditorTabs#activeProperty}) and every open one
   * ({@link EditorTabs#buffers}), observable.
   */
  EditorTabs tabs() {
    return tabs;
  }

  /** Stops the panes' background work and the editors'. */
  void close() {
    closed = true;
    settle.stop();
    stopLogging.run();
    tabs.close();
    systemPanes.close();
    problemsFeed.close();
  }

  /**
   * Opens a file in its tab with the caret at a line: go to definition, the explain and diff panes'
   * links, a line selected in the outline.
   *
   * @param target the file
   * @param line the line, from 1 (0: the top)
   */
  void openAt(Path target, int line) {
    if (tabs.openAt(target, line) && line > 0) {
      Selection.Selected now = selection.current();
      boolean thisLine =
          now.location()
              .map(l -> l.line() == line && ConfigTexts.sameFile(l.file(), target))
              .orElse(false);
      // a line selected elsewhere keeps its name
      if (!thisLine) {
        selection.select(Selection.Selected.line(target, line, PaneId.EDITOR.source()));
      }
    }
  }

  /**
   * Restores a remembered state: the window's size, the panes' layout and the recent files (before
   * the window is shown).
   *
   * @param state the state read at start
   */
  void restore(GuiState state) {
    remembered = Objects.requireNonNull(state, "state");
    stage.setWidth(state.width());
    stage.setHeight(state.height());
    workbench.apply(state.layout());
    // the scene's first layout is at its built size: once the window has the restored size, the
    // dividers go where they were (a column keeps its pixels when the window is resized)
    stage
        .showingProperty()
        .addListener(
            new javafx.beans.value.ChangeListener<Boolean>() {
              @Override
              public void changed(
                  javafx.beans.value.ObservableValue<? extends Boolean> o,
                  Boolean was,
                  Boolean now) {
                if (now) {
                  stage.showingProperty().removeListener(this);
                  javafx.application.Platform.runLater(() -> workbench.apply(state.layout()));
                }
              }
            });
    fillRecentMenu();
  }

  /**
   * Opens the tabs open when the application last closed (those whose files still exist), the last
   * active one selected.
   *
   * @param state the state read at start
   * @return whether a tab was opened
   */
  boolean reopenTabs(GuiState state) {
    boolean any = false;
    for (Path p : state.open()) {
      if (Files.exists(p) && tabs.open(p)) {
        any = true;
      }
    }
    state.last().flatMap(tabs::bufferOf).ifPresent(tabs::select);
    // reopening is no new use: the recent files stay in their remembered order
    remembered = state;
    fillRecentMenu();
    return any;
  }

  /**
   * The state to remember now: the window's size, the layout, the recent files, the active file and
   * the open ones.
   */
  GuiState state() {
    double w = stage.getWidth();
    double h = stage.getHeight();
    List<Path> open = new ArrayList<>();
    for (FileBuffer b : tabs.buffers()) {
      // a directory's files open again as that directory, as part of its system
      Optional<Path> p = b.openedWith().or(b::path);
      p.filter(x -> !open.contains(x)).ifPresent(open::add);
    }
    return new GuiState(
        Double.isNaN(w) ? remembered.width() : w,
        Double.isNaN(h) ? remembered.height() : h,
        workbench.layout(),
        remembered.recent(),
        file().isPresent() ? file() : remembered.last(),
        open);
  }

  /**
   * Who hears of a change worth saving at once (a file opened, so the recent files changed).
   *
   * @param listener receives the state now
   */
  void setOnStateChange(Consumer<GuiState> listener) {
    onStateChange = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Shows a message at the right of the status line until the next one.
   *
   * @param message the message
   */
  void notice(String message) {
    notice.setText(message);
    log.info(message);
  }

  private void remember(Path opened) {
    log.info("opened " + opened);
    remembered = remembered.opened(opened);
    fillRecentMenu();
    onStateChange.accept(state());
  }

  private void fillRecentMenu() {
    recentMenu.getItems().clear();
    int i = 0;
    for (Path p : remembered.recent()) {
      MenuItem item = new MenuItem(p.toString());
      // the path as typed: an underscore in a file name is no mnemonic
      item.setMnemonicParsing(false);
      item.setId("recent-" + i++);
      item.setOnAction(e -> openRecent(p));
      recentMenu.getItems().add(item);
    }
    recentMenu.setDisable(recentMenu.getItems().isEmpty());
  }

  private void openRecent(Path p) {
    if (!Files.exists(p)) {
      notice(p + " no longer exists");
      remembered = remembered.forgetting(p);
      fillRecentMenu();
      onStateChange.accept(state());
      return;
    }
    open(p);
  }

  /** The docked panes. */
  Workbench workbench() {
    return workbench;
  }

  /** The loaded system. */
  SystemModel model() {
    return model;
  }

  /** The shared selection. */
  Selection selection() {
    return selection;
  }

  private MenuBar menus() {
    MenuItem open = item("_Open…", "Shortcut+O", this::chooseAndOpen);
    MenuItem openDir = item("Open _Directory…", "Shortcut+Shift+O", this::chooseDirectory);
    MenuItem included = item("Open _Included Files", "Shortcut+Alt+I", tabs::openIncluded);
    MenuItem save = item("_Save", "Shortcut+S", () -> save());
    MenuItem saveAs = item("Save _As…", "Shortcut+Shift+S", () -> tabs.saveAs(tabs.active()));
    MenuItem saveAll = item("Save A_ll", "Shortcut+Alt+S", tabs::saveAll);
    MenuItem closeTab = item("_Close Tab", "Shortcut+W", () -> tabs.close(tabs.active()));
    MenuItem quit =
        item(
            "_Quit",
            "Shortcut+Q",
            () -> {
              if (tabs.mayCloseAll()) {
                stage.close();
              }
            });
    open.setId("menu-open");
    openDir.setId("menu-open-directory");
    included.setId("menu-open-included");
    save.setId("menu-save");
    saveAll.setId("menu-save-all");
    closeTab.setId("menu-close-tab");
    recentMenu.setId("menu-recent");
    recentMenu.setDisable(true);
    Menu fileMenu =
        new Menu(
            "_File",
            null,
            open,
            recentMenu,
            openDir,
            included,
            new SeparatorMenuItem(),
            save,
            saveAs,
            saveAll,
            new SeparatorMenuItem(),
            closeTab,
            quit);
    fileMenu.setId("menu-file");
    return new MenuBar(fileMenu, workbench.viewMenu());
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setAccelerator(KeyCombination.keyCombination(accelerator));
    item.setOnAction(e -> action.run());
    return item;
  }

  /** The active tab's editor. */
  ConfigEditor editor() {
    return tabs.active().editor();
  }

  /** The active tab's file, if it has one. */
  Optional<Path> file() {
    FileBuffer b = tabs.active();
    return b == null ? Optional.empty() : b.path();
  }

  /** Shows the window. */
  void show() {
    stage.show();
    editor().area().requestFocus();
  }

  /** Starts an empty untitled buffer in a tab of its own. */
  void openUntitled() {
    tabs.openUntitled();
  }

  /**
   * Opens a file in a tab (or selects its tab), or every configuration file of a directory; a file
   * that does not exist yet opens empty and is created on save.
   *
   * @param path the file or directory
   * @return whether it was opened (a read error is shown)
   */
  boolean open(Path path) {
    return tabs.open(path);
  }

  /**
   * Saves the active tab, asking for a file if it is untitled.
   *
   * @return whether the text was saved
   */
  boolean save() {
    return tabs.save(tabs.active());
  }

  private void chooseAndOpen() {
    File chosen = tabs.chooser(file()).showOpenDialog(stage);
    if (chosen != null) {
      open(chosen.toPath());
    }
  }

  private void chooseDirectory() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open a modprobe.d directory or a system root");
    file()
        .map(p -> p.toAbsolutePath().getParent())
        .filter(Files::isDirectory)
        .ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
    File chosen = chooser.showDialog(stage);
    if (chosen != null) {
      open(chosen.toPath());
    }
  }
}
