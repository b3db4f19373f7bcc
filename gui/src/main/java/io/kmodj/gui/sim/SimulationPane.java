package io.kmodj.gui.sim;

import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ModuleFlag;
import io.kmodj.engine.kmodthread.KmodDaemon;
import io.kmodj.gui.model.Workers;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Drives a {@link Simulation}: request a name and see its trace (request_module, the kmod thread's
 * argv, each module loaded with its options, or the error), the module table as lsmod shows it with
 * the 2.4 flags, rmmod of the selected module, one {@code rmmod -a} pass, uses begun and ended (a
 * device opened and closed), the autoclean schedule, the {@code kernel.modprobe} setting and the
 * kernel log as it grows. Kernel work runs on the given executor, never on the FX thread; the views
 * are updated on the FX thread afterwards.
 *
 * <p>Confined to the FX thread, except the simulation's change notices, which it forwards there.
 */
public final class SimulationPane {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private final Simulation sim;
  private final Executor background;
  private final ObservableList<LoadedModule> table = FXCollections.observableArrayList();
  private final ObservableList<String> trace = FXCollections.observableArrayList();
  private final ObservableList<String> log = FXCollections.observableArrayList();
  private final TableView<LoadedModule> lsmod = new TableView<>(table);
  private final Label status = new Label();
  private final TextField modprobePath = new TextField();
  private final TextField cron = new TextField(KmodDaemon.DEFAULT_SCHEDULE);
  private final CheckBox scheduled = new CheckBox("Autoclean on schedule");
  private final ListView<String> logView = new ListView<>(log);
  private final BorderPane root = new BorderPane();
  private boolean refreshQueued;

  /**
   * A pane over a simulation.
   *
   * @param sim the simulation
   * @param background where kernel work runs (one thread keeps the actions in order)
   */
  public SimulationPane(Simulation sim, Executor background) {
    this.sim = Objects.requireNonNull(sim);
    this.background = Objects.requireNonNull(background);
    root.setId("simulation");
    root.setTop(controls());
    root.setCenter(views());
    status.setId("sim-status");
    root.setBottom(status);
    BorderPane.setMargin(status, new Insets(2, 6, 2, 6));
    sim.onChange(this::queueRefresh);
    refresh();
  }

  /** The pane's node, to dock. */
  public Parent node() {
    return root;
  }

  /** The module table as last shown. */
  public ObservableList<LoadedModule> modules() {
    return table;
  }

  /** The trace of the last request, one line each. */
  public ObservableList<String> trace() {
    return trace;
  }

  /** The kernel log as last shown, one formatted line each. */
  public ObservableList<String> kernelLog() {
    return log;
  }

