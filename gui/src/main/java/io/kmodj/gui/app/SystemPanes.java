package io.kmodj.gui.app;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.graph.Vertex;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.params.ParameterReport;
import io.kmodj.engine.params.ParameterReports;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.diff.DiffPane;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.editor.EditorContext;
import io.kmodj.gui.editor.ModutilsEditorContext;
import io.kmodj.gui.editor.SystemEditorContext;
import io.kmodj.gui.explain.ExplainPane;
import io.kmodj.gui.graph.GraphPane;
import io.kmodj.gui.graph.layout.GraphSource;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.Selection.Location;
import io.kmodj.gui.model.Selection.Selected;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.model.Workers;
import io.kmodj.gui.outline.OutlinePane;
import io.kmodj.gui.params.ParametersPane;
import io.kmodj.gui.sim.Simulation;
import io.kmodj.gui.sim.SimulationPane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * The panes about the open system, wired to each other through the shared {@link Selection}: the
 * {@link GraphPane}, the {@link ParametersPane} and the {@link SimulationPane} over one {@link
 * Simulation} of the system.
 *
 * <ul>
 *   <li>each {@link SystemModel} result gives the graph its new system ({@link
 *       GraphPane#setSource}, the same view made again); a result for another system (root,
 *       release, dialect or configuration paths) boots a new simulation, with new simulation and
 *       parameters panes, and stops the old one;
 *   <li>a vertex selected in the graph, or a module in the lsmod table, is selected everywhere; a
 *       selected name the graph does not show is shown as its plan; a selected module is the one
 *       the parameters pane shows;
 *   <li>the editor completes and checks against the loaded system (kmod's when its module tree
 *       exists, {@link ModutilsEditorContext} for modutils'; {@link EditorContext#EMPTY}
 *       otherwise);
 *   <li>the {@link ExplainPane} explains every selected name in the loaded system, its links
 *       opening a file at a line through the window;
 *   <li>the {@link DiffPane} lists what the unsaved buffers change against the disk, for each
 *       loaded system; a lookup clicked there is selected everywhere;
 *   <li>after every change of the simulated kernel the parameters are read again and the graph
 *       colours the loaded modules.
 * </ul>
 *
 * <p>Kernel work runs on one background thread of its own. Confined to the FX thread.
 */
final class SystemPanes implements AutoCloseable {
  private static final String GRAPH = PaneId.GRAPH.source();
  private static final String SIMULATION = PaneId.SIMULATION.source();
  private static final String DIFF = PaneId.DIFF.source();

  private final EditorTabs tabs;
  private final Selection selection;
  private final ExecutorService kernelWork =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-gui-kernel"));
  private final StackPane graphHolder = holder("graph", "Loading the system…");
  private final StackPane paramsHolder = holder("parameters", "Loading the system…");
  private final StackPane simHolder = holder("simulation", "Loading the system…");

  private final ExplainPane explain;
  private final OutlinePane outline;
  private final DiffPane diff;
  private GraphPane graph;
  private SystemImage image;
  private Simulation sim;
  private SimulationPane simPane;
  private ParametersPane params;
  private LoadedSystem shown;
  private boolean following;

  /**
   * Builds the panes; they fill in once the model loads a system.
   *
   * @param tabs the editor area: the parameters pane edits the active tab's text
   * @param model the loaded system
   * @param selection the selection shared with every pane
   * @param open opens a file at a line (the explain pane's links)
   */
  SystemPanes(EditorTabs tabs, SystemModel model, Selection selection, Consumer<Location> open) {
    this.tabs = Objects.requireNonNull(tabs, "tabs");
    this.selection = Objects.requireNonNull(selection, "selection");
    this.explain = new ExplainPane(open);
    this.outline = new OutlinePane(selection);
    this.diff = new DiffPane(open, name -> selection.select(Selected.name(name, DIFF)));
    model
        .systemProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                show(now);
              }
            });
    model
        .errorProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.isEmpty() && shown == null) {
                for (StackPane h : List.of(graphHolder, paramsHolder, simHolder)) {
                  h.getChildren().setAll(new Label("Cannot load the system: " + now));
                }
              }
            });
    selection.currentProperty().addListener((o, was, now) -> follow(now));
  }

  /**
   * Docks the panes: the outline on the left, the graph beside the editor, the parameters, the
   * explanation and the diff on the right, the simulation at the bottom.
   *
   * @param workbench where
   */
  void dockInto(Workbench workbench) {
    workbench.dock(PaneId.OUTLINE, "Outline", outline.node(), DockArea.LEFT);
    workbench.dock(PaneId.GRAPH, "Graph", graphHolder, DockArea.CENTER);
    workbench.dock(PaneId.PARAMETERS, "Parameters", paramsHolder, DockArea.RIGHT);
    workbench.dock(PaneId.EXPLAIN, "Explain", explain.node(), DockArea.RIGHT);
    workbench.dock(PaneId.DIFF, "Diff", diff.node(), DockArea.RIGHT);
    workbench.dock(PaneId.SIMULATION, "Simulation", simHolder, DockArea.BOTTOM);
  }

  /** The graph pane, once a system is loaded. */
  Optional<GraphPane> graph() {
    return Optional.ofNullable(graph);
  }

  /** The parameters pane of the current simulation, once a system is loaded. */
  Optional<ParametersPane> parameters() {
    return Optional.ofNullable(params);
  }

  /** The simulation pane, once a system is loaded. */
  Optional<SimulationPane> simulationPane() {
    return Optional.ofNullable(simPane);
  }

  /** The explain pane. */
  ExplainPane explain() {
    return explain;
  }

  /** The outline pane. */
  OutlinePane outline() {
    return outline;
  }

  /** The diff pane. */
  DiffPane diff() {
    return diff;
  }

  /** The simulation of the open system, once one is loaded. */
  Optional<Simulation> simulation() {
    return Optional.ofNullable(sim);
  }

  private static StackPane holder(String id, String waiting) {
    StackPane h = new StackPane(new Label(waiting));
    h.setId("holder-" + id);
    return h;
  }

  private void show(LoadedSystem loaded) {
    shown = loaded;
    explain.setSystem(loaded);
    outline.setSystem(loaded);
    diff.setSystem(loaded);
    // without a module tree every name would be unknown: check's findings would be noise
    boolean hasTree = Files.isDirectory(Path.of(loaded.spec().moduleDirectory()));
    tabs.setContext(
        loaded
            .kmod()
            .filter(k -> hasTree)
            .<EditorContext>map(SystemEditorContext::new)
            .or(() -> loaded.modutils().map(m -> new ModutilsEditorContext(m, loaded.overlay())))
            .orElse(EditorContext.EMPTY));
    GraphSource source =
        loaded.kmod().map(GraphSource::of).orElseGet(() -> GraphSource.of(loaded.modutils().get()));
    if (graph == null) {
      graph = new GraphPane(source);
      graph.selectedProperty().addListener((o, was, now) -> graphSelected(now));
      graphHolder.getChildren().setAll(graph);
      follow(selection.current());
    } else {
      var unused = graph.setSource(source);
    }
    SystemImage next = SystemOfFile.image(loaded.spec());
    if (!next.equals(image)) {
      boot(next);
    }
  }

  /** Boots a simulation of a system, replacing the old one and its panes. */
  private void boot(SystemImage next) {
    Simulation old = sim;
    if (params != null) {
      params.close();
    }
    image = next;
    sim = null;
    simPane = null;
    params = null;
    if (old != null) {
      // stopping the kmod thread may wait for it: not on the FX thread
      kernelWork.execute(old::close);
    }
    Simulation s;
    try {
      s = Simulation.inTemporaryDirectory(next, Clock.systemUTC());
    } catch (IOException e) {
      Label why = new Label("Cannot make the simulation's directory: " + e.getMessage());
      simHolder.getChildren().setAll(why);
      paramsHolder.getChildren().setAll(new Label(why.getText()));
      return;
    }
    sim = s;
    simPane = new SimulationPane(s, kernelWork);
    params =
        new ParametersPane(
            activeDocument(),
            ParametersPane.Sources.of(Optional.of(next), s.persist(), s.kernel()),
            kernelWork);
    selection.current().name().filter(this::isModule).ifPresent(params.module()::set);
    simPane
        .selectedModule()
        .addListener(
            (o, was, now) -> {
              if (now != null && !following) {
                selection.select(Selected.name(now.name(), SIMULATION));
              }
            });
    // called on the kernel thread that made the change: read the table there
    s.onChange(
        () -> {
          Set<String> names = names(s.modules());
          Platform.runLater(() -> kernelChanged(s, names));
        });
    simHolder.getChildren().setAll(simPane.node());
    paramsHolder.getChildren().setAll(params.node());
    if (graph != null) {
      graph.setLoaded(Set.of());
    }
  }

  /** The parameters pane's document: the active tab's text, following the tab selected. */
  private ParametersPane.Document activeDocument() {
    StringProperty text = new SimpleStringProperty(this, "activeText", "");
    ChangeListener<String> copy = (o, was, now) -> text.set(now);
    ChangeListener<FileBuffer> follow =
        (o, was, now) -> {
          if (was != null) {
            was.editor().area().textProperty().removeListener(copy);
          }
          if (now != null) {
            now.editor().area().textProperty().addListener(copy);
            text.set(now.text());
          }
        };
    tabs.activeProperty().addListener(follow);
    follow.changed(tabs.activeProperty(), null, tabs.active());
    return new ParametersPane.Document() {
      @Override
      public Dialect dialect() {
        return Dialect.forFileName(fileName());
      }

      @Override
      public String fileName() {
        return tabs.active().editor().fileNameProperty().get();
      }

      @Override
      public ObservableValue<String> text() {
        return text;
      }

      @Override
      public void replace(int start, int end, String replacement) {
        ConfigEditor e = tabs.active().editor();
        ParametersPane.Document.of(e.area(), e.fileNameProperty()::get)
            .replace(start, end, replacement);
      }

      @Override
      public ParametersPane.Document holdingOptionsOf(String module) {
        // this document is the active tab's: selecting another tab makes it that one
        showOptionsOf(module);
        return this;
      }
    };
  }

  /**
   * Makes the tab holding a module's options line the active one: the active tab when it has one,
   * else another open tab that has one, else the system's file on disk that has the last one,
   * opened at the line; the active tab stays when no file has a line for the module.
   */
  private void showOptionsOf(String module) {
    FileBuffer now = tabs.active();
    if (now == null || hasOptionsLine(now, module)) {
      return;
    }
    for (FileBuffer b : tabs.buffers()) {
      if (b != now && hasOptionsLine(b, module)) {
        tabs.select(b);
        return;
      }
    }
    if (image == null) {
      return;
    }
    // the open buffers were read above: only a file not open counts, as the disk has it
    List<ParameterReport.ConfiguredLine> lines =
        ParameterReports.configured(image, Optional.empty(), module);
    for (int i = lines.size() - 1; i >= 0; i--) {
      Origin at = lines.get(i).origin();
      Path file = Path.of(at.file());
      if (Files.isRegularFile(file) && tabs.bufferOf(file).isEmpty()) {
        tabs.openAt(file, at.line());
        return;
      }
    }
  }

  private static boolean hasOptionsLine(FileBuffer b, String module) {
    String file = b.editor().fileNameProperty().get();
    return !ParameterReports.configured(Dialect.forFileName(file), file, b.text(), module)
        .isEmpty();
  }

  private static Set<String> names(List<LoadedModule> modules) {
    Set<String> names = new HashSet<>();
    for (LoadedModule m : modules) {
      names.add(m.name());
    }
    return names;
  }

  private void kernelChanged(Simulation s, Set<String> loaded) {
    if (s != sim) {
      // a simulation already replaced
      return;
    }
    params.refresh();
    graph.setLoaded(loaded);
  }

  private void graphSelected(Vertex v) {
    if (v == null || following || v instanceof Vertex.Command) {
      return;
    }
    selection.select(Selected.name(v.name(), GRAPH));
  }

  /** Shows a selection made anywhere (the graph and the simulation ignore their own). */
  private void follow(Selected now) {
    Optional<String> name = now.name();
    if (name.isEmpty()) {
      return;
    }
    String n = name.get();
    explain.show(n);
    following = true;
    try {
      if (params != null && isModule(n)) {
        params.module().set(n.replace('-', '_'));
      }
      if (graph != null && !now.source().equals(GRAPH)) {
        Optional<Vertex> v = graph.scope().flatMap(sc -> vertexIn(sc.nodes(), n));
        if (v.isPresent()) {
          graph.selectedProperty().set(v.get());
        } else {
          var unused =
              graph
                  .showPlan(n)
                  .thenAccept(
                      sc -> {
                        if (sc != null) {
                          Optional<Vertex> shownNow = vertexIn(sc.nodes(), n);
                          following = true;
                          try {
                            shownNow.ifPresent(graph.selectedProperty()::set);
                          } finally {
                            following = false;
                          }
                        }
                      });
        }
      }
    } finally {
      following = false;
    }
  }

  private static Optional<Vertex> vertexIn(
      List<io.kmodj.gui.graph.layout.Scope.Node> nodes, String name) {
    String module = name.replace('-', '_');
    for (Vertex v :
        List.<Vertex>of(
            new Vertex.Module(module),
            new Vertex.Builtin(module),
            new Vertex.Alias(name),
            new Vertex.Off(name))) {
      for (io.kmodj.gui.graph.layout.Scope.Node node : nodes) {
        if (node.vertex().equals(v)) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a name is a module of the shown system (not an alias or a command). */
  private boolean isModule(String name) {
    if (shown == null) {
      return false;
    }
    String module = name.replace('-', '_');
    var g = shown.graph().graph();
    return g.containsVertex(new Vertex.Module(module))
        || g.containsVertex(new Vertex.Builtin(module));
  }

  /** Stops the simulation (deleting its directory, waited for up to 5 s) and the graph's worker. */
  @Override
  public void close() {
    explain.close();
    outline.close();
    diff.close();
    if (params != null) {
      params.close();
    }
    if (graph != null) {
      graph.dispose();
    }
    Simulation s = sim;
    sim = null;
    if (s != null) {
      kernelWork.execute(s::close);
    }
    kernelWork.shutdown();
    // the last simulation deletes its directory on the kernel thread: let it finish before exit
    try {
      if (!kernelWork.awaitTermination(5, TimeUnit.SECONDS)) {
        kernelWork.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
