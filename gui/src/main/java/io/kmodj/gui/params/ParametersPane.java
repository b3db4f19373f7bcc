package io.kmodj.gui.params;

import io.kmodj.engine.check.DeclaredParameters;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.params.OptionsRewriter;
import io.kmodj.engine.params.ParameterReport;
import io.kmodj.engine.params.ParameterReports;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.model.Workers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * One module's parameters as a table: name, type and description (modinfo), the configured value
 * (the open document's options lines), the saved value (the persist directory) and the live value
 * (the simulated kernel). Editing a configured value rewrites the module's options line ({@link
 * OptionsRewriter}) in the document holding it ({@link Document#holdingOptionsOf}) as one undoable
 * edit; an empty value removes the parameter. The module shown follows {@link #module()}, which the
 * shell binds to the selection.
 *
 * <p>Reading the module file, the persist file and the kernel runs on the given executor; the
 * document is read on the FX thread and parsed in the background. Confined to the FX thread.
 */
public final class ParametersPane {
  /** The open document the configured values come from and edits go to. */
  public interface Document {
    /** Its dialect. */
    Dialect dialect();

    /** Its file name, for where a value is set. */
    String fileName();

    /** Its text, observed so the table follows typing. */
    ObservableValue<String> text();

    /**
     * Replaces a range as one undoable edit.
     *
     * @param start the first character replaced
     * @param end just past the last one
     * @param replacement the new text
     */
    void replace(int start, int end, String replacement);

    /**
     * The document an edit of a module's options goes to: the one holding its options line, which a
     * document over several files makes the active one (opening the file when it is not open); this
     * one when no file has a line for the module.
     *
     * @param module the module
     * @return the document to edit
     */
    default Document holdingOptionsOf(String module) {
      return this;
    }

    /**
     * A document over a RichTextFX area (the editor's), its dialect told by its file name.
     *
     * @param area the area
     * @param fileName its file name, read at each use
     * @return the document
     */
    static Document of(GenericStyledArea<?, ?, ?> area, Supplier<String> fileName) {
      Objects.requireNonNull(area);
      Objects.requireNonNull(fileName);
      return new Document() {
        @Override
        public Dialect dialect() {
          return Dialect.forFileName(fileName.get());
        }

        @Override
        public String fileName() {
          return fileName.get();
        }

        @Override
        public ObservableValue<String> text() {
          return area.textProperty();
        }

        @Override
        public void replace(int start, int end, String replacement) {
          // a change of its own in the history, never merged with typing around it
          area.getUndoManager().preventMerge();
          area.replaceText(start, end, replacement);
          area.getUndoManager().preventMerge();
        }
      };
    }
  }

  /** Where the declared, saved and live values come from; called off the FX thread. */
  public interface Sources {
    /**
     * What a module declares.
     *
     * @param module the module
     * @return its parameters, or empty when its file says nothing
     */
    Optional<List<DeclaredParameters.Parameter>> declared(String module);

    /**
     * What an unload saved.
     *
     * @param module the module
     * @return the values or why there are none
     */
    ParameterStore.Saved saved(String module);

    /**
     * The persist file of a module.
     *
     * @param module the module
     * @return its path
     */
    String savedFile(String module);

    /**
     * The module as the kernel has it.
     *
     * @param module the module
     * @return it, if loaded
     */
    Optional<LoadedModule> live(String module);

    /**
     * The sources of a simulated system: its module files, a persist directory, a kernel.
     *
     * @param system the system (module files for declared parameters); empty for none
     * @param persist the persist directory
     * @param kernel the kernel
     * @return the sources
     */
    static Sources of(Optional<SystemImage> system, ParameterStore persist, KernelAccess kernel) {
      Objects.requireNonNull(system);
      Objects.requireNonNull(persist);
      Objects.requireNonNull(kernel);
      return new Sources() {
        @Override
        public Optional<List<DeclaredParameters.Parameter>> declared(String module) {
          return system.flatMap(s -> ParameterReports.declared(s, module));
        }

        @Override
        public ParameterStore.Saved saved(String module) {
          return persist.peek(module);
        }

        @Override
        public String savedFile(String module) {
          return persist.directory().resolve(module).toString();
        }

        @Override
        public Optional<LoadedModule> live(String module) {
          return kernel.apply(k -> k.module(module));
        }
      };
    }
  }

  private final Document document;
  private final Sources sources;
  private final Executor background;
  private final StringProperty module = new SimpleStringProperty(this, "module", "");
  private final ObservableList<ParameterReport.Parameter> rows =
      FXCollections.observableArrayList();
  private final TableView<ParameterReport.Parameter> table = new TableView<>(rows);
  private final Label heading = new Label();
  private final Label status = new Label();
  private final BorderPane root = new BorderPane();
  private final PauseTransition typing = new PauseTransition(Duration.millis(250));
  private final java.util.Map<String, Optional<List<DeclaredParameters.Parameter>>> declared =
      new ConcurrentHashMap<>();
  private long generation;
  private ParameterReport shown;

  /**
   * A pane over a document.
   *
   * @param document the open document
   * @param sources where declared, saved and live values come from
   * @param background where they are read
   */
  public ParametersPane(Document document, Sources sources, Executor background) {
    this.document = Objects.requireNonNull(document);
    this.sources = Objects.requireNonNull(sources);
    this.background = Objects.requireNonNull(background);
    root.setId("parameters");
    heading.setId("params-heading");
    status.setId("params-status");
    buildTable();
    TextField add = new TextField();
    add.setId("params-add");
    add.setPromptText("param=value to add");
    HBox.setHgrow(add, Priority.ALWAYS);
    Button addButton = new Button("Add");
    addButton.setId("params-add-button");
    Runnable addIt =
        () -> {
          String t = add.getText().strip();
          int eq = t.indexOf('=');
          if (eq <= 0) {
            status.setText("write param=value");
            return;
          }
          if (edit(t.substring(0, eq).strip(), t.substring(eq + 1))) {
            add.clear();
          }
        };
    addButton.setOnAction(e -> addIt.run());
    add.setOnAction(e -> addIt.run());
    addButton.disableProperty().bind(module.isEmpty());
    add.disableProperty().bind(module.isEmpty());
    HBox addRow = new HBox(6, add, addButton);
    addRow.setAlignment(Pos.CENTER_LEFT);
    VBox bottom = new VBox(4, addRow, status);
    bottom.setPadding(new Insets(4, 6, 4, 6));
    heading.setPadding(new Insets(4, 6, 4, 6));
    root.setTop(heading);
    root.setCenter(table);
    root.setBottom(bottom);
    module.addListener((o, a, b) -> refresh());
    typing.setOnFinished(e -> refresh());
    document.text().addListener((o, a, b) -> typing.playFromStart());
    refresh();
  }

  /** The pane's node, to dock. */
  public Parent node() {
    return root;
  }

  /** The module shown; empty for none. */
  public StringProperty module() {
    return module;
  }

  /** The rows shown. */
  public ObservableList<ParameterReport.Parameter> rows() {
    return rows;
  }

  /** The report shown, once one has been read. */
  public Optional<ParameterReport> report() {
    return Optional.ofNullable(shown);
  }

  private void buildTable() {
    table.setId("params-table");
    table.setEditable(true);
    table.setPlaceholder(new Label("No parameters known for this module"));
    table
        .getColumns()
        .add(
            column(
                "Parameter",
                120,
                p ->
                    p.name()
                        + (p.declared() || shown == null || !shown.declaredKnown() ? "" : " *")));
    table.getColumns().add(column("Type", 60, ParameterReport.Parameter::type));
    TableColumn<ParameterReport.Parameter, String> configured =
        column("Configured", 110, p -> p.configured().orElse(""));
    configured.setId("params-configured");
    configured.setEditable(true);
    configured.setCellFactory(TextFieldTableCell.forTableColumn());
    configured.setOnEditCommit(
        e -> {
          if (!edit(e.getRowValue().name(), e.getNewValue())) {
            table.refresh();
          }
        });
    table.getColumns().add(configured);
    table
        .getColumns()
        .add(column("Set at", 130, p -> p.configuredAt().map(ParametersPane::where).orElse("")));
    table.getColumns().add(column("Saved", 80, p -> p.saved().orElse("")));
    table.getColumns().add(column("Live", 80, p -> p.live().orElse("")));
    TableColumn<ParameterReport.Parameter, String> description =
        column("Description", 260, ParameterReport.Parameter::description);
    table.getColumns().add(description);
    for (TableColumn<ParameterReport.Parameter, ?> c : table.getColumns()) {
      if (c != configured) {
        c.setEditable(false);
      }
      c.setSortable(false);
    }
    table.setTooltip(
        new Tooltip(
            "Double-click a configured value to edit the options line; empty removes it."
                + " * marks a parameter the module does not declare."));
  }

  private static String where(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }

  private static TableColumn<ParameterReport.Parameter, String> column(
      String title, double width, Function<ParameterReport.Parameter, String> value) {
    TableColumn<ParameterReport.Parameter, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }

  /**
   * Sets a parameter's configured value by rewriting the document's options line for the module.
   *
   * @param param the parameter
   * @param value its value; blank removes it
   * @return whether the document now says so (false, with the reason shown, when it cannot)
   */
  public boolean edit(String param, String value) {
    String m = module.get();
    if (m.isEmpty()) {
      return false;
    }
    String v = value.strip();
    Document d = document.holdingOptionsOf(m);
    Optional<OptionsRewriter.TextEdit> e;
    try {
      e =
          OptionsRewriter.set(
              d.dialect(),
              d.text().getValue(),
              m,
              param,
              v.isEmpty() ? Optional.empty() : Optional.of(v));
    } catch (IllegalArgumentException ex) {
      status.setText(ex.getMessage());
      return false;
    }
    if (e.isPresent()) {
      d.replace(e.get().start(), e.get().end(), e.get().replacement());
      status.setText((v.isEmpty() ? "removed " + param : param + "=" + v) + " in " + d.fileName());
    } else {
      status.setText(d.fileName() + " already says so");
    }
    typing.stop();
    refresh();
    return true;
  }

  /** Reads the module's parameters again (after the kernel or the persist directory changed). */
  public void refresh() {
    String m = module.get();
    long mine = ++generation;
    if (m.isEmpty()) {
      shown = null;
      rows.clear();
      heading.setText("Parameters: select a module");
      return;
    }
    Dialect dialect = document.dialect();
    String file = document.fileName();
    String text = document.text().getValue();
    submit(
        () -> {
          ParameterReport r;
          try {
            r =
                ParameterReports.build(
                    m,
                    declared.computeIfAbsent(m, sources::declared),
                    ParameterReports.configured(dialect, file, text, m),
                    sources.saved(m),
                    sources.savedFile(m),
                    sources.live(m));
          } catch (Throwable ex) { // an Error too
            Workers.failed("reading the parameters of " + m, ex);
            Platform.runLater(() -> status.setText("cannot read " + m + ": " + ex.getMessage()));
            return;
          }
          Platform.runLater(() -> show(mine, r));
        });
  }

  private void submit(Runnable work) {
    try {
      background.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the executor is shut down: the application is closing, nothing is left to show
      typing.stop();
    }
  }

  /** Stops following the document's typing (before the executor shuts down). */
  public void close() {
    typing.stop();
    typing.setOnFinished(null);
  }

  private void show(long gen, ParameterReport r) {
    if (gen != generation) {
      // a newer module or text was asked for meanwhile
      return;
    }
    shown = r;
    rows.setAll(r.parameters());
    heading.setText(
        "Parameters of "
            + r.module()
            + (r.loaded() ? " (loaded)" : " (not loaded)")
            + (r.declaredKnown() ? "" : " — no modinfo data: declared parameters unknown")
            + r.savedProblem().map(p -> " — saved file: " + p).orElse(""));
  }
}
