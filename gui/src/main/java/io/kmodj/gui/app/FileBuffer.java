package io.kmodj.gui.app;

import io.kmodj.engine.system.SystemSpec;
import io.kmodj.gui.editor.ConfigEditor;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One open file of the {@link EditorTabs}: its own {@link ConfigEditor} (text, undo history,
 * find/replace, colouring, diagnostics) in a tab titled with the file name and {@code •} while it
 * has unsaved changes, the bytes last read from or written to the disk (so a change made elsewhere
 * is told from the buffer's own save), the system it was opened as part of, and a bar over the
 * editor when the file changed or vanished on disk. Confined to the FX thread.
 */
public final class FileBuffer {
  /** What the disk holds compared with what the buffer last knew of it. */
  public enum DiskState {
    /** As last read, written or acknowledged. */
    SAME,
    /** Changed elsewhere while the buffer had unsaved changes: the bar asks what to do. */
    CHANGED,
    /** Deleted elsewhere: the text is kept, a save writes it again. */
    DELETED
  }

  private final ConfigEditor editor;
  // held: the editor makes a new expression at each call, which a listener alone would not keep
  private final BooleanExpression dirty;
  private final Tab tab = new Tab();
  private final BorderPane content;
  private final HBox bar = new HBox(6);
  private final Label barText = new Label();
  private final ReadOnlyObjectWrapper<Optional<Path>> path =
      new ReadOnlyObjectWrapper<>(this, "path", Optional.empty());
  private final ReadOnlyObjectWrapper<DiskState> disk =
      new ReadOnlyObjectWrapper<>(this, "disk", DiskState.SAME);
  private final ReadOnlyBooleanWrapper hidden = new ReadOnlyBooleanWrapper(this, "hidden");
  private Charset charset;
  private Optional<SystemSpec> spec = Optional.empty();
  private Optional<Path> hiddenBy = Optional.empty();
  private Optional<Path> openedWith = Optional.empty();

  /** The file's bytes as last read, written or acknowledged; null while there is no file. */
  private byte[] known;

  private DiskStamp knownStamp = DiskStamp.ABSENT;

  /** The bytes on disk the bar is about, while it shows a change. */
  private byte[] pending;

  FileBuffer(ConfigEditor editor, Charset charset) {
    this.editor = Objects.requireNonNull(editor, "editor");
    this.charset = Objects.requireNonNull(charset, "charset");
    this.dirty = editor.dirty();
    bar.setId("disk-bar");
    bar.getStyleClass().add("disk-bar");
    bar.setStyle(
        "-fx-background-color: #fff3cd; -fx-padding: 4 8 4 8; -fx-alignment: center-left;");
    bar.setVisible(false);
    bar.setManaged(false);
    content = new BorderPane(editor.node());
    content.setTop(bar);
    tab.setContent(content);
    tab.setUserData(this);
    dirty.addListener((o, was, now) -> retitle());
    editor.fileNameProperty().addListener((o, was, now) -> retitle());
    disk.addListener((o, was, now) -> retitle());
    hidden.addListener((o, was, now) -> retitle());
    retitle();
  }

  /** The buffer's editor. */
  public ConfigEditor editor() {
    return editor;
  }

  /** The file, empty for an untitled buffer. */
  public Optional<Path> path() {
    return path.get();
  }

  /** The file, observed (Save As changes it). */
  public ReadOnlyObjectProperty<Optional<Path>> pathProperty() {
    return path.getReadOnlyProperty();
  }

  /** True while the text differs from what was last loaded or saved. */
  public BooleanExpression dirty() {
    return dirty;
  }

  /** The text as it is now, in the buffer. */
  public String text() {
    return editor.area().getText();
  }

  /** The text encoded as the file was read (UTF-8, or Latin-1 for a file that was not UTF-8). */
  public byte[] bytes() {
    return text().getBytes(charset);
  }

  /** How the disk compares with the buffer's last knowledge of it. */
  public ReadOnlyObjectProperty<DiskState> diskProperty() {
    return disk.getReadOnlyProperty();
  }

  /** Whether kmod does not read this file, a same-named one in an earlier directory hiding it. */
  public ReadOnlyBooleanProperty hiddenProperty() {
    return hidden.getReadOnlyProperty();
  }

  /** The file hiding this one, if one does. */
  public Optional<Path> hiddenBy() {
    return hiddenBy;
  }

  /** The tab showing the buffer. */
  Tab tab() {
    return tab;
  }

  /** The tab's title as shown: the file name, {@code •} while dirty, and the disk's news. */
  public String title() {
    return tab.getText();
  }

  /** The bar over the editor (a change on disk), for tests. */
  HBox bar() {
    return bar;
  }

  Charset charset() {
    return charset;
  }

  Optional<SystemSpec> spec() {
    return spec;
  }

  void setSpec(Optional<SystemSpec> spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /** The directory (a modprobe.d or a root) this buffer was opened with, if any. */
  Optional<Path> openedWith() {
    return openedWith;
  }

  void setOpenedWith(Optional<Path> dir) {
    openedWith = Objects.requireNonNull(dir, "dir");
  }

  void setHiddenBy(Optional<Path> by) {
    hiddenBy = Objects.requireNonNull(by, "by");
    hidden.set(by.isPresent());
    tab.setTooltip(new Tooltip(tooltip()));
  }

  /**
   * Loads the buffer from bytes read from a file: new text, no history, clean.
   *
   * @param file the file
   * @param bytes its bytes, null when it does not exist yet
   * @param stamp what the file looked like when read
   * @param read the charset the bytes were decoded in
   * @param text the decoded text
   */
  void loaded(Path file, byte[] bytes, DiskStamp stamp, Charset read, String text) {
    path.set(Optional.of(file));
    charset = read;
    known = bytes;
    knownStamp = stamp;
    editor.load(file.getFileName().toString(), text);
    settle();
    tab.setTooltip(new Tooltip(tooltip()));
  }

  /** An untitled buffer's empty text. */
  void untitled() {
    path.set(Optional.empty());
    known = null;
    knownStamp = DiskStamp.ABSENT;
    editor.load("untitled", "");
    settle();
    tab.setTooltip(null);
  }

  /**
   * Records a save: the bytes written are what the disk holds now.
   *
   * @param file where they were written (Save As may change it)
   * @param written the bytes
   * @param stamp the file after writing
   */
  void saved(Path file, byte[] written, DiskStamp stamp) {
    if (!path.get().equals(Optional.of(file))) {
      path.set(Optional.of(file));
      editor.fileNameProperty().set(file.getFileName().toString());
      tab.setTooltip(new Tooltip(tooltip()));
    }
    known = written;
    knownStamp = stamp;
    editor.markSaved();
    settle();
  }

  /** The bytes last known to be on disk, null for none. */
  byte[] known() {
    return known;
  }

  DiskStamp knownStamp() {
    return knownStamp;
  }

  /** The disk's stamp moved but its bytes did not (a touch, or this buffer's own save). */
  void restamp(DiskStamp stamp) {
    knownStamp = stamp;
  }

  /**
   * Reloads the text from bytes the disk holds now, keeping the caret and the scroll; undo gives
   * the text back.
   */
  void reloadFrom(byte[] bytes, DiskStamp stamp) {
    known = bytes;
    knownStamp = stamp;
    editor.reload(new String(bytes, charset));
    settle();
  }

  /** Shows that the file changed on disk while the buffer has unsaved changes. */
  void changedOnDisk(byte[] bytes, DiskStamp stamp, Button... actions) {
    pending = bytes;
    knownStamp = stamp;
    disk.set(DiskState.CHANGED);
    showBar(name() + " changed on disk", actions);
  }

  /** The bytes the bar is about (a change on disk not yet answered). */
  Optional<byte[]> pending() {
    return Optional.ofNullable(pending);
  }

  /** Keep mine: the disk's new bytes are acknowledged; a save will replace them without asking. */
  void keepMine() {
    if (pending != null) {
      known = pending;
    }
    settle();
  }

  /** Shows that the file was deleted on disk. */
  void deletedOnDisk(Button... actions) {
    known = null;
    knownStamp = DiskStamp.ABSENT;
    pending = null;
    disk.set(DiskState.DELETED);
    showBar(name() + " was deleted on disk; the text is kept, Save writes it again", actions);
  }

  private void showBar(String message, Button... actions) {
    barText.setText(message);
    barText.setId("disk-bar-text");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    bar.getChildren().setAll(barText, gap);
    bar.getChildren().addAll(actions);
    bar.setVisible(true);
    bar.setManaged(true);
  }

  /** Back to agreeing with the disk: no bar. */
  void settle() {
    pending = null;
    disk.set(DiskState.SAME);
    bar.setVisible(false);
    bar.setManaged(false);
    bar.getChildren().clear();
  }

  /** The file's name, or the editor's for an untitled buffer. */
  String name() {
    return editor.fileNameProperty().get();
  }

  private String tooltip() {
    String where = path.get().map(Path::toString).orElse("untitled");
    return hiddenBy.map(by -> where + "\nnot read: hidden by " + by).orElse(where);
  }

  private void retitle() {
    StringBuilder t = new StringBuilder(name());
    if (dirty.get()) {
      t.append(" •");
    }
    if (hidden.get()) {
      t.append(" (hidden)");
    }
    switch (disk.get()) {
      case CHANGED -> t.append(" (changed on disk)");
      case DELETED -> t.append(" (deleted)");
      case SAME -> {}
    }
    tab.setText(t.toString());
  }
}
