package io.kmodj.gui.problems;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Shape;

/**
 * The Problems pane: every syntax and semantic diagnostic of the open system's files, those in a
 * tab and those not, one row each ({@code 20-storage.conf:3:1 unknown-module no module named
 * floppy}) under a severity icon (a red disc for an error, an amber triangle for a warning, a blue
 * disc for a hint). The Errors, Warnings and Infos toggles, each with its count, filter the rows by
 * severity; clicking a row, or Enter on it, hands its {@link Problem} to the owner, which shows the
 * file at the line. The owner sets the rows ({@link #setProblems}) as the files' diagnostics
 * change. Confined to the FX thread.
 */
public final class ProblemsPane {
  /**
   * One diagnostic of one file.
   *
   * @param file the file as the row names it (its tab's name, or the file's name when no tab shows
   *     it)
   * @param diagnostic the diagnostic
   * @param origin what the owner shows when the row is picked (its tab, or the file's path)
   */
  public record Problem(String file, Diagnostic diagnostic, Object origin) {
    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(diagnostic, "diagnostic");
      Objects.requireNonNull(origin, "origin");
    }

    /** The row's text after the icon: {@code file:line:column rule message}. */
    public String row() {
      return file
          + ":"
          + diagnostic.span().line()
          + ":"
          + diagnostic.span().column()
          + "  "
          + diagnostic.code()
          + "  "
          + diagnostic.message();
    }
  }

  private final ObservableList<Problem> all = FXCollections.observableArrayList();
  private final FilteredList<Problem> shown = new FilteredList<>(all, p -> true);
  private final Map<Severity, ToggleButton> toggles = new EnumMap<>(Severity.class);
  private final ListView<Problem> list = new ListView<>(shown);
  private final VBox root;

  /**
   * An empty pane.
   *
   * @param goTo shows a picked problem's file at its line
   */
  public ProblemsPane(Consumer<Problem> goTo) {
    Objects.requireNonNull(goTo, "goTo");
    list.setId("problems");
    list.setPlaceholder(new Label("No problems"));
    list.setCellFactory(l -> new Row());
    list.setOnMouseClicked(
        e -> {
          Problem p = list.getSelectionModel().getSelectedItem();
          if (p != null) {
            goTo.accept(p);
          }
        });
    list.setOnKeyPressed(
        e -> {
          Problem p = list.getSelectionModel().getSelectedItem();
          if (e.getCode() == KeyCode.ENTER && p != null) {
            goTo.accept(p);
          }
        });
    Label heading = new Label();
    heading.setId("problems-count");
    heading.textProperty().bind(Bindings.size(all).asString("%d problems"));
    HBox bar = new HBox(6);
    for (Severity s : Severity.values()) {
      ToggleButton t = new ToggleButton();
      t.setId("problems-show-" + s.word());
      t.setSelected(true);
      t.setGraphic(icon(s));
      t.setFocusTraversable(false);
      t.textProperty()
          .bind(
              Bindings.createStringBinding(
                  () -> plural(s) + " " + all.stream().filter(p -> is(p, s)).count(), all));
      t.selectedProperty().addListener((o, was, now) -> refilter());
      toggles.put(s, t);
      bar.getChildren().add(t);
    }
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    bar.getChildren().addAll(gap, heading);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(2, 4, 2, 4));
    VBox.setVgrow(list, Priority.ALWAYS);
    root = new VBox(bar, list);
    root.setId("problems-pane");
  }

  /** The pane's node. */
  public Node node() {
    return root;
  }

  /**
   * Shows these problems, in this order (the filter stays).
   *
   * @param problems every problem of every file
   */
  public void setProblems(List<Problem> problems) {
    all.setAll(problems);
  }

  /** Every problem, whatever the filter. */
  public List<Problem> problems() {
    return List.copyOf(all);
  }

  /** The problems the filter shows, as rows. */
  public List<Problem> shown() {
    return List.copyOf(shown);
  }

  /**
   * Shows or hides a severity's rows, as its toggle does.
   *
   * @param severity the severity
   * @param show whether its rows are shown
   */
  public void show(Severity severity, boolean show) {
    toggles.get(severity).setSelected(show);
  }

  private void refilter() {
    shown.setPredicate(p -> toggles.get(p.diagnostic().severity()).isSelected());
  }

  private static boolean is(Problem p, Severity s) {
    return p.diagnostic().severity() == s;
  }

  private static String plural(Severity s) {
    return switch (s) {
      case ERROR -> "Errors";
      case WARNING -> "Warnings";
      default -> "Infos";
    };
  }

  /** The icon of a severity: a red disc, an amber triangle, a blue disc. */
  static Shape icon(Severity s) {
    Shape shape =
        switch (s) {
          case ERROR -> new Circle(5, Color.web("#c62828"));
          case WARNING -> {
            Polygon p = new Polygon(5.5, 0, 11, 10, 0, 10);
            p.setFill(Color.web("#e0a000"));
            yield p;
          }
          default -> new Circle(5, Color.web("#1e6fd9"));
        };
    shape.getStyleClass().add("problem-icon-" + s.word());
    return shape;
  }

  /** A row: the severity's icon, then file:line:column, rule and message. */
  private static final class Row extends ListCell<Problem> {
    @Override
    protected void updateItem(Problem p, boolean empty) {
      super.updateItem(p, empty);
      getStyleClass().removeAll("severity-error", "severity-warning", "severity-info");
      if (empty || p == null) {
        setText(null);
        setGraphic(null);
        setStyle(null);
        setTooltip(null);
        return;
      }
      setGraphic(icon(p.diagnostic().severity()));
      setText(p.row());
      setTooltip(new Tooltip(p.diagnostic().format()));
      setStyle(
          switch (p.diagnostic().severity()) {
            case ERROR -> "-fx-text-fill: #a31515;";
            case WARNING -> "-fx-text-fill: #8a6100;";
            default -> null;
          });
      getStyleClass().add("severity-" + p.diagnostic().severity().word());
    }
  }
}
