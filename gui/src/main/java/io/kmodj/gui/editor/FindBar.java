package io.kmodj.gui.editor;

import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;

/**
 * The find/replace bar above the editor's text: a query, literal or a Java regular expression, with
 * or without case; next, previous, replace and replace all. A bad regular expression is said in the
 * bar, never thrown. Replace all is one edit, undone in one step.
 *
 * <p>Confined to the FX thread.
 */
public final class FindBar extends VBox {
  private final CodeArea area;
  private final TextField find = new TextField();
  private final TextField replace = new TextField();
  private final CheckBox regex = new CheckBox("Regex");
  private final CheckBox matchCase = new CheckBox("Match case");
  private final Label status = new Label();
  private final HBox replaceRow;

  /**
   * Builds a hidden bar searching a text area.
   *
   * @param area the text to search
   */
  public FindBar(CodeArea area) {
    this.area = area;
    getStyleClass().add("find-bar");
    setId("find-bar");
    find.setId("find-field");
    find.setPromptText("Find");
    replace.setId("replace-field");
    replace.setPromptText("Replace with ($1 for a group when regular)");
    regex.setId("find-regex");
    matchCase.setId("find-case");
    status.setId("find-status");
    Button next = button("Next", "find-next", this::next);
    Button previous = button("Previous", "find-previous", this::previous);
    Button one = button("Replace", "replace-one", this::replaceOne);
    Button all = button("Replace all", "replace-all", this::replaceAll);
    Button close = button("×", "find-close", this::close);
    HBox.setHgrow(find, Priority.ALWAYS);
    HBox.setHgrow(replace, Priority.ALWAYS);
    HBox findRow =
        new HBox(6, new Label("Find"), find, next, previous, regex, matchCase, status, close);
    replaceRow = new HBox(6, new Label("Replace"), replace, one, all);
    for (HBox row : new HBox[] {findRow, replaceRow}) {
      row.setAlignment(Pos.CENTER_LEFT);
    }
    setSpacing(4);
    setPadding(new Insets(4, 6, 4, 6));
    getChildren().addAll(findRow, replaceRow);
    find.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            if (e.isShiftDown()) {
              previous();
            } else {
              next();
            }
            e.consume();
          } else if (e.getCode() == KeyCode.ESCAPE) {
            close();
            e.consume();
          }
        });
    replace.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            replaceOne();
            e.consume();
          } else if (e.getCode() == KeyCode.ESCAPE) {
            close();
            e.consume();
          }
        });
    find.textProperty().addListener((o, a, b) -> status.setText(""));
    hide();
  }

  private static Button button(String text, String id, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setFocusTraversable(false);
    b.setOnAction(e -> action.run());
    return b;
  }

  /**
   * Shows the bar with the focus in the query, which starts as the selected text if any.
   *
   * @param withReplace whether the replace row shows too
   */
  public void open(boolean withReplace) {
    String selected = area.getSelectedText();
    if (!selected.isEmpty() && !selected.contains("\n")) {
      find.setText(selected);
    }
    setVisible(true);
    setManaged(true);
    replaceRow.setVisible(withReplace);
    replaceRow.setManaged(withReplace);
    find.requestFocus();
    find.selectAll();
  }

  /** Hides the bar and gives the focus back to the text. */
  public void close() {
    hide();
    area.requestFocus();
  }

  private void hide() {
    setVisible(false);
    setManaged(false);
  }

  /** The query field. */
  public TextField findField() {
    return find;
  }

  /** The replacement field. */
  public TextField replaceField() {
    return replace;
  }

  /** Whether the query is a regular expression. */
  public CheckBox regexBox() {
    return regex;
  }

  /** Whether case matters. */
  public CheckBox matchCaseBox() {
    return matchCase;
  }

  /** What the last action found ("no match", "3 replaced", a bad pattern's message). */
  public String status() {
    return status.getText();
  }

  private Optional<TextSearch> search() {
    if (find.getText().isEmpty()) {
      status.setText("");
      return Optional.empty();
    }
    try {
      return Optional.of(
          new TextSearch(find.getText(), regex.isSelected(), matchCase.isSelected()));
    } catch (PatternSyntaxException e) {
      status.setText("bad regular expression: " + e.getDescription());
      return Optional.empty();
    }
  }

  /** Selects the next match after the selection, wrapping round. */
  public void next() {
    search().ifPresent(s -> select(s.next(area.getText(), area.getSelection().getEnd())));
  }

  /** Selects the match before the selection, wrapping round. */
  public void previous() {
    search().ifPresent(s -> select(s.previous(area.getText(), area.getSelection().getStart())));
  }

  private void select(Optional<TextSearch.Match> match) {
    if (match.isEmpty()) {
      status.setText("no match");
      return;
    }
    TextSearch.Match m = match.get();
    status.setText("");
    area.selectRange(m.start(), m.end());
    area.requestFollowCaret();
  }

  /** Replaces the selected match, if the selection is one, and selects the next. */
  public void replaceOne() {
    Optional<TextSearch> search = search();
    if (search.isEmpty()) {
      return;
    }
    TextSearch s = search.get();
    String text = area.getText();
    int start = area.getSelection().getStart();
    int end = area.getSelection().getEnd();
    if (s.matches(text, start, end)) {
      String with;
      try {
        with = s.expand(text, new TextSearch.Match(start, end), replace.getText());
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        status.setText("bad replacement: " + e.getMessage());
        return;
      }
      area.replaceText(start, end, with);
      area.moveTo(start + with.length());
    }
    next();
  }

  /** Replaces every match in one edit. */
  public void replaceAll() {
    Optional<TextSearch> search = search();
    if (search.isEmpty()) {
      return;
    }
    Optional<TextSearch.Replacement> r;
    try {
      r = search.get().replaceAll(area.getText(), replace.getText());
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      status.setText("bad replacement: " + e.getMessage());
      return;
    }
    if (r.isEmpty()) {
      status.setText("no match");
      return;
    }
    area.replaceText(r.get().start(), r.get().end(), r.get().replacement());
    status.setText(r.get().count() + " replaced");
  }
}
