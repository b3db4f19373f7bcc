package io.kmodj.gui.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Log pane: the {@link AppLog}'s entries, newest at the bottom ({@code 18:02:11 error graph
 * layout failed: …}), failures in red; "Errors only" hides the rest, "Clear" empties the log. The
 * list follows the newest entry. Confined to the FX thread.
 */
public final class LogPane {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ListView<AppLog.Entry> list;
  private final VBox root;

  /**
   * Shows a log.
   *
   * @param log the entries
   */
  public LogPane(AppLog log) {
    Objects.requireNonNull(log, "log");
    FilteredList<AppLog.Entry> shown = new FilteredList<>(log.entries(), e -> true);
    list = new ListView<>(shown);
    list.setId("log-list");
    list.setPlaceholder(new Label("Nothing logged yet"));
    list.setCellFactory(l -> new Row());
    CheckBox errorsOnly = new CheckBox("Errors only");
    errorsOnly.setId("log-errors-only");
    errorsOnly
        .selectedProperty()
        .addListener(
            (o, was, now) ->
                shown.setPredicate(now ? e -> e.level() == AppLog.Level.ERROR : e -> true));
    Button clear = new Button("Clear");
    clear.setId("log-clear");
    clear.setOnAction(e -> log.entries().clear());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(8, errorsOnly, gap, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(2, 4, 2, 4));
    shown.addListener(
        (ListChangeListener<AppLog.Entry>)
            c -> {
              if (!shown.isEmpty()) {
                list.scrollTo(shown.size() - 1);
              }
            });
    VBox.setVgrow(list, Priority.ALWAYS);
    root = new VBox(bar, list);
    root.setId("log-pane");
  }

  /** The pane's node. */
  public Node node() {
    return root;
  }

  /** A row: time, level, message; coloured by level. */
  private static final class Row extends ListCell<AppLog.Entry> {
    @Override
    protected void updateItem(AppLog.Entry e, boolean empty) {
      super.updateItem(e, empty);
      getStyleClass().removeAll("log-info", "log-error");
      setStyle(null);
      if (empty || e == null) {
        setText(null);
        return;
      }
      setText(TIME.format(e.time()) + "  " + e.level().word() + "  " + e.message());
      getStyleClass().add("log-" + e.level().word());
      if (e.level() == AppLog.Level.ERROR) {
        setStyle("-fx-text-fill: #b00020;");
      }
    }
  }
}
