package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.ParseResult;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * A configuration file's editor: the text with line numbers and colours, and its problems listed
 * underneath. Owns the document: its text, name and whether it differs from the last save.
 *
 * <p>Confined to the FX thread.
 */
public final class ConfigEditor {
  private static final String STYLESHEET =
      Objects.requireNonNull(ConfigEditor.class.getResource("config-editor.css")).toExternalForm();

  private final CodeArea area = new CodeArea();
  private final StringProperty fileName = new SimpleStringProperty(this, "fileName", "untitled");
  private final SyntaxHighlighter highlighter;
  private final SplitPane root;

  /**
   * Builds an empty editor.
   *
   * @param executor where parsing runs, off the FX thread
   * @param parser parses a file name and its text into lexemes and diagnostics
   */
  public ConfigEditor(Executor executor, BiFunction<String, String, ParseResult<?>> parser) {
    area.setId("config-text");
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    // undo records text only: styling applied later is never undone
    area.setUndoManager(UndoUtils.plainTextUndoManager(area));
    highlighter = new SyntaxHighlighter(area, executor, parser, fileName::get);
    highlighter.install();

    ProblemList problems = new ProblemList(highlighter.problems(), this::goTo);
    problems.setId("problems");
    Label heading = new Label();
    heading.getStyleClass().add("problems-heading");
    heading.textProperty().bind(Bindings.size(highlighter.problems()).asString("Problems (%d)"));
    BorderPane problemPane = new BorderPane(problems, heading, null, null, null);

    root = new SplitPane(new VirtualizedScrollPane<>(area), problemPane);
    root.setOrientation(Orientation.VERTICAL);
    root.setDividerPositions(0.8);
    root.getStyleClass().add("config-editor");
    root.getStylesheets().add(STYLESHEET);
  }

  /** The editor's node, to put in a scene. */
  public Parent node() {
    return root;
  }

  /** The text area. */
  public CodeArea area() {
    return area;
  }

  /** The file name shown in diagnostics and titles. */
  public StringProperty fileNameProperty() {
    return fileName;
  }

  /** The diagnostics of the text as last parsed. */
  public ObservableList<Diagnostic> problems() {
    return highlighter.problems();
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
   * Sets the loaded system the text belongs to: completion offers its names and parameters, and the
   * findings of {@code check} are underlined from the next whole pass, which starts now.
   *
   * @param context the system, or {@link EditorContext#EMPTY}
   */
  public void setContext(EditorContext context) {
    highlighter.setContext(context);
    highlighter.restyle();
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
}
