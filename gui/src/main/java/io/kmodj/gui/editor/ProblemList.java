package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

/**
 * The list of problems under the editor: one row per diagnostic ({@code line:column severity
 * message}); clicking a row, or Enter on it, goes to the problem.
 */
public final class ProblemList extends ListView<Diagnostic> {
  /**
   * Lists diagnostics.
   *
   * @param problems the diagnostics to show, kept up to date by their owner
   * @param goTo what to do when the user picks a diagnostic
   */
  public ProblemList(ObservableList<Diagnostic> problems, Consumer<Diagnostic> goTo) {
    super(problems);
    getStyleClass().add("problem-list");
    setPlaceholder(new Label("No problems"));
    setCellFactory(list -> new Row());
    setOnMouseClicked(
        e -> {
          Diagnostic d = getSelectionModel().getSelectedItem();
          if (d != null) {
            goTo.accept(d);
          }
        });
    setOnKeyPressed(
        e -> {
          Diagnostic d = getSelectionModel().getSelectedItem();
          if (e.getCode() == KeyCode.ENTER && d != null) {
            goTo.accept(d);
          }
        });
  }

  /** A row: position, severity and message, coloured by severity. */
  private static final class Row extends ListCell<Diagnostic> {
    @Override
    protected void updateItem(Diagnostic d, boolean empty) {
      super.updateItem(d, empty);
      getStyleClass().removeAll("severity-error", "severity-warning", "severity-info");
      if (empty || d == null) {
        setText(null);
        return;
      }
      setText(
          d.span().line()
              + ":"
              + d.span().column()
              + "  "
              + d.severity().word()
              + ": "
              + d.message());
      getStyleClass().add("severity-" + d.severity().word());
    }
  }
}
