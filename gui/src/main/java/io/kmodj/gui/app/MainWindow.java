package io.kmodj.gui.app;

import io.kmodj.engine.system.SystemSpec;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.editor.EditorContext;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.SystemModel;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
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
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The main window: File and View menus over the {@link Workbench} of docked panes and a status
 * line, titled with the file name and a {@code *} while there are unsaved changes. The panes are
 * docked in {@link #dockPanes()}: the editor, then the {@link SystemPanes} (graph, parameters,
 * explain, simulation) reading the shared {@link SystemModel} and {@link Selection}. Opening a file
 * points the model at the system it belongs to ({@link SystemOfFile}); each unsaved edit goes to
 * the model's overlay, so the panes show what the user is typing. What is remembered between runs
 * (window size, layout, recent files) is read and restored as a {@link GuiState}; each change of
 * the recent files is handed to {@link #setOnStateChange}. Confined to the FX thread.
 */
final class MainWindow {
  private final Stage stage;
  private final ConfigEditor editor;
  private final SystemModel model;
  private final Selection selection;
  private final Workbench workbench = new Workbench();
  private final SystemPanes systemPanes;
  private Path file;
  private boolean replacingText;
  private Charset charset = StandardCharsets.UTF_8;
  private final Label notice = new Label();
  private final Menu recentMenu = new Menu("Open _Recent");
  private GuiState remembered = GuiState.DEFAULT;
  private Consumer<GuiState> onStateChange = s -> {};

  /**
   * Builds the window's scene on a stage.
   *
   * @param stage the stage to fill
   * @param editor the editor to show
   * @param model the loaded system every pane shows
   * @param selection the selection every pane shares
   */
  MainWindow(Stage stage, ConfigEditor editor, SystemModel model, Selection selection) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.editor = Objects.requireNonNull(editor, "editor");
    this.model = Objects.requireNonNull(model, "model");
    this.selection = Objects.requireNonNull(selection, "selection");
    this.systemPanes = new SystemPanes(editor, model, selection, l -> openAt(l.file(), l.line()));
    dockPanes();
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
    editor.area().textProperty().addListener((o, was, now) -> textChanged(now));
    editor.setOnOpenDefinition(this::openDefinition);
    stage
        .titleProperty()
        .bind(
            Bindings.when(editor.dirty())
                .then("*")
                .otherwise("")
                .concat(editor.fileNameProperty())
                .concat(" — kmodj"));
    stage.setOnCloseRequest(
        e -> {
          if (!mayDiscard()) {
            e.consume();
          }
        });
  }

  /** Docks every pane: one line each. */
  private void dockPanes() {
    workbench.dock(PaneId.EDITOR, "Editor", editor.node(), DockArea.CENTER);
    systemPanes.dockInto(workbench);
    workbench.reveal(PaneId.EDITOR);
  }

  /** The panes about the open system. */
  SystemPanes systemPanes() {
    return systemPanes;
  }

  /** Stops the panes' background work. */
  void close() {
    systemPanes.close();
  }

  /** An edit: the model reads the unsaved text in place of the file (dropped once it is clean). */
  private void textChanged(String text) {
    if (replacingText || file == null) {
      return;
    }
    if (editor.dirty().get()) {
      model.bufferChanged(file, text.getBytes(charset));
    } else {
      model.bufferSaved(file);
    }
  }

  /** Go to definition into another file: opens it (asking about unsaved changes) at the line. */
  private void openDefinition(EditorContext.Definition d) {
    openAt(d.file(), d.line());
  }

  /**
   * Opens a file (asking about unsaved changes) with the caret at a line: go to definition, the
   * explain and diff panes' links. The file being edited is not opened again: the caret moves in
   * the buffer as it is.
   *
   * @param target the file
   * @param line the line, from 1 (0: the top)
   */
  void openAt(Path target, int line) {
    boolean editing =
        file != null
            && file.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize());
    if (!editing && (!mayDiscard() || !open(target))) {
      return;
    }
    if (line > 0) {
      int paragraph = Math.min(line, editor.area().getParagraphs().size()) - 1;
      editor.area().moveTo(paragraph, 0);
      editor.area().requestFollowCaret();
      selection.select(Selection.Selected.line(target, line, PaneId.EDITOR.source()));
    }
  }

  /**
   * Points the model at the system a configuration file belongs to, unless it shows that one
   * already; any other file (a modules.dep opened by go to definition) leaves the system as it is.
   */
  private void loadSystemOf(Path path) {
    if (!SystemOfFile.isConfiguration(path)) {
      return;
    }
    SystemSpec spec = SystemOfFile.of(path);
    if (!model.spec().equals(Optional.of(spec))) {
      model.load(spec);
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

  /** The state to remember now: the window's size, the layout, the recent and the open file. */
  GuiState state() {
    double w = stage.getWidth();
    double h = stage.getHeight();
    return new GuiState(
        Double.isNaN(w) ? remembered.width() : w,
        Double.isNaN(h) ? remembered.height() : h,
        workbench.layout(),
        remembered.recent(),
        file != null ? Optional.of(file) : remembered.last());
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
  }

  private void remember(Path opened) {
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
    if (!mayDiscard()) {
      return;
    }
    if (!Files.isRegularFile(p)) {
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
    MenuItem save = item("_Save", "Shortcut+S", this::save);
    MenuItem saveAs = item("Save _As…", "Shortcut+Shift+S", this::saveAs);
    MenuItem quit =
        item(
            "_Quit",
            "Shortcut+Q",
            () -> {
              if (mayDiscard()) {
                stage.close();
              }
            });
    open.setId("menu-open");
    save.setId("menu-save");
    recentMenu.setId("menu-recent");
    recentMenu.setDisable(true);
    Menu fileMenu =
        new Menu("_File", null, open, recentMenu, save, saveAs, new SeparatorMenuItem(), quit);
    fileMenu.setId("menu-file");
    return new MenuBar(fileMenu, workbench.viewMenu());
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setAccelerator(KeyCombination.keyCombination(accelerator));
    item.setOnAction(e -> action.run());
    return item;
  }

  /** The editor shown. */
  ConfigEditor editor() {
    return editor;
  }

  /** The file being edited, if the buffer has one. */
  Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Shows the window. */
  void show() {
    stage.show();
    editor.area().requestFocus();
  }

  /** Starts an empty untitled buffer. */
  void openUntitled() {
    if (file != null) {
      model.bufferSaved(file);
    }
    file = null;
    charset = StandardCharsets.UTF_8;
    editor.load("untitled", "");
  }

  /**
   * Opens a file; a file that does not exist yet opens empty and is created on save.
   *
   * @param path the file
   * @return whether the file was opened (a read error is shown and leaves the buffer as it was)
   */
  boolean open(Path path) {
    String text;
    Charset read;
    try {
      byte[] bytes = Files.readAllBytes(path);
      read = isUtf8(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
      text = new String(bytes, read);
    } catch (NoSuchFileException e) {
      read = StandardCharsets.UTF_8;
      text = "";
    } catch (IOException e) {
      error("Cannot open " + path, e);
      return false;
    }
    if (file != null) {
      model.bufferSaved(file);
    }
    file = path;
    charset = read;
    replacingText = true;
    try {
      editor.load(path.getFileName().toString(), text);
    } finally {
      replacingText = false;
    }
    loadSystemOf(path);
    remember(path);
    return true;
  }

  /**
   * Saves to the current file, asking for one if the buffer is untitled.
   *
   * @return whether the text was saved
   */
  boolean save() {
    if (file == null) {
      return saveAs();
    }
    try {
      new AtomicFileWriter(file).write(editor.area().getText().getBytes(charset));
    } catch (IOException e) {
      error("Cannot save " + file, e);
      return false;
    }
    editor.markSaved();
    model.bufferSaved(file);
    return true;
  }

  private boolean saveAs() {
    File chosen = chooser().showSaveDialog(stage);
    if (chosen == null) {
      return false;
    }
    if (file != null) {
      model.bufferSaved(file);
    }
    file = chosen.toPath();
    editor.fileNameProperty().set(file.getFileName().toString());
    boolean saved = save();
    if (saved) {
      loadSystemOf(file);
      remember(file);
    }
    return saved;
  }

  private void chooseAndOpen() {
    if (!mayDiscard()) {
      return;
    }
    File chosen = chooser().showOpenDialog(stage);
    if (chosen != null) {
      open(chosen.toPath());
    }
  }

  private FileChooser chooser() {
    FileChooser chooser = new FileChooser();
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Module configuration", "*.conf", "modules.conf*"),
            new FileChooser.ExtensionFilter("All files", "*"));
    if (file != null && file.toAbsolutePath().getParent() != null) {
      chooser.setInitialDirectory(file.toAbsolutePath().getParent().toFile());
    }
    return chooser;
  }

  /** Asks what to do with unsaved changes; true when they are saved or may be dropped. */
  private boolean mayDiscard() {
    if (!editor.dirty().get()) {
      return true;
    }
    ButtonType saveButton = new ButtonType("Save", ButtonData.YES);
    ButtonType discard = new ButtonType("Discard", ButtonData.NO);
    Alert ask =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            editor.fileNameProperty().get() + " has unsaved changes.",
            saveButton,
            discard,
            ButtonType.CANCEL);
    ask.initOwner(stage);
    ask.setHeaderText("Save changes?");
    ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
    if (answer == saveButton) {
      return save();
    }
    return answer == discard;
  }

  private void error(String what, IOException e) {
    Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
    alert.initOwner(stage);
    alert.setHeaderText(what);
    alert.showAndWait();
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      // configuration files from before UTF-8 are Latin-1 more often than not
      return false;
    }
  }
}