  private Parent controls() {
    TextField name = new TextField();
    name.setId("sim-request-name");
    name.setPromptText("a name the kernel asks for: char-major-10-237, fs-nfsd, eth0…");
    HBox.setHgrow(name, Priority.ALWAYS);
    Button request = new Button("request_module");
    request.setId("sim-request");
    request.setMnemonicParsing(false);
    Runnable ask =
        () -> {
          String n = name.getText().strip();
          if (!n.isEmpty()) {
            run(
                "request_module(" + n + ")",
                () -> sim.request(n),
                t -> {
                  trace.setAll(t.lines());
                  status.setText(
                      "request_module(\""
                          + n
                          + "\") = "
                          + (t.result() == 0 ? "0" : Integer.toString(t.result()))
                          + (t.loaded().isEmpty()
                              ? ""
                              : ", loaded " + t.loaded().size() + " module(s)"));
                });
          }
        };
    request.setOnAction(e -> ask.run());
    name.setOnAction(e -> ask.run());
    HBox row1 = row(new Label("Request"), name, request);

    Button rmmod = new Button("rmmod");
    rmmod.setId("sim-rmmod");
    rmmod.setOnAction(
        e ->
            selected()
                .ifPresent(
                    m ->
                        run(
                            "rmmod " + m,
                            () -> sim.rmmod(m),
                            err ->
                                status.setText(
                                    err.map(x -> "rmmod: " + x).orElse(m + " removed")))));
    Button reap = new Button("rmmod -a");
    reap.setId("sim-autoclean");
    reap.setOnAction(
        e ->
            run(
                "rmmod -a",
                sim::autocleanPass,
                freed ->
                    status.setText(
                        "rmmod -a: "
                            + (freed.isEmpty()
                                ? "nothing removed"
                                : "removed " + String.join(" ", freed)))));
    Button use = new Button("Use +1");
    use.setId("sim-use");
    use.setOnAction(
        e -> selected().ifPresent(m -> run("use " + m, () -> sim.use(m, true), r -> used(m, r))));
    Button release = new Button("Release −1");
    release.setId("sim-release");
    release.setOnAction(
        e ->
            selected()
                .ifPresent(m -> run("release " + m, () -> sim.use(m, false), r -> used(m, r))));
    rmmod.disableProperty().bind(lsmod.getSelectionModel().selectedItemProperty().isNull());
    use.disableProperty().bind(rmmod.disableProperty());
    release.disableProperty().bind(rmmod.disableProperty());

    cron.setId("sim-cron");
    cron.setPrefColumnCount(14);
    scheduled.setId("sim-schedule");
    scheduled.setOnAction(e -> applySchedule());
    cron.setOnAction(e -> applySchedule());
    HBox row2 =
        row(new Label("Module"), rmmod, use, release, reap, new Label("   "), scheduled, cron);

    modprobePath.setId("sim-modprobe-path");
    modprobePath.setPromptText("empty: autoloading disabled");
    HBox.setHgrow(modprobePath, Priority.ALWAYS);
    Button set = new Button("Set");
    set.setId("sim-modprobe-set");
    Runnable setPath =
        () -> {
          String p = modprobePath.getText().strip();
          run(
              "sysctl kernel.modprobe",
              () -> {
                sim.setModprobePath(p);
                return p;
              },
              v ->
                  status.setText(
                      v.isEmpty()
                          ? "kernel.modprobe is empty: autoloading disabled"
                          : "kernel.modprobe = " + v));
        };
    set.setOnAction(e -> setPath.run());
    modprobePath.setOnAction(e -> setPath.run());
    HBox row3 = row(new Label("kernel.modprobe"), modprobePath, set);

    VBox box = new VBox(4, row1, row2, row3);
    box.setPadding(new Insets(6));
    return box;
  }

  private void used(String module, int r) {
    status.setText(
        r == 0
            ? module + ": use count changed"
            : module + ": " + io.kmodj.engine.kernel.Errno.message(r));
  }

  private static HBox row(javafx.scene.Node... nodes) {
    HBox h = new HBox(6, nodes);
    h.setAlignment(Pos.CENTER_LEFT);
    return h;
  }

  private Parent views() {
    lsmod.setId("sim-lsmod");
    lsmod.setPlaceholder(new Label("No modules loaded"));
    lsmod.getColumns().add(column("Module", 130, m -> m.name()));
    lsmod.getColumns().add(column("Size", 60, m -> Long.toString(m.size())));
    lsmod
        .getColumns()
        .add(
            column(
                "Used by",
                170,
                m ->
                    m.refcount()
                        + (m.holders().isEmpty() ? "" : " " + String.join(",", m.holders()))));
    lsmod.getColumns().add(column("State", 60, m -> m.state().name().toLowerCase(Locale.ROOT)));
    lsmod.getColumns().add(column("Flags", 190, SimulationPane::flags));
    lsmod
        .getColumns()
        .add(
            column(
                "Parameters",
                220,
                m -> {
                  StringBuilder sb = new StringBuilder();
                  m.parameters()
                      .forEach(
                          (k, v) ->
                              sb.append(sb.length() == 0 ? "" : " ")
                                  .append(k)
                                  .append('=')
                                  .append(v));
                  return sb.toString();
                }));
    ListView<String> traceView = new ListView<>(trace);
    traceView.setId("sim-trace");
    traceView.setPlaceholder(new Label("Request a name to see its trace"));
    logView.setId("sim-log");
    String mono = "-fx-font-family: 'DejaVu Sans Mono', monospace; -fx-font-size: 12px;";
    traceView.setStyle(mono);
    logView.setStyle(mono);
    TitledPane t = titled("Trace", traceView);
    TitledPane m = titled("Modules (lsmod)", lsmod);
    TitledPane l = titled("Kernel log (dmesg)", logView);
    SplitPane top = new SplitPane(m, t);
    top.setDividerPositions(0.5);
    SplitPane all = new SplitPane(top, l);
    all.setOrientation(Orientation.VERTICAL);
    all.setDividerPositions(0.62);
    return all;
  }

