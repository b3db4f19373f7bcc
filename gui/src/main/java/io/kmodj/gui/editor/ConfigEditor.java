package io.kmodj.gui.editor;

import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.text.ParseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.util.UndoUtils;
import org.reactfx.value.Val;

/**
 * A configuration file's editor: the text with line numbers, a severity icon per line and colours
 * (its problems are listed in the window's Problems pane, {@link #problems()}), and the editing
 * aids of an IDE: completion at the caret (Ctrl+Space), the message or a directive's documentation
 * when the mouse rests on it, find and replace (Ctrl+F, Ctrl+H, F3), and go to definition (F12 or
 * Ctrl+click). Owns the document: its text, name and whether it differs from the last save.
 *
 * <p>Confined to the FX thread; completion and parsing run on the executor.
 */
public final class ConfigEditor {
  private static final String STYLESHEET =
      Objects.requireNonNull(ConfigEditor.class.getResource("config-editor.css")).toExternalForm();

  /** How long the mouse rests on text before its hover text shows. */
  public static final Duration HOVER_DELAY = Duration.ofMillis(400);

  /** The height of a completion row, in pixels. */
  private static final double COMPLETION_ROW = 22;

  /** A logical line that defines a name: an alias, or modutils' probe and probeall. */
  private static final Pattern DEFINING =
      Pattern.compile("^[ \\t]*(alias|probe|probeall)[ \\t]+(\\S+)", Pattern.MULTILINE);

  private final CodeArea area = new CodeArea();
  private final StringProperty fileName = new SimpleStringProperty(this, "fileName", "untitled");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ObjectProperty<Map<Integer, Severity>> lineSeverities =
      new SimpleObjectProperty<>(this, "lineSeverities", Map.of());
  private final Executor executor;
  private final BiFunction<String, String, ParseResult<?>> parser;
  private BiFunction<String, Integer, List<EditorContext.Definition>> fileAt =
      (text, offset) -> List.of();
  private final SyntaxHighlighter highlighter;
  private final FindBar findBar;
  private final BorderPane root;
  private final Popup completionPopup = new Popup();
  private final ListView<Completer.Completion> completionList = new ListView<>();
  private final Popup hoverPopup = new Popup();
  private final Label hoverText = new Label();
  private final ContextMenu definitionsMenu = new ContextMenu();
  private volatile EditorContext context = EditorContext.EMPTY;
  private Consumer<EditorContext.Definition> openDefinition = this::showDefinition;
  private long completionRequest;

  /**
   * Builds an empty editor.
   *
   * @param executor where parsing and completion run, off the FX thread
   * @param parser parses a file name and its text into lexemes and diagnostics
   */
  public ConfigEditor(Executor executor, BiFunction<String, String, ParseResult<?>> parser) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.parser = Objects.requireNonNull(parser, "parser");
    area.setId("config-text");
    area.setParagraphGraphicFactory(gutter());
    // undo records text only: styling applied later is never undone
    area.setUndoManager(UndoUtils.plainTextUndoManager(area));
    highlighter = new SyntaxHighlighter(area, executor, parser, fileName::get);
    highlighter.install();
    highlighter
        .problems()
        .addListener((ListChangeListener<Diagnostic>) c -> lineSeverities.set(severities()));

