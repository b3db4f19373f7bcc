package io.kmodj.gui.app;

import io.kmodj.engine.config.ConfigFiles;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.editor.EditorContext;
import io.kmodj.gui.log.AppLog;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.model.Workers;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The editor area: a tab per open file ({@link FileBuffer}), each with an editor of its own.
 *
 * <ul>
 *   <li>Opening a modprobe.d directory, or a system root (a directory with {@code lib/modules}),
 *       opens each configuration file kmod reads there in a tab, in the order kmod reads them
 *       ({@link ConfigFiles}); a file a same-named one in an earlier directory hides follows the
 *       file hiding it, marked {@code (hidden)}. A modules.conf's {@code include}d files open on
 *       demand ({@link #openIncluded}, or go to definition on the include path).
 *   <li>Each tab's title is the file name with {@code •} while it has unsaved changes; closing such
 *       a tab asks (Save / Discard / Cancel), and {@link #mayCloseAll} asks once for all.
 *   <li>The open files are looked at every second and when the window gains the focus, off the FX
 *       thread: a file changed on disk reloads its clean buffer (caret and scroll kept; undo gives
 *       the old text back); a dirty buffer gets a bar "changed on disk — Reload / Keep mine /
 *       Compare" (Compare shows both texts side by side, read-only); a deleted file marks its tab.
 *       A save first compares the disk with what the buffer last knew of it, and asks before
 *       replacing a change made elsewhere.
 *   <li>The active buffer's system is the {@link SystemModel}'s: a tab opened as part of a
 *       directory, a root or an include keeps that system; each dirty buffer's text goes to the
 *       model as an unsaved text.
 * </ul>
 *
 * <p>The active buffer ({@link #activeProperty}) and every open buffer ({@link #buffers}) are
 * observable for the other panes. Confined to the FX thread.
 */
final class EditorTabs {
  private final Stage stage;
  private final SystemModel model;
  private final Supplier<ConfigEditor> editors;
  private final TabPane tabPane = new TabPane();
  private final ObservableList<FileBuffer> buffers = FXCollections.observableArrayList();
  private final ObservableList<FileBuffer> readOnlyBuffers =
      FXCollections.unmodifiableObservableList(buffers);
  private final ReadOnlyObjectWrapper<FileBuffer> active =
      new ReadOnlyObjectWrapper<>(this, "active");
  private final ExecutorService diskWork =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-gui-disk"));
  private final Timeline poll;
  private ConfigEditor spare;
  private EditorContext context = EditorContext.EMPTY;
  private Consumer<String> notice = s -> {};
  private AppLog log = new AppLog(Runnable::run);
  private Consumer<Path> onOpened = p -> {};
  private BiConsumer<Path, Integer> openAt = (p, l) -> {};
  private boolean checking;
  private boolean closed;

  /**
   * Builds the editor area, empty until a file is opened.
   *
   * @param stage the window the dialogs belong to
   * @param model the loaded system
   * @param first the first tab's editor
   * @param editors makes the editors of later tabs
   */
  EditorTabs(Stage stage, SystemModel model, ConfigEditor first, Supplier<ConfigEditor> editors) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.model = Objects.requireNonNull(model, "model");
    this.spare = Objects.requireNonNull(first, "first");
    this.editors = Objects.requireNonNull(editors, "editors");
    tabPane.setId("editor-tabs");
    tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    tabPane
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> activated(now == null ? null : (FileBuffer) now.getUserData()));
    tabPane
        .getTabs()
        .addListener(
            (ListChangeListener<Tab>)
                c -> {
                  while (c.next()) {
                    for (Tab t : c.getRemoved()) {
                      disposed((FileBuffer) t.getUserData());
                    }
                  }
                });
    poll = new Timeline(new KeyFrame(Duration.seconds(1), e -> checkDisk()));
    poll.setCycleCount(Timeline.INDEFINITE);
    poll.play();
    stage
        .focusedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                checkDisk();
              }
            });
    // never empty: an untitled buffer until a file is opened in its place
    openUntitled();
  }

  /** The tab pane, to dock. */
  Node node() {
    return tabPane;
  }

  /** The buffer of the selected tab; never null once a file or an untitled buffer is open. */
  ReadOnlyObjectProperty<FileBuffer> activeProperty() {
    return active.getReadOnlyProperty();
  }

  /** The buffer of the selected tab. */
  FileBuffer active() {
    return active.get();
  }

  /** Every open buffer, in tab order. */
  ObservableList<FileBuffer> buffers() {
    return readOnlyBuffers;
  }

  /**
   * The buffer of a file, if it is open.
   *
   * @param file the file
   * @return its buffer
   */
  Optional<FileBuffer> bufferOf(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return buffers.stream()
        .filter(b -> b.path().map(p -> p.toAbsolutePath().normalize().equals(abs)).orElse(false))
        .findFirst();
  }

  /** Where status messages go (a reload, an empty directory). */
  void setOnNotice(Consumer<String> notice) {
    this.notice = Objects.requireNonNull(notice, "notice");
  }

  /** Where saves and failures to read or write a file are logged. */
  void setLog(AppLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Who hears of each file opened or saved under a new name (the recent files). */
  void setOnOpened(Consumer<Path> onOpened) {
    this.onOpened = Objects.requireNonNull(onOpened, "onOpened");
  }

  /** What go to definition into another file does (the window opens it at the line). */
  void setOnOpenAt(BiConsumer<Path, Integer> openAt) {
    this.openAt = Objects.requireNonNull(openAt, "openAt");
  }

  /**
   * Sets the loaded system every editor completes and checks against, the tabs opened later too.
   *
   * @param context the system's context
   */
  void setContext(EditorContext context) {
    this.context = Objects.requireNonNull(context, "context");
    for (FileBuffer b : buffers) {
      b.editor().setContext(context);
    }
  }

  // ---- opening

  /**
   * Opens a file in a tab (selecting its tab when it is open already), or every configuration file
   * of a directory. A file that does not exist yet opens empty and is created on save.
   *
   * @param path the file or directory
   * @return whether something was opened (a read error is shown)
   */
  boolean open(Path path) {
    if (Files.isDirectory(path)) {
      return openDirectory(path);
    }
    return openFile(path, specFor(path)).isPresent();
  }

  /** The system a file opened alone belongs to: the loaded one when it reads the file. */
  private Optional<SystemSpec> specFor(Path file) {
    Optional<SystemSpec> now = model.spec();
    if (now.isPresent() && reads(now.get(), file)) {
      return now;
    }
    return SystemOfFile.isConfiguration(file)
        ? Optional.of(SystemOfFile.of(file))
        : Optional.empty();
  }

  /**
   * Whether a system reads a file (kmod's: as listed, hidden ones too; modutils: its main file and
   * the files it includes, once it is loaded).
   */
  private boolean reads(SystemSpec spec, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (spec.dialect() == Dialect.MODUTILS) {
      // its main file, or a file it includes (a row of the Problems pane, a link)
      return spec.configPaths().stream()
              .anyMatch(c -> Path.of(c).toAbsolutePath().normalize().equals(abs))
          || model
              .system()
              .filter(s -> s.spec().equals(spec))
              .map(s -> SystemOfFile.files(s).contains(abs))
              .orElse(false);
    }
    ConfigFiles files = new ConfigFiles(spec.moduleDirectory(), spec.configPaths());
    return files.files().stream().anyMatch(f -> same(f.path(), abs))
        || files.hidden().stream().anyMatch(h -> same(h.file().path(), abs));
  }

  private static boolean same(Path a, Path abs) {
    return a.toAbsolutePath().normalize().equals(abs);
  }

  /**
   * Opens one file in a tab of its own, as part of a system.
   *
   * @param path the file
   * @param spec the system it is opened as part of; empty to leave the loaded one
   * @return its buffer, empty when it cannot be read
   */
  Optional<FileBuffer> openFile(Path path, Optional<SystemSpec> spec) {
    Optional<FileBuffer> open = bufferOf(path);
    if (open.isPresent()) {
      select(open.get());
      onOpened.accept(path);
      return open;
    }
    Optional<FileBuffer> b = load(path, spec, Optional.empty());
    b.ifPresent(
        buffer -> {
          select(buffer);
          onOpened.accept(path);
        });
    return b;
  }

  /** Reads a file into a new buffer (reusing an untouched untitled one), or says why not. */
  private Optional<FileBuffer> load(Path path, Optional<SystemSpec> spec, Optional<Path> hiddenBy) {
    DiskStamp stamp;
    byte[] bytes;
    try {
      stamp = DiskStamp.of(path);
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      stamp = DiskStamp.ABSENT;
      bytes = null;
    } catch (IOException e) {
      error("Cannot open " + path, e);
      return Optional.empty();
    }
    Charset read =
        bytes == null || isUtf8(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    String text = bytes == null ? "" : new String(bytes, read);
    FileBuffer b = reusableUntitled().orElseGet(this::newBuffer);
    b.setSpec(spec);
    b.setHiddenBy(hiddenBy);
    b.loaded(path, bytes, stamp, read, text);
    return Optional.of(b);
  }

  /** The one untitled, empty, clean buffer, which an opened file takes the place of. */
  private Optional<FileBuffer> reusableUntitled() {
    if (buffers.size() == 1) {
      FileBuffer only = buffers.get(0);
      if (only.path().isEmpty() && !only.dirty().get() && only.text().isEmpty()) {
        return Optional.of(only);
      }
    }
    return Optional.empty();
  }

  private FileBuffer newBuffer() {
    ConfigEditor editor = spare != null ? spare : editors.get();
    spare = null;
    editor.setContext(context);
    FileBuffer b = new FileBuffer(editor, StandardCharsets.UTF_8);
    editor.setOnOpenDefinition(d -> openAt.accept(d.file(), d.line()));
    editor.setOnFileAt((text, offset) -> includeAt(b, text, offset));
    editor.area().textProperty().addListener((o, was, now) -> bufferEdited(b));
    // loading replaces the text before marking it clean: the mark drops what the edit recorded
    b.dirty().addListener((o, was, now) -> bufferEdited(b));
    b.tab()
        .setOnCloseRequest(
            e -> {
              if (!mayClose(b)) {
                e.consume();
              } else if (buffers.size() == 1) {
                // the area is never empty: an untitled buffer takes the last one's place
                openUntitled();
              }
            });
    buffers.add(b);
    tabPane.getTabs().add(b.tab());
    return b;
  }

  /** Go to definition on an include path: the included file. */
  private List<EditorContext.Definition> includeAt(FileBuffer b, String text, int offset) {
    if (b.path().isEmpty()
        || Dialect.forFileName(b.path().get().getFileName().toString()) != Dialect.MODUTILS) {
      return List.of();
    }
    return Includes.at(b.path().get(), text, offset)
        .map(p -> List.of(new EditorContext.Definition(p, 0, "included file")))
        .orElse(List.of());
  }

  private void bufferEdited(FileBuffer b) {
    if (b.path().isEmpty()) {
      return;
    }
    if (b.dirty().get()) {
      model.bufferChanged(b.path().get(), b.bytes());
    } else {
      model.bufferSaved(b.path().get());
    }
  }

  /**
   * Opens every configuration file of a directory in tabs, and points the model at its system: a
   * system root (it has {@code lib/modules}) is read as kmod reads {@code ROOT/etc/modprobe.d},
   * {@code ROOT/run/modprobe.d}, {@code ROOT/usr/local/lib/modprobe.d} and {@code
   * ROOT/lib/modprobe.d} (or, with only {@code etc/modules.conf}, as modutils); any other directory
   * as a modprobe.d.
   *
   * @param dir the directory
   * @return whether a file was opened
   */
  boolean openDirectory(Path dir) {
    SystemOfFile.Directory d = SystemOfFile.ofDirectory(dir);
    if (d.files().isEmpty()) {
      notice.accept("no configuration files in " + dir);
      return false;
    }
    FileBuffer first = null;
    for (SystemOfFile.Listed f : d.files()) {
      Optional<FileBuffer> b = bufferOf(f.path());
      if (b.isEmpty()) {
        b = load(f.path(), Optional.of(d.spec()), f.hiddenBy());
      } else {
        b.get().setSpec(Optional.of(d.spec()));
        b.get().setHiddenBy(f.hiddenBy());
      }
      b.ifPresent(x -> x.setOpenedWith(Optional.of(dir.toAbsolutePath().normalize())));
      if (first == null && b.isPresent()) {
        first = b.get();
      }
    }
    if (first == null) {
      return false;
    }
    select(first);
    if (!model.spec().equals(Optional.of(d.spec()))) {
      model.load(d.spec());
    }
    onOpened.accept(dir);
    return true;
  }

  /**
   * Opens the files the active modules.conf includes, each in a tab, as part of its system.
   *
   * @return how many files were opened or were open already
   */
  int openIncluded() {
    FileBuffer b = active();
    if (b == null || b.path().isEmpty()) {
      return 0;
    }
    List<Path> files = Includes.of(b.path().get(), b.text());
    int n = 0;
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        notice.accept("cannot open included " + f + ": no such file");
        continue;
      }
      if (bufferOf(f).isPresent() || load(f, b.spec(), Optional.empty()).isPresent()) {
        n++;
      }
    }
    if (files.isEmpty()) {
      notice.accept(b.name() + " includes no file");
    }
    return n;
  }

  /**
   * Opens a file with the caret at a line (go to definition, the explain pane's links).
   *
   * @param target the file
   * @param line the line, from 1 (0: the top)
   * @return whether it is open
   */
  boolean openAt(Path target, int line) {
    Optional<SystemSpec> spec = specFor(target);
    FileBuffer from = active();
    if (from != null
        && from.spec().isPresent()
        && from.spec().get().dialect() == Dialect.MODUTILS
        && from.path().isPresent()
        && Includes.of(from.path().get(), from.text())
            .contains(target.toAbsolutePath().normalize())) {
      // an included file belongs to the including file's system
      spec = from.spec();
    }
    Optional<FileBuffer> b = openFile(target, spec);
    if (b.isEmpty()) {
      return false;
    }
    if (line > 0) {
      b.get().editor().goToLine(line);
    }
    return true;
  }

  /** Starts an untitled buffer in a tab of its own. */
  void openUntitled() {
    FileBuffer b = newBuffer();
    b.setSpec(Optional.empty());
    b.untitled();
    select(b);
  }

  /**
   * Selects a buffer's tab.
   *
   * @param b the buffer
   */
  void select(FileBuffer b) {
    if (tabPane.getSelectionModel().getSelectedItem() == b.tab()) {
      // selected already (an untitled buffer that took a file): its system may be another
      activated(b);
    } else {
      tabPane.getSelectionModel().select(b.tab());
    }
  }

  private void activated(FileBuffer b) {
    active.set(b);
    if (b != null && b.spec().isPresent() && !model.spec().equals(b.spec())) {
      model.load(b.spec().get());
    }
  }

  // ---- saving

  /**
   * Saves a buffer to its file, asking for one if it is untitled, and asking before replacing a
   * change made on disk since the buffer last read, wrote or acknowledged it.
   *
   * @param b the buffer
   * @return whether the text was saved
   */
  boolean save(FileBuffer b) {
    if (b.path().isEmpty()) {
      return saveAs(b);
    }
    Path file = b.path().get();
    byte[] now;
    try {
      now = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      now = null;
    } catch (IOException e) {
      error("Cannot read " + file + " before saving", e);
      return false;
    }
    if (now != null && !Arrays.equals(now, b.known())) {
      ButtonType overwrite = new ButtonType("Overwrite", ButtonData.YES);
      ButtonType answer =
          ask(
              "Overwrite a change made on disk?",
              file + " changed on disk since it was loaded. Saving replaces that change.",
              overwrite,
              ButtonType.CANCEL);
      if (answer != overwrite) {
        return false;
      }
    }
    return write(b, file);
  }

  private boolean write(FileBuffer b, Path file) {
    byte[] bytes = b.bytes();
    DiskStamp stamp;
    try {
      new AtomicFileWriter(file).write(bytes);
      stamp = DiskStamp.of(file);
    } catch (IOException e) {
      error("Cannot save " + file, e);
      return false;
    }
    Optional<Path> before = b.path();
    b.saved(file, bytes, stamp);
    log.info("saved " + file);
    before.filter(p -> !p.equals(file)).ifPresent(model::bufferSaved);
    model.bufferSaved(file);
    return true;
  }

  /**
   * Saves a buffer under a name the user chooses.
   *
   * @param b the buffer
   * @return whether it was saved
   */
  boolean saveAs(FileBuffer b) {
    FileChooser chooser = chooser(b.path());
    File chosen = chooser.showSaveDialog(stage);
    if (chosen == null) {
      return false;
    }
    return saveAs(b, chosen.toPath());
  }

  /**
   * Saves a buffer under a new name (the chooser has asked about replacing an existing file).
   *
   * @param b the buffer
   * @param file the new name
   * @return whether it was saved
   */
  boolean saveAs(FileBuffer b, Path file) {
    Optional<FileBuffer> other = bufferOf(file).filter(o -> o != b);
    if (other.isPresent()) {
      error("Cannot save as " + file, new IOException("it is open in another tab"));
      return false;
    }
    if (!write(b, file)) {
      return false;
    }
    b.setSpec(specFor(file));
    b.setHiddenBy(Optional.empty());
    b.setOpenedWith(Optional.empty());
    activated(active());
    onOpened.accept(file);
    return true;
  }

  /**
   * Saves every buffer with unsaved changes, stopping at the first that is not saved.
   *
   * @return whether all were saved
   */
  boolean saveAll() {
    for (FileBuffer b : List.copyOf(buffers)) {
      if (b.dirty().get() && !save(b)) {
        return false;
      }
    }
    return true;
  }

  /** A file chooser for configuration files, in a file's directory. */
  FileChooser chooser(Optional<Path> near) {
    FileChooser chooser = new FileChooser();
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Module configuration", "*.conf", "modules.conf*"),
            new FileChooser.ExtensionFilter("All files", "*"));
    near.map(p -> p.toAbsolutePath().getParent())
        .filter(Files::isDirectory)
        .ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
    return chooser;
  }

  // ---- closing

  /**
   * Closes a buffer's tab, asking first when it has unsaved changes; the last tab leaves an
   * untitled buffer in its place.
   *
   * @param b the buffer
   * @return whether it was closed
   */
  boolean close(FileBuffer b) {
    if (!mayClose(b)) {
      return false;
    }
    if (buffers.size() == 1) {
      openUntitled();
    }
    tabPane.getTabs().remove(b.tab());
    return true;
  }

  /** Asks about a buffer's unsaved changes; true when they are saved or may be dropped. */
  private boolean mayClose(FileBuffer b) {
    if (!b.dirty().get()) {
      return true;
    }
    select(b);
    ButtonType saveButton = new ButtonType("Save", ButtonData.YES);
    ButtonType discard = new ButtonType("Discard", ButtonData.NO);
    ButtonType answer =
        ask(
            "Save changes?",
            b.name() + " has unsaved changes.",
            saveButton,
            discard,
            ButtonType.CANCEL);
    if (answer == saveButton) {
      return save(b);
    }
    return answer == discard;
  }

  /**
   * Asks once about every buffer with unsaved changes, listing them (closing the window).
   *
   * @return true when they were saved or may be dropped
   */
  boolean mayCloseAll() {
    List<FileBuffer> dirty = buffers.stream().filter(b -> b.dirty().get()).toList();
    if (dirty.isEmpty()) {
      return true;
    }
    if (dirty.size() == 1) {
      return mayClose(dirty.get(0));
    }
    StringBuilder list = new StringBuilder("These files have unsaved changes:\n");
    for (FileBuffer b : dirty) {
      list.append("\n  ").append(b.path().map(Path::toString).orElse(b.name()));
    }
    ButtonType saveAll = new ButtonType("Save All", ButtonData.YES);
    ButtonType discard = new ButtonType("Discard All", ButtonData.NO);
    ButtonType answer = ask("Save changes?", list.toString(), saveAll, discard, ButtonType.CANCEL);
    if (answer == saveAll) {
      for (FileBuffer b : dirty) {
        if (!save(b)) {
          return false;
        }
      }
      return true;
    }
    return answer == discard;
  }

  private void disposed(FileBuffer b) {
    buffers.remove(b);
    b.path().ifPresent(model::bufferSaved);
    b.editor().close();
  }

  /** Stops looking at the disk and every editor's styling. */
  void close() {
    closed = true;
    poll.stop();
    diskWork.shutdownNow();
    for (FileBuffer b : buffers) {
      b.editor().close();
    }
  }

  // ---- the disk

  /** A file to look at, and what the buffer knew of it when the look began. */
  private record Probe(FileBuffer buffer, Path file, DiskStamp known) {}

  /** What a look found: the stamp, and the bytes when the stamp moved (null: no file). */
  private static final class Found {
    private final Probe probe;
    private final DiskStamp stamp;
    private final byte[] bytes;
    private final IOException error;

    Found(Probe probe, DiskStamp stamp, byte[] bytes, IOException error) {
      this.probe = probe;
      this.stamp = stamp;
      this.bytes = bytes;
      this.error = error;
    }

    Probe probe() {
      return probe;
    }

    DiskStamp stamp() {
      return stamp;
    }

    byte[] bytes() {
      return bytes;
    }

    IOException error() {
      return error;
    }
  }

  /**
   * Looks at every open file off the FX thread (unless a look is under way) and acts on what
   * changed. Runs every second and when the window gains the focus.
   */
  void checkDisk() {
    if (checking || closed) {
      return;
    }
    List<Probe> probes = new ArrayList<>();
    for (FileBuffer b : buffers) {
      b.path().ifPresent(p -> probes.add(new Probe(b, p, b.knownStamp())));
    }
    if (probes.isEmpty()) {
      return;
    }
    checking = true;
    diskWork.execute(
        () -> {
          List<Found> found = new ArrayList<>();
          for (Probe p : probes) {
            found.add(look(p));
          }
          Platform.runLater(
              () -> {
                checking = false;
                if (!closed) {
                  found.forEach(this::act);
                }
              });
        });
  }

  private static Found look(Probe p) {
    try {
      DiskStamp stamp = DiskStamp.of(p.file());
      if (stamp.equals(p.known())) {
        return new Found(p, stamp, null, null);
      }
      if (!stamp.exists()) {
        return new Found(p, stamp, null, null);
      }
      return new Found(p, stamp, Files.readAllBytes(p.file()), null);
    } catch (NoSuchFileException e) {
      return new Found(p, DiskStamp.ABSENT, null, null);
    } catch (IOException e) {
      return new Found(p, p.known(), null, e);
    }
  }

  private void act(Found f) {
    FileBuffer b = f.probe().buffer();
    if (!buffers.contains(b)
        || !b.path().equals(Optional.of(f.probe().file()))
        || !b.knownStamp().equals(f.probe().known())
        || f.error() != null
        || f.stamp().equals(f.probe().known())) {
      // closed, saved or renamed meanwhile, unreadable for now, or unchanged
      return;
    }
    if (!f.stamp().exists()) {
      if (b.known() != null && b.diskProperty().get() != FileBuffer.DiskState.DELETED) {
        b.deletedOnDisk(button("Close Tab", "disk-close", () -> close(b)));
      }
      return;
    }
    byte[] bytes = f.bytes();
    if (Arrays.equals(bytes, b.known())
        || b.pending().map(p -> Arrays.equals(p, bytes)).orElse(false)) {
      b.restamp(f.stamp());
      if (b.diskProperty().get() == FileBuffer.DiskState.DELETED
          && Arrays.equals(bytes, b.known())) {
        b.settle();
      }
      return;
    }
    if (!b.dirty().get() && b.diskProperty().get() == FileBuffer.DiskState.SAME) {
      b.reloadFrom(bytes, f.stamp());
      notice.accept("reloaded " + b.name() + ", changed on disk");
      return;
    }
    b.changedOnDisk(
        bytes,
        f.stamp(),
        button("Reload", "disk-reload", () -> reload(b)),
        button("Keep Mine", "disk-keep", b::keepMine),
        button("Compare", "disk-compare", () -> compare(b)));
  }

  /** Reload from the bar: the disk's text replaces the buffer's; undo gives the edit back. */
  private void reload(FileBuffer b) {
    Optional<byte[]> pending = b.pending();
    if (pending.isPresent()) {
      b.reloadFrom(pending.get(), b.knownStamp());
      notice.accept("reloaded " + b.name() + "; undo brings your edit back");
    }
  }

  /** Shows the disk's text and the buffer's side by side, read-only, with the bar's choices. */
  private void compare(FileBuffer b) {
    Optional<byte[]> pending = b.pending();
    if (pending.isEmpty()) {
      return;
    }
    TextArea disk = readOnly(new String(pending.get(), b.charset()));
    disk.setId("compare-disk");
    TextArea mine = readOnly(b.text());
    mine.setId("compare-mine");
    SplitPane sides =
        new SplitPane(
            new BorderPane(disk, new Label("On disk"), null, null, null),
            new BorderPane(mine, new Label("In the editor (unsaved)"), null, null, null));
    sides.setPrefSize(900, 520);
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(stage);
    d.setTitle("Compare " + b.name());
    d.setHeaderText(b.path().map(Path::toString).orElse(b.name()) + " changed on disk");
    d.getDialogPane().setContent(sides);
    ButtonType reload = new ButtonType("Reload", ButtonData.LEFT);
    ButtonType keep = new ButtonType("Keep Mine", ButtonData.OTHER);
    d.getDialogPane().getButtonTypes().addAll(reload, keep, ButtonType.CLOSE);
    ButtonType answer = d.showAndWait().orElse(ButtonType.CLOSE);
    if (answer == reload) {
      reload(b);
    } else if (answer == keep) {
      b.keepMine();
    }
  }

  private static TextArea readOnly(String text) {
    TextArea a = new TextArea(text);
    a.setEditable(false);
    a.setStyle("-fx-font-family: monospace;");
    return a;
  }

  private static Button button(String text, String id, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setOnAction(e -> action.run());
    return b;
  }

  // ---- dialogs

  private ButtonType ask(String header, String text, ButtonType... buttons) {
    Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text, buttons);
    ask.initOwner(stage);
    ask.setHeaderText(header);
    return ask.showAndWait().orElse(ButtonType.CANCEL);
  }

  private void error(String what, IOException e) {
    log.error(what + ": " + e.getMessage());
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