  private static TitledPane titled(String title, javafx.scene.Node content) {
    TitledPane p = new TitledPane(title, content);
    p.setCollapsible(false);
    p.setMaxHeight(Double.MAX_VALUE);
    return p;
  }

  private static String flags(LoadedModule m) {
    List<String> f = new ArrayList<>();
    for (ModuleFlag flag : m.flags()) {
      f.add(flag.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return String.join(" ", f);
  }

  private static TableColumn<LoadedModule, String> column(
      String title, double width, java.util.function.Function<LoadedModule, String> value) {
    TableColumn<LoadedModule, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    c.setSortable(false);
    return c;
  }

  private Optional<String> selected() {
    return Optional.ofNullable(lsmod.getSelectionModel().getSelectedItem()).map(LoadedModule::name);
  }

  private void applySchedule() {
    boolean on = scheduled.isSelected();
    String expr = cron.getText().strip();
    run(
        on ? "autoclean schedule" : "autoclean off",
        () -> {
          if (!on) {
            sim.cancelAutoclean();
            return "autoclean schedule off";
          }
          try {
            sim.scheduleAutoclean(expr);
          } catch (IllegalArgumentException e) {
            return "not a crontab expression: " + expr + " (" + e.getMessage() + ")";
          }
          return "autoclean on '"
              + expr
              + "', next "
              + sim.nextAutoclean().map(TIME::format).orElse("never");
        },
        msg -> {
          status.setText(msg);
          if (msg.startsWith("not a crontab")) {
            scheduled.setSelected(false);
          }
        });
  }

  /**
   * Runs kernel work in the background, then shows its answer and the kernel's state.
   *
   * @param what a few words for errors
   * @param work the work
   * @param show what to do with its answer, on the FX thread
   */
  private <T> void run(String what, Supplier<T> work, java.util.function.Consumer<T> show) {
    status.setText(what + "…");
    submit(
        () -> {
          T answer;
          try {
            answer = work.get();
          } catch (Throwable e) { // an Error too: the status must not stay "…"
            Workers.failed(what, e);
            Platform.runLater(() -> status.setText(what + " failed: " + e.getMessage()));
            return;
          }
          Snapshot s = snapshot();
          Platform.runLater(
              () -> {
                show.accept(answer);
                show(s);
              });
        });
  }

  /** The kernel's state read at once, off the FX thread. */
  private record Snapshot(List<LoadedModule> modules, List<String> log, String modprobe) {}

  private Snapshot snapshot() {
    List<String> lines = new ArrayList<>();
    for (KernelLog.Line l : sim.log()) {
      lines.add(l.formatted());
    }
    return new Snapshot(sim.modules(), lines, sim.modprobePath());
  }

  private void queueRefresh() {
    // called from any thread; at most one refresh waits at a time
    Platform.runLater(
        () -> {
          if (!refreshQueued) {
            refreshQueued = true;
            refresh();
          }
        });
  }

  /** Reads the kernel's state in the background and shows it. */
  public void refresh() {
    submit(
        () -> {
          Snapshot s = snapshot();
          Platform.runLater(
              () -> {
                refreshQueued = false;
                show(s);
              });
        });
  }

  private void submit(Runnable work) {
    try {
      background.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the executor is shut down: the application is closing
      status.setText("the simulation is stopped");
    }
  }

  private void show(Snapshot s) {
    String keep = selected().orElse(null);
    table.setAll(s.modules());
    if (keep != null) {
      for (LoadedModule m : table) {
        if (m.name().equals(keep)) {
          lsmod.getSelectionModel().select(m);
        }
      }
    }
    if (!log.equals(s.log())) {
      log.setAll(s.log());
      logView.scrollTo(Math.max(0, log.size() - 1));
    }
    if (!modprobePath.isFocused()) {
      modprobePath.setText(s.modprobe());
    }
  }

  /** The selected module's name, for the shell to follow. */
  public javafx.beans.value.ObservableValue<LoadedModule> selectedModule() {
    return lsmod.getSelectionModel().selectedItemProperty();
  }
}