    // the problems of every tab are listed in the window's Problems pane
    Label statusLine = new Label();
    statusLine.setId("editor-status");
    statusLine.getStyleClass().add("editor-status");
    statusLine.textProperty().bind(status.getReadOnlyProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox statusRow = new HBox(spacer, statusLine);
    statusRow.setAlignment(Pos.CENTER_LEFT);

    findBar = new FindBar(area);
    root = new BorderPane(new VirtualizedScrollPane<>(area), findBar, null, statusRow, null);
    root.getStyleClass().add("config-editor");
    root.getStylesheets().add(STYLESHEET);

    setUpCompletion();
    setUpHover();
    definitionsMenu.setId("definitions-menu");
    area.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
    root.addEventFilter(KeyEvent.KEY_PRESSED, this::findKeys);
    area.addEventFilter(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          if (e.getButton() == MouseButton.PRIMARY && e.isShortcutDown()) {
            area.hit(e.getX(), e.getY()).getCharacterIndex().ifPresent(i -> goToDefinition(i));
            e.consume();
          }
        });
  }

  /** Line numbers, and an icon for the worst problem on the line. */
  private IntFunction<Node> gutter() {
    IntFunction<Node> numbers = LineNumberFactory.get(area);
    return paragraph -> {
      Label icon = new Label();
      icon.getStyleClass().add("gutter-icon");
      Val<Severity> severity = Val.map(lineSeverities, m -> m.get(paragraph + 1));
      severity
          .conditionOnShowing(icon)
          .values()
          .subscribe(
              s -> {
                icon.getStyleClass().removeAll("gutter-error", "gutter-warning", "gutter-info");
                icon.setText(s == null ? "" : symbol(s));
                if (s != null) {
                  icon.getStyleClass().add("gutter-" + s.word());
                }
              });
      HBox box = new HBox(numbers.apply(paragraph), icon);
      box.setAlignment(Pos.CENTER_LEFT);
      box.getStyleClass().add("gutter");
      return box;
    };
  }

  private static String symbol(Severity s) {
    return switch (s) {
      case ERROR -> "✖";
      case WARNING -> "▲";
      case INFO -> "●";
    };
  }

  private Map<Integer, Severity> severities() {
    Map<Integer, Severity> out = new HashMap<>();
    for (Diagnostic d : highlighter.problems()) {
      out.merge(d.span().line(), d.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    return Map.copyOf(out);
  }

  private void setUpCompletion() {
    completionList.setId("completion-list");
    completionList.getStyleClass().add("completion-list");
    completionList.setPrefWidth(460);
    completionList.setFixedCellSize(COMPLETION_ROW);
    completionList.setCellFactory(l -> new CompletionCell());
    completionList.setOnMouseClicked(
        e -> {
          if (e.getClickCount() == 2) {
            acceptCompletion();
          }
        });
    VBox box = new VBox(completionList);
    box.getStylesheets().add(STYLESHEET);
    box.getStyleClass().add("completion-popup");
    box.addEventFilter(KeyEvent.KEY_PRESSED, this::popupKeys);
    completionPopup.getContent().add(box);
    completionPopup.setAutoHide(true);
    // typing with the popup open narrows it; moving off the word closes it
    area.textProperty()
        .addListener(
            (o, a, b) -> {
              if (completionPopup.isShowing()) {
                showCompletion();
              }
            });
  }

  private void setUpHover() {
    hoverText.setId("hover-text");
    hoverText.setWrapText(true);
    hoverText.setMaxWidth(520);
    VBox box = new VBox(hoverText);
    box.getStylesheets().add(STYLESHEET);
    box.getStyleClass().add("hover-popup");
    hoverPopup.getContent().add(box);
    area.setMouseOverTextDelay(HOVER_DELAY);
    area.addEventHandler(
        MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN,
        e ->
            hoverAt(e.getCharacterIndex())
                .ifPresent(
                    text -> {
                      hoverText.setText(text);
                      hoverPopup.show(
                          area,
                          e.getScreenPosition().getX() + 8,
                          e.getScreenPosition().getY() + 12);
                    }));
    area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hoverPopup.hide());
  }

  private void keyPressed(KeyEvent e) {
    if (completionPopup.isShowing()) {
      switch (e.getCode()) {
        case UP -> moveCompletion(-1);
        case DOWN -> moveCompletion(1);
        case ENTER, TAB -> acceptCompletion();
        case ESCAPE -> completionPopup.hide();
        default -> {
          return;
        }
      }
      e.consume();
      return;
    }
    if (e.getCode() == KeyCode.SPACE && e.isShortcutDown()) {
      showCompletion();
    } else if (e.getCode() == KeyCode.F12) {
      goToDefinition(area.getCaretPosition());
    } else {
      return;
    }
    e.consume();
  }

  /** The find bar's keys, wherever the focus is in the editor. */
  private void findKeys(KeyEvent e) {
    if (e.getCode() == KeyCode.F && e.isShortcutDown()) {
      findBar.open(false);
    } else if ((e.getCode() == KeyCode.H || e.getCode() == KeyCode.R) && e.isShortcutDown()) {
      findBar.open(true);
    } else if (e.getCode() == KeyCode.F3) {
      if (e.isShiftDown()) {
        findBar.previous();
      } else {
        findBar.next();
      }
    } else if (e.getCode() == KeyCode.ESCAPE && findBar.isVisible()) {
      findBar.close();
    } else {
      return;
    }
    e.consume();
  }

  /**
   * Keys reaching the completion popup: JavaFX hands the owner window's key events to its popups
   * first. The popup's own keys work it; the others pass on to the text, so typing goes on.
   */
  private void popupKeys(KeyEvent e) {
    if (e.getEventType() == KeyEvent.KEY_PRESSED) {
      keyPressed(e);
    }
  }

  /** The editor's node, to put in a scene. */
  public Parent node() {
    return root;
  }

  /** The text area. */
  public CodeArea area() {
    return area;
  }

  /** The file name shown in diagnostics and titles; it also chooses the dialect. */
  public StringProperty fileNameProperty() {
    return fileName;
  }

  /** The last thing the editor has to say (no definition found, where a name is defined). */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The diagnostics of the text as last parsed. */
  public ObservableList<Diagnostic> problems() {
    return highlighter.problems();
  }

  /** The find/replace bar. */
  public FindBar findBar() {
    return findBar;
  }

  /**
   * The worst problem on a line, as the gutter shows it.
   *
   * @param line a 1-based line
   * @return its severity, empty when the line has no problem
   */
  public Optional<Severity> lineSeverity(int line) {
    return Optional.ofNullable(lineSeverities.get().get(line));
  }

  /** True while the text differs from what was last loaded or saved (undo can make it false). */
  public BooleanExpression dirty() {
    return BooleanExpression.booleanExpression(area.getUndoManager().atMarkedPositionProperty())
        .not();
  }

  /**
   * Replaces the document: new text, no undo history, not dirty.
   *
   * @param name the file name for diagnostics and titles
   * @param text the text
   */
  public void load(String name, String text) {
    fileName.set(name);
    area.replaceText(text);
    area.getUndoManager().forgetHistory();
    area.getUndoManager().mark();
    area.moveTo(0);
    area.requestFollowCaret();
    highlighter.restyle();
  }

  /**
   * A new, empty editor parsing and completing like this one (on the same executor, with the same
   * parser): the editor of another tab.
   *
   * @return the editor
   */
  public ConfigEditor sibling() {
    return new ConfigEditor(executor, parser);
  }

  /**
   * Replaces the text with a new version of the file (it changed on disk), keeping the caret on the
   * same line and column where it can and the scroll position; only the part that differs is
   * replaced, as one undoable change, and the document is then clean: undo gives the old text back,
   * dirty.
   *
   * @param text the file's text now
   */
  public void reload(String text) {
    String old = area.getText();
    if (old.equals(text)) {
      markSaved();
      return;
    }
    int line = area.getCurrentParagraph();
    int column = area.getCaretColumn();
    double scroll = area.getEstimatedScrollY();
    int prefix = 0;
    int max = Math.min(old.length(), text.length());
    while (prefix < max && old.charAt(prefix) == text.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && old.charAt(old.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
      suffix++;
    }
    area.getUndoManager().preventMerge();
    area.replaceText(prefix, old.length() - suffix, text.substring(prefix, text.length() - suffix));
    area.getUndoManager().preventMerge();
    markSaved();
    int paragraph = Math.min(line, area.getParagraphs().size() - 1);
    area.moveTo(paragraph, Math.min(column, area.getParagraphLength(paragraph)));
    area.estimatedScrollYProperty().setValue(scroll);
  }

  /**
   * Sets where go to definition looks first: the places an offset names by itself, whatever the
   * loaded system says (an {@code include} line's file).
   *
   * @param fileAt gives the text and an offset's places, empty for none
   */
  public void setOnFileAt(BiFunction<String, Integer, List<EditorContext.Definition>> fileAt) {
    this.fileAt = Objects.requireNonNull(fileAt, "fileAt");
  }

  /**
   * Sets the loaded system the text belongs to: completion offers its names and parameters, go to
   * definition finds its modules, and the findings of {@code check} are underlined from the next
   * whole pass, which starts now.
   *
   * @param context the system, or {@link EditorContext#EMPTY}
   */
  public void setContext(EditorContext context) {
    this.context = Objects.requireNonNull(context, "context");
    highlighter.setContext(context);
    highlighter.restyle();
  }

  /**
   * Sets what happens when the user picks a definition in another file (the shell opens it); by
   * default the editor says where it is in its status line.
   *
   * @param open called with the definition picked
   */
  public void setOnOpenDefinition(Consumer<EditorContext.Definition> open) {
    this.openDefinition = Objects.requireNonNull(open, "open");
  }

  /** Records that the current text is saved: the document is no longer dirty. */
  public void markSaved() {
    area.getUndoManager().mark();
  }

  /**
   * Stops styling: edits are no longer parsed and results under way are dropped. Call before the
   * parsing executor shuts down.
   */
  public void close() {
    highlighter.uninstall();
    completionPopup.hide();
    hoverPopup.hide();
  }

  /**
   * Puts the caret where a diagnostic starts and shows that line.
   *
   * @param d the diagnostic
   */
  public void goTo(Diagnostic d) {
    area.moveTo(Math.min(d.span().start(), area.getLength()));
    area.requestFollowCaret();
    area.requestFocus();
  }

  /**
   * Puts the caret at the start of a line and shows it.
   *
   * @param line a 1-based line; past the end means the last
   */
  public void goToLine(int line) {
    int paragraph = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
    area.moveTo(paragraph, 0);
    area.requestFollowCaret();
    area.requestFocus();
  }

  // ---- completion

  /**
   * Computes the candidates at the caret off the FX thread and shows them in a popup at the caret;
   * with none, the popup closes.
   */
  public void showCompletion() {
    long request = ++completionRequest;
    String text = area.getText();
    int caret = area.getCaretPosition();
    Completer completer =
        new Completer(context, Directives.of(Dialect.forFileName(fileName.get())));
    executor.execute(
        () -> {
          List<Completer.Completion> found = completer.complete(text, caret);
          Platform.runLater(() -> showCompletions(request, text, caret, found));
        });
  }

  private void showCompletions(
      long request, String text, int caret, List<Completer.Completion> found) {
    if (request != completionRequest
        || !area.getText().equals(text)
        || area.getCaretPosition() != caret) {
      return;
    }
    if (found.isEmpty()) {
      completionPopup.hide();
      return;
    }
    completionList.getItems().setAll(found);
    completionList.setPrefHeight(Math.min(found.size(), 10) * COMPLETION_ROW + 4);
    completionList.getSelectionModel().select(0);
    completionList.scrollTo(0);
    if (!completionPopup.isShowing()) {
      Optional<Bounds> caretBounds = area.getCaretBounds();
      Bounds b = caretBounds.orElse(area.localToScreen(area.getBoundsInLocal()));
      if (b != null && area.getScene() != null) {
        completionPopup.show(area, b.getMinX(), b.getMaxY());
      }
    }
  }

  /** The candidates the popup shows, while it shows. */
  public List<Completer.Completion> shownCompletions() {
    return completionPopup.isShowing() ? List.copyOf(completionList.getItems()) : List.of();
  }

  private void moveCompletion(int by) {
    int n = completionList.getItems().size();
    int i = completionList.getSelectionModel().getSelectedIndex();
    int next = Math.floorMod(i + by, n);
    completionList.getSelectionModel().select(next);
    completionList.scrollTo(next);
  }

  /** Puts the selected candidate in place of the word before the caret. */
  private void acceptCompletion() {
    Completer.Completion c = completionList.getSelectionModel().getSelectedItem();
    completionPopup.hide();
    if (c == null || c.replaceTo() > area.getLength() || c.replaceTo() != area.getCaretPosition()) {
      return;
    }
    area.replaceText(c.replaceFrom(), c.replaceTo(), c.text());
    area.moveTo(c.replaceFrom() + c.text().length());
    if (c.text().endsWith("=")) {
      // a parameter: offer its values, if its type has any
      showCompletion();
    }
  }

  /** A candidate and, greyed, what it is. */
  private static final class CompletionCell extends ListCell<Completer.Completion> {
    @Override
    protected void updateItem(Completer.Completion c, boolean empty) {
      super.updateItem(c, empty);
      if (empty || c == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      Label name = new Label(c.text());
      name.getStyleClass().add("completion-text");
      Label detail = new Label(c.detail());
      detail.getStyleClass().add("completion-detail");
      HBox.setHgrow(detail, Priority.ALWAYS);
      setText(null);
      setGraphic(new HBox(10, name, detail));
    }
  }

  // ---- hover

  /**
   * What the mouse resting on a character shows: the messages of the problems there, and for a
   * directive word what the manual says of it.
   *
   * @param offset a character offset
   * @return the text, empty when there is nothing to say
   */
  public Optional<String> hoverAt(int offset) {
    String text = area.getText();
    List<String> parts = new ArrayList<>();
    for (Diagnostic d : highlighter.problems()) {
      int start = d.span().start();
      int end = Math.max(d.span().end(), start + 1);
      if (offset >= start && offset < end) {
        parts.add(d.severity().word() + ": " + d.message());
      }
    }
    directiveAt(text, offset).flatMap(Directives::documentation).ifPresent(parts::add);
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", parts));
  }

  /** The directive word an offset is in, when it is a logical line's first word. */
  private static Optional<String> directiveAt(String text, int offset) {
    if (offset < 0 || offset >= text.length()) {
      return Optional.empty();
    }
    int lineStart = IncrementalStyler.logicalLineStart(text, offset);
    int start = lineStart;
    while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    if (offset < start || offset >= end) {
      return Optional.empty();
    }
    String word = text.substring(start, end);
    return Directives.isDirective(word) ? Optional.of(word) : Optional.empty();
  }

  // ---- go to definition

  /**
   * Where the name at an offset is defined: its alias lines in this text first, then the loaded
   * system's places (an alias's line in another file, the module's file and its modules.dep line).
   * One place in this text is gone to at once; several are offered in a menu at the caret.
   *
   * @param offset an offset in or at the end of a name
   * @return the places found
   */
  public List<EditorContext.Definition> goToDefinition(int offset) {
    List<EditorContext.Definition> files = fileAt.apply(area.getText(), offset);
    if (!files.isEmpty()) {
      open(files.get(0));
      return files;
    }
    Optional<String> name = wordAt(area.getText(), offset);
    if (name.isEmpty()) {
      status.set("no name at the caret");
      return List.of();
    }
    List<EditorContext.Definition> defs = definitions(name.get());
    if (defs.isEmpty()) {
      status.set("no definition of " + name.get());
      return defs;
    }
    if (defs.size() == 1) {
      open(defs.get(0));
      return defs;
    }
    definitionsMenu.getItems().clear();
    for (EditorContext.Definition d : defs) {
      MenuItem item = new MenuItem(place(d) + "  " + d.what());
      item.setOnAction(e -> open(d));
      definitionsMenu.getItems().add(item);
    }
    Optional<Bounds> b = area.getCaretBounds();
    if (b.isPresent()) {
      definitionsMenu.show(area, b.get().getMinX(), b.get().getMaxY());
    }
    return defs;
  }

  /** The definitions menu, while it shows. */
  public ContextMenu definitionsMenu() {
    return definitionsMenu;
  }

  private List<EditorContext.Definition> definitions(String name) {
    List<EditorContext.Definition> out = new ArrayList<>();
    String text = area.getText();
    java.nio.file.Path here = java.nio.file.Path.of(fileName.get());
    Matcher m = DEFINING.matcher(text);
    while (m.find()) {
      if (m.group(2).equals(name)) {
        int line = lineOf(text, m.start(2));
        out.add(new EditorContext.Definition(here, line, m.group(1) + " " + name + " (here)"));
      }
    }
    for (EditorContext.Definition d : context.definitions(name)) {
      // this file's lines come from the text as it is now, not as the system loaded it
      java.nio.file.Path f = d.file().getFileName();
      if (d.line() > 0 && f != null && f.toString().equals(here.toString())) {
        continue;
      }
      out.add(d);
    }
    return out;
  }

  private void open(EditorContext.Definition d) {
    definitionsMenu.hide();
    if (d.file().toString().equals(fileName.get())) {
      goToLine(d.line());
      status.set(d.what() + ", line " + d.line());
    } else {
      openDefinition.accept(d);
    }
  }

  private void showDefinition(EditorContext.Definition d) {
    status.set(d.what() + " at " + place(d));
  }

  private static String place(EditorContext.Definition d) {
    return d.line() > 0 ? d.file() + ":" + d.line() : d.file().toString();
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The name an offset is in or at the end of: a run of characters but blanks, = and ,. */
  static Optional<String> wordAt(String text, int offset) {
    int at = Math.min(Math.max(offset, 0), text.length());
    int start = at;
    while (start > 0 && isNameChar(text.charAt(start - 1))) {
      start--;
    }
    int end = at;
    while (end < text.length() && isNameChar(text.charAt(end))) {
      end++;
    }
    String word = text.substring(start, end);
    if (word.endsWith(":")) {
      word = word.substring(0, word.length() - 1);
    }
    return word.isEmpty() ? Optional.empty() : Optional.of(word);
  }

  private static boolean isNameChar(char c) {
    return !Character.isWhitespace(c) && c != '=' && c != ',' && c != '\\';
  }
}
