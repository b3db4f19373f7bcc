package io.kmodj.gui.graph;

import io.kmodj.engine.graph.EdgeKind;
import io.kmodj.engine.graph.GraphExport;
import io.kmodj.engine.graph.GraphFormat;
import io.kmodj.engine.graph.Vertex;
import io.kmodj.gui.app.AtomicFileWriter;
import io.kmodj.gui.graph.layout.Cancelled;
import io.kmodj.gui.graph.layout.DepthLayout;
import io.kmodj.gui.graph.layout.EdgeStyle;
import io.kmodj.gui.graph.layout.GraphLayout;
import io.kmodj.gui.graph.layout.GraphSource;
import io.kmodj.gui.graph.layout.LayeredLayout;
import io.kmodj.gui.graph.layout.NodeSizer;
import io.kmodj.gui.graph.layout.Progress;
import io.kmodj.gui.graph.layout.Scope;
import io.kmodj.gui.graph.layout.Status;
import io.kmodj.gui.graph.layout.SvgWriter;
import io.kmodj.gui.model.Workers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * The dependency graph of a module system, drawn on a Canvas: what {@code modprobe NAME} loads,
 * numbered in the order the engine's planner loads it; who needs NAME; a search result; or the
 * whole system at low detail. Only what is shown is laid out (ELK's layered layout, or the cheap
 * {@link DepthLayout} for the whole system), on a background thread with its progress shown; a new
 * request cancels the one under way. A node's neighbours can be added on demand (double click, or
 * {@code E}).
 *
 * <p>Zoom with the wheel (to the cursor), pan by dragging the background, {@code F} or Fit to see
 * everything; the minimap shows and moves the view. Hovering a node highlights its neighbours; a
 * click selects it ({@link #selectedProperty()}, for the shell's shared selection); the arrow keys
 * go to a parent (left), a child (right) and siblings (up, down). Exports PNG, SVG and DOT (the
 * engine's {@link GraphExport}). Confined to the FX thread, except for the layouts it starts.
 */
public final class GraphPane extends BorderPane {
  /**
   * Scopes with more nodes than this go to the depth layout even at full detail: the largest size
   * measured whose ELK layout stays under a second of CPU (docs/BENCHMARKS.md, "The graph pane").
   */
  static final int ELK_LIMIT = 1500;

  private static final Color BACKGROUND = Color.web("#fbfbfb");
  private static final Color EDGE_LIT = Color.web("#c0392b");
  private static final Color SELECTED = Color.web("#1a5fb4");
  private static final double FONT_SIZE = 12;
  private static final double MAX_FIT = 1.25;

  /** What the view shows. */
  public enum Mode {
    /** What {@code modprobe NAME} loads, in order. */
    PLAN("modprobe NAME loads"),
    /** Who needs NAME (the reverse closure). */
    NEEDED_BY("who needs NAME"),
    /** The names matching a text. */
    SEARCH("search"),
    /** The whole system, at low detail. */
    WHOLE("whole system");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  // read by the layout worker; replaced on the FX thread by setSource
  private volatile GraphSource source;
  private Set<String> loaded = Set.of();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-graph-layout"));
  private final AtomicLong generation = new AtomicLong();
  // FX thread only: set by dispose, after which nothing is shown; the view being made, if any
  private boolean disposed;
  private CompletableFuture<Scope> pending;
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ObjectProperty<Vertex> selected = new SimpleObjectProperty<>(this, "selected");
  private final NodeSizer sizer;

  private final Canvas canvas = new Canvas();
  private final Canvas minimap = new Canvas(180, 120);
  private final ComboBox<Mode> mode = new ComboBox<>();
  private final TextField name = new TextField();
  private final TextField find = new TextField();
  private final ProgressBar progress = new ProgressBar(0);
  private final Label status = new Label();
  private final Label notice = new Label();
  private final FlowPane edgeLegend = new FlowPane(10, 4);

  private Scope scope;
  private GraphLayout layout;
  private List<List<Integer>> out = List.of();
  private List<List<Integer>> in = List.of();
  private double scale = 1;
  private double tx;
  private double ty;
  private int hover = -1;
  private int selectedIndex = -1;
  private int cameFrom = -1;
  private double pressX;
  private double pressY;
  private boolean panning;

  /**
   * A view of a system's graph, empty until one of the {@code show} methods is called.
   *
   * @param source the system
   */
  public GraphPane(GraphSource source) {
    this.source = Objects.requireNonNull(source, "source");
    this.sizer = measuringSizer();
    setId("graph-pane");
    canvas.setId("graph-canvas");
    minimap.setId("graph-minimap");
    canvas.setFocusTraversable(true);

    Pane holder = new Pane(canvas);
    holder.setMinSize(0, 0);
    canvas.widthProperty().bind(holder.widthProperty());
    canvas.heightProperty().bind(holder.heightProperty());
    canvas.widthProperty().addListener(o -> redraw());
    canvas.heightProperty().addListener(o -> redraw());
    notice.setId("graph-notice");
    notice.setVisible(false);
    notice.setWrapText(true);
    notice.setMaxWidth(520);
    notice.setStyle(
        "-fx-background-color: #fff3cd; -fx-border-color: #d6a700; -fx-padding: 4 8 4 8;");
    StackPane centre = new StackPane(holder, minimap, notice);
    StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
    StackPane.setMargin(minimap, new Insets(8));
    StackPane.setAlignment(notice, Pos.TOP_LEFT);
    StackPane.setMargin(notice, new Insets(8));
    setCenter(centre);
    setTop(toolbar());
    setBottom(legend());

    canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
    canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
    canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> panning = false);
    canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMove);
    canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
    canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    minimap.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMinimap);
    minimap.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onMinimap);
    selected.addListener(
        (o, was, now) -> {
          int i = now == null || scope == null ? -1 : scope.indexOf(now).orElse(-1);
          if (i != selectedIndex) {
            selectedIndex = i;
            redraw();
          }
        });
  }

  private ToolBar toolbar() {
    mode.getItems().setAll(Mode.values());
    mode.setValue(Mode.PLAN);
    mode.setId("graph-mode");
    name.setId("graph-name");
    name.setPromptText("module or alias");
    name.setPrefColumnCount(14);
    name.setOnAction(e -> showFromToolbar());
    Button show = new Button("Show");
    show.setId("graph-show");
    show.setOnAction(e -> showFromToolbar());
    Button fit = new Button("Fit");
    fit.setId("graph-fit");
    fit.setOnAction(e -> fit());
    find.setId("graph-find");
    find.setPromptText("find in view");
    find.setPrefColumnCount(10);
    find.setOnAction(e -> findInView(find.getText()));
    MenuItem png = new MenuItem("PNG…");
    png.setOnAction(e -> exportChosen("png", this::exportPng));
    MenuItem svg = new MenuItem("SVG…");
    svg.setOnAction(e -> exportChosen("svg", this::exportSvg));
    MenuItem dot = new MenuItem("DOT…");
    dot.setOnAction(e -> exportChosen("dot", this::exportDot));
    MenuButton export = new MenuButton("Export", null, png, svg, dot);
    export.setId("graph-export");
    progress.setId("graph-progress");
    progress.setPrefWidth(100);
    progress.visibleProperty().bind(busy);
    return new ToolBar(mode, name, show, fit, find, export, progress);
  }

  private VBox legend() {
    FlowPane nodes = new FlowPane(10, 4);
    nodes.setId("graph-legend");
    for (Status s : Status.values()) {
      Rectangle swatch = new Rectangle(12, 12, Color.web(s.colour()));
      swatch.setStroke(Color.web("#333333"));
      Label l = new Label(s.label(), swatch);
      nodes.getChildren().add(l);
    }
    edgeLegend.setId("graph-edge-legend");
    showEdgeKinds(EnumSet.allOf(EdgeKind.class));
    status.setId("graph-status");
    VBox legend = new VBox(4, nodes, edgeLegend, status);
    legend.setPadding(new Insets(4, 8, 4, 8));
    return legend;
  }

  /** The edge legend: a sample line of each kind the view shows. */
  private void showEdgeKinds(Set<EdgeKind> kinds) {
    edgeLegend.getChildren().clear();
    for (EdgeKind k : kinds) {
      EdgeStyle style = EdgeStyle.of(k);
      Canvas sample = new Canvas(34, 12);
      GraphicsContext gc = sample.getGraphicsContext2D();
      gc.setStroke(Color.web(style.colour()));
      gc.setLineWidth(1.6);
      gc.setLineDashes(style.dashes());
      gc.strokeLine(1, 6, 27, 6);
      gc.setLineDashes();
      gc.setFill(Color.web(style.colour()));
      gc.fillPolygon(new double[] {26, 33, 26}, new double[] {2, 6, 10}, 3);
      Label l = new Label(style.label(), sample);
      l.setId("graph-edge-" + k.name().toLowerCase(Locale.ROOT));
      edgeLegend.getChildren().add(l);
    }
  }

  /** A sizer from the view's font, measured once here so layouts may use it on any thread. */
  private static NodeSizer measuringSizer() {
    Font font = Font.font(FONT_SIZE);
    double[] widths = new double[128];
    Text t = new Text();
    t.setFont(font);
    for (int c = 32; c < 128; c++) {
      t.setText(String.valueOf((char) c));
      widths[c] = t.getLayoutBounds().getWidth();
    }
    t.setText("M");
    double wide = t.getLayoutBounds().getWidth();
    return label -> {
      double sum = 0;
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        sum += c < 128 && c >= 32 ? widths[c] : wide;
      }
      return sum;
    };
  }

  /** The selected vertex, or null: set it to select, listen to follow the user's choice. */
  public ObjectProperty<Vertex> selectedProperty() {
    return selected;
  }

  /** Whether a scope is being made or laid out. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /**
   * The modules loaded in the simulated kernel, coloured as such in the scope shown (recoloured in
   * place, the layout kept) and in every scope after.
   *
   * @param names module names
   */
  public void setLoaded(Set<String> names) {
    Set<String> now = Set.copyOf(names);
    if (now.equals(loaded)) {
      return;
    }
    loaded = now;
    if (scope != null) {
      scope = scope.withLoaded(now);
      redraw();
    }
  }

  /** The scope shown, if any. */
  public Optional<Scope> scope() {
    return Optional.ofNullable(scope);
  }

  /** The layout shown, if any. */
  public Optional<GraphLayout> graphLayout() {
    return Optional.ofNullable(layout);
  }

  private void showFromToolbar() {
    reportFailure(showAsked());
  }

  /** Makes the view the toolbar asks for (its mode and name); completes at once when none. */
  private CompletableFuture<Scope> showAsked() {
    String text = name.getText().trim();
    Mode m = mode.getValue();
    if (m == Mode.WHOLE) {
      return showWhole();
    } else if (text.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    } else if (m == Mode.PLAN) {
      return showPlan(text);
    } else if (m == Mode.NEEDED_BY) {
      return showNeededBy(text);
    }
    return showSearch(text);
  }

  /**
   * Shows another system (its configuration was edited, or another one was opened): the view shown
   * or being made is made again, with the same mode and name, from the new system; the selected
   * vertex stays selected when the new view has it.
   *
   * @param newSource the system
   * @return completes on the FX thread once the new view is shown (at once when nothing was shown)
   */
  public CompletableFuture<Scope> setSource(GraphSource newSource) {
    source = Objects.requireNonNull(newSource, "newSource");
    if (scope == null && !busy.get()) {
      return CompletableFuture.completedFuture(null);
    }
    return showAsked();
  }

  private void reportFailure(CompletableFuture<Scope> shown) {
    // a failure is shown in the status line by show(); a cancellation is expected
    CompletableFuture<Void> unused = shown.thenAccept(s -> {});
  }

  /**
   * Shows what {@code modprobe NAME} loads, numbered in the order the planner loads it.
   *
   * @param module a module name, alias or modalias string
   * @return completes on the FX thread once the scope is shown
   */
  public CompletableFuture<Scope> showPlan(String module) {
    Set<String> l = loaded;
    return show(Mode.PLAN, module, () -> Scope.plan(source, module, l));
  }

  /**
   * Shows who needs NAME.
   *
   * @param module a module name or alias
   * @return completes on the FX thread once the scope is shown
   */
  public CompletableFuture<Scope> showNeededBy(String module) {
    Set<String> l = loaded;
    return show(Mode.NEEDED_BY, module, () -> Scope.neededBy(source, module, l));
  }

  /**
   * Shows the names matching a text.
   *
   * @param text part of a name
   * @return completes on the FX thread once the scope is shown
   */
  public CompletableFuture<Scope> showSearch(String text) {
    Set<String> l = loaded;
    return show(Mode.SEARCH, text, () -> Scope.search(source, text, 200, l));
  }

  /**
   * Shows the whole system at low detail.
   *
   * @return completes on the FX thread once the scope is shown
   */
  public CompletableFuture<Scope> showWhole() {
    Set<String> l = loaded;
    return show(Mode.WHOLE, "", () -> Scope.whole(source, l));
  }

  /**
   * Adds a shown vertex's neighbours to the view.
   *
   * @param v the vertex
   * @return completes on the FX thread once the grown scope is shown
   */
  public CompletableFuture<Scope> expand(Vertex v) {
    Scope now = scope;
    if (now == null) {
      return CompletableFuture.completedFuture(null);
    }
    Set<String> l = loaded;
    return show(mode.getValue(), name.getText(), () -> now.expand(source, v, l), v);
  }

  private CompletableFuture<Scope> show(
      Mode m, String text, java.util.function.Supplier<Scope> make) {
    return show(m, text, make, null);
  }

  private CompletableFuture<Scope> show(
      Mode m, String text, java.util.function.Supplier<Scope> make, Vertex keep) {
    if (disposed) {
      // the pane is gone: its scene is not touched and its worker takes nothing more
      CompletableFuture<Scope> none = new CompletableFuture<>();
      none.cancel(false);
      return none;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    mode.setValue(m);
    if (m != Mode.WHOLE) {
      name.setText(text);
    }
    long mine = generation.incrementAndGet();
    busy.set(true);
    progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    status.setText("laying out…");
    Progress p =
        new Progress() {
          private long last;

          @Override
          public void worked(double fraction) {
            long now = System.nanoTime();
            if (now - last > 50_000_000L) {
              last = now;
              Platform.runLater(
                  () -> {
                    if (generation.get() == mine) {
                      progress.setProgress(fraction);
                    }
                  });
            }
          }

          @Override
          public boolean cancelled() {
            return generation.get() != mine;
          }
        };
    CompletableFuture<Scope> done = new CompletableFuture<>();
    pending = done;
    worker.execute(
        () -> {
          try {
            Scope s = make.get();
            if (p.cancelled()) {
              throw new Cancelled();
            }
            GraphLayout g = layOut(s, sizer, p);
            Platform.runLater(
                () -> {
                  if (generation.get() == mine && !disposed) {
                    pending = null;
                    apply(s, g, keep);
                    busy.set(false);
                    done.complete(s);
                  } else {
                    done.cancel(false);
                  }
                });
          } catch (Cancelled c) {
            Platform.runLater(() -> done.cancel(false));
          } catch (Throwable e) { // an Error too: the pane must not stay "laying out…"
            if (p.cancelled()) {
              // dispose interrupted the worker, or a newer view replaced this one
              Platform.runLater(() -> done.cancel(false));
              return;
            }
            Workers.failed("graph layout", e);
            Platform.runLater(
                () -> {
                  if (generation.get() == mine && !disposed) {
                    pending = null;
                    busy.set(false);
                    status.setText("layout failed: " + e);
                  }
                  done.completeExceptionally(e);
                });
          }
        });
    return done;
  }

  /**
   * The layout the view uses for a scope: ELK's layered layout at full detail, the depth layout for
   * the whole system or a scope too big for ELK.
   *
   * @param s the scope
   * @param sizer label widths
   * @param p progress and cancellation
   * @return the layout
   */
  public static GraphLayout layOut(Scope s, NodeSizer sizer, Progress p) {
    if (s.detail() == Scope.Detail.LOW || s.nodes().size() > ELK_LIMIT) {
      return DepthLayout.layout(s, sizer, p);
    }
    return LayeredLayout.layout(s, sizer, p);
  }

  private void apply(Scope s, GraphLayout g, Vertex keep) {
    // the kernel may have loaded or removed modules while the scope was made
    scope = s.withLoaded(loaded);
    layout = g;
    int n = s.nodes().size();
    List<List<Integer>> o = new ArrayList<>(n);
    List<List<Integer>> i = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      o.add(new ArrayList<>());
      i.add(new ArrayList<>());
    }
    for (Scope.Link l : s.links()) {
      if (l.from() != l.to()) {
        o.get(l.from()).add(l.to());
        i.get(l.to()).add(l.from());
      }
    }
    Comparator<Integer> byY = Comparator.comparingDouble((Integer k) -> g.y()[k]);
    o.forEach(list -> list.sort(byY));
    i.forEach(list -> list.sort(byY));
    out = o;
    in = i;
    hover = -1;
    cameFrom = -1;
    Vertex sel = selected.get();
    selectedIndex = sel == null ? -1 : s.indexOf(sel).orElse(-1);
    String shown = s.nodes().size() + " nodes, " + s.links().size() + " edges";
    Set<EdgeKind> kinds = EnumSet.noneOf(EdgeKind.class);
    s.links().forEach(l -> kinds.add(l.kind()));
    showEdgeKinds(kinds.isEmpty() ? EnumSet.allOf(EdgeKind.class) : kinds);
    boolean tooBig = s.detail() == Scope.Detail.FULL && n > ELK_LIMIT;
    notice.setVisible(tooBig);
    notice.setText(
        tooBig
            ? n
                + " nodes are more than the layered layout draws quickly ("
                + ELK_LIMIT
                + "): drawn by depth instead. Search, or show one module, for a detailed drawing."
            : "");
    status.setText(s.errors().isEmpty() ? shown : shown + " — " + String.join("; ", s.errors()));
    if (keep != null && s.indexOf(keep).isPresent()) {
      redraw();
      centreOn(s.indexOf(keep).get());
    } else {
      fit();
    }
  }

  /** Scales and moves the view so the whole drawing fits. */
  public void fit() {
    if (layout == null) {
      redraw();
      return;
    }
    double w = Math.max(1, canvas.getWidth());
    double h = Math.max(1, canvas.getHeight());
    double margin = 20;
    // a small graph is shown at about its natural size, not blown up to fill the view
    scale =
        Math.min(
            MAX_FIT,
            Math.min(
                (w - 2 * margin) / Math.max(1, layout.width()),
                (h - 2 * margin) / Math.max(1, layout.height())));
    scale = Math.max(scale, 0.005);
    tx = (w - layout.width() * scale) / 2;
    ty = (h - layout.height() * scale) / 2;
    redraw();
  }

  /**
   * Selects the first shown vertex whose name contains a text, and moves the view to it.
   *
   * @param text part of a name (ignoring case)
   * @return whether one was found
   */
  public boolean findInView(String text) {
    if (scope == null || text.isBlank()) {
      return false;
    }
    String needle = text.trim().toLowerCase(Locale.ROOT);
    int best = -1;
    for (int i = 0; i < scope.nodes().size(); i++) {
      String n = scope.nodes().get(i).vertex().name().toLowerCase(Locale.ROOT);
      if (n.equals(needle)) {
        best = i;
        break;
      }
      if (best < 0 && n.contains(needle)) {
        best = i;
      }
    }
    if (best < 0) {
      status.setText("no shown name contains " + text.trim());
      return false;
    }
    select(best);
    centreOn(best);
    return true;
  }

  /**
   * Where a shown vertex's centre is drawn, in the canvas's coordinates.
   *
   * @param v the vertex
   * @return the point, if shown
   */
  public Optional<Point2D> pointOf(Vertex v) {
    if (scope == null) {
      return Optional.empty();
    }
    return scope
        .indexOf(v)
        .map(
            i -> {
              double[] c = layout.centre(i);
              return new Point2D(c[0] * scale + tx, c[1] * scale + ty);
            });
  }

  /** The view's zoom: canvas pixels per layout unit. */
  public double zoom() {
    return scale;
  }

  /** The canvas the graph is drawn on. */
  public Canvas canvas() {
    return canvas;
  }

  private void centreOn(int i) {
    double[] c = layout.centre(i);
    if (scale < 0.6) {
      scale = 1;
    }
    tx = canvas.getWidth() / 2 - c[0] * scale;
    ty = canvas.getHeight() / 2 - c[1] * scale;
    redraw();
  }

  private void ensureVisible(int i) {
    double[] c = layout.centre(i);
    double sx = c[0] * scale + tx;
    double sy = c[1] * scale + ty;
    if (sx < 0 || sy < 0 || sx > canvas.getWidth() || sy > canvas.getHeight()) {
      centreOn(i);
    } else {
      redraw();
    }
  }

  private void select(int i) {
    selectedIndex = i;
    selected.set(i < 0 ? null : scope.nodes().get(i).vertex());
    redraw();
  }

  private int nodeAt(double sx, double sy) {
    if (layout == null) {
      return -1;
    }
    return layout.nodeAt((sx - tx) / scale, (sy - ty) / scale);
  }

  private void onScroll(ScrollEvent e) {
    double f = Math.exp(e.getDeltaY() * 0.002);
    zoomAt(e.getX(), e.getY(), f);
    e.consume();
  }

  private void zoomAt(double sx, double sy, double factor) {
    double next = Math.max(0.005, Math.min(8, scale * factor));
    double f = next / scale;
    tx = sx - (sx - tx) * f;
    ty = sy - (sy - ty) * f;
    scale = next;
    redraw();
  }

  private void onPress(MouseEvent e) {
    canvas.requestFocus();
    pressX = e.getX();
    pressY = e.getY();
    int i = nodeAt(e.getX(), e.getY());
    panning = i < 0 && e.getButton() == MouseButton.PRIMARY;
    if (i >= 0 && e.getButton() == MouseButton.PRIMARY) {
      cameFrom = -1;
      select(i);
    }
  }

  private void onDrag(MouseEvent e) {
    if (panning) {
      tx += e.getX() - pressX;
      ty += e.getY() - pressY;
      pressX = e.getX();
      pressY = e.getY();
      redraw();
    }
  }

  private void onClick(MouseEvent e) {
    if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY) {
      int i = nodeAt(e.getX(), e.getY());
      if (i >= 0) {
        reportFailure(expand(scope.nodes().get(i).vertex()));
      }
    }
  }

  private void onMove(MouseEvent e) {
    int i = nodeAt(e.getX(), e.getY());
    if (i != hover) {
      hover = i;
      if (i >= 0) {
        Scope.Node n = scope.nodes().get(i);
        status.setText(
            describe(n) + " — " + in.get(i).size() + " in, " + out.get(i).size() + " out");
      }
      redraw();
    }
  }

  private static String describe(Scope.Node n) {
    Vertex v = n.vertex();
    String what = n.status().label();
    if (v instanceof Vertex.Command c) {
      return c.name() + " " + c.module() + ": " + c.command();
    }
    return v.name() + " (" + what + ")";
  }

  private void onKey(KeyEvent e) {
    if (scope == null || scope.nodes().isEmpty()) {
      return;
    }
    switch (e.getCode()) {
      case RIGHT -> navigate(child());
      case LEFT -> navigate(parent());
      case UP -> navigate(sibling(-1));
      case DOWN -> navigate(sibling(1));
      case E, ENTER -> {
        if (selectedIndex >= 0) {
          reportFailure(expand(scope.nodes().get(selectedIndex).vertex()));
        }
      }
      case F -> fit();
      case PLUS, EQUALS, ADD -> zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 1.25);
      case MINUS, SUBTRACT -> zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 0.8);
      default -> {
        return;
      }
    }
    e.consume();
  }

  private void navigate(int target) {
    if (target >= 0) {
      select(target);
      ensureVisible(target);
    }
  }

  private int child() {
    if (selectedIndex < 0) {
      return 0;
    }
    List<Integer> c = out.get(selectedIndex);
    if (c.isEmpty()) {
      return -1;
    }
    int from = selectedIndex;
    int next = c.get(0);
    cameFrom = from;
    return next;
  }

  private int parent() {
    if (selectedIndex < 0) {
      return 0;
    }
    List<Integer> p = in.get(selectedIndex);
    if (p.isEmpty()) {
      return -1;
    }
    int back = cameFrom >= 0 && p.contains(cameFrom) ? cameFrom : p.get(0);
    cameFrom = -1;
    return back;
  }

  /** The siblings: the other children of the parent came from (else the first), else the roots. */
  private int sibling(int step) {
    if (selectedIndex < 0) {
      return 0;
    }
    List<Integer> p = in.get(selectedIndex);
    List<Integer> row;
    int keep = cameFrom;
    if (!p.isEmpty()) {
      int parent = cameFrom >= 0 && p.contains(cameFrom) ? cameFrom : p.get(0);
      row = out.get(parent);
      keep = parent;
    } else {
      row = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        if (in.get(i).isEmpty()) {
          row.add(i);
        }
      }
      row.sort(Comparator.comparingDouble((Integer k) -> layout.y()[k]));
    }
    int at = row.indexOf(selectedIndex);
    int next = at + step;
    if (at < 0 || next < 0 || next >= row.size()) {
      return -1;
    }
    int target = row.get(next);
    select(target);
    cameFrom = keep;
    return target;
  }

  private void onMinimap(MouseEvent e) {
    if (layout == null) {
      return;
    }
    double f = minimapScale();
    double wx = e.getX() / f;
    double wy = e.getY() / f;
    tx = canvas.getWidth() / 2 - wx * scale;
    ty = canvas.getHeight() / 2 - wy * scale;
    redraw();
    e.consume();
  }

  private double minimapScale() {
    return Math.min(
        minimap.getWidth() / Math.max(1, layout.width()),
        minimap.getHeight() / Math.max(1, layout.height()));
  }

  private void redraw() {
    GraphicsContext gc = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    gc.setTransform(1, 0, 0, 1, 0, 0);
    gc.setFill(BACKGROUND);
    gc.fillRect(0, 0, w, h);
    if (layout != null) {
      draw(gc, scale, tx, ty, w, h);
    }
    drawMinimap();
  }

  /** Draws the visible part of the drawing at a scale and offset. */
  private void draw(GraphicsContext gc, double s, double ox, double oy, double w, double h) {
    double left = -ox / s;
    double top = -oy / s;
    double right = (w - ox) / s;
    double bottom = (h - oy) / s;
    gc.save();
    gc.setTransform(s, 0, 0, s, ox, oy);
    boolean detail = s * FONT_SIZE >= 5;
    int focus = hover >= 0 ? hover : selectedIndex;
    List<Scope.Link> links = scope.links();
    for (int k = 0; k < links.size(); k++) {
      Scope.Link l = links.get(k);
      double[] p = layout.edges().get(k);
      if (!visible(p, left, top, right, bottom)) {
        continue;
      }
      boolean lit = focus >= 0 && (l.from() == focus || l.to() == focus);
      EdgeStyle style = EdgeStyle.of(l.kind());
      Color colour = Color.web(style.colour());
      if (focus >= 0 && !lit) {
        colour = colour.deriveColor(0, 1, 1, 0.3);
      }
      gc.setStroke(colour);
      gc.setLineWidth((lit ? 2.4 : 1.2) / Math.max(s, 0.25));
      gc.setLineDashes(style.dashes());
      gc.beginPath();
      gc.moveTo(p[0], p[1]);
      for (int i = 2; i + 1 < p.length; i += 2) {
        gc.lineTo(p[i], p[i + 1]);
      }
      gc.stroke();
      gc.setLineDashes();
      if (detail && p.length >= 4) {
        arrow(gc, p, colour);
      }
    }
    gc.setFont(Font.font(FONT_SIZE));
    gc.setTextAlign(TextAlignment.LEFT);
    double[] x = layout.x();
    double[] y = layout.y();
    double[] bw = layout.w();
    double[] bh = layout.h();
    for (int i = 0; i < x.length; i++) {
      if (x[i] > right || x[i] + bw[i] < left || y[i] > bottom || y[i] + bh[i] < top) {
        continue;
      }
      Scope.Node n = scope.nodes().get(i);
      gc.setFill(Color.web(n.status().colour()));
      boolean neighbour = focus >= 0 && (out.get(focus).contains(i) || in.get(focus).contains(i));
      if (detail) {
        gc.fillRoundRect(x[i], y[i], bw[i], bh[i], 8, 8);
        gc.setLineWidth(i == selectedIndex ? 3 : neighbour || i == hover ? 2 : 1);
        gc.setStroke(
            i == selectedIndex ? SELECTED : neighbour || i == hover ? EDGE_LIT : Color.web("#333"));
        gc.strokeRoundRect(x[i], y[i], bw[i], bh[i], 8, 8);
        gc.setFill(Color.BLACK);
        gc.fillText(n.label(), x[i] + NodeSizer.PADDING, y[i] + bh[i] / 2 + 4);
      } else {
        gc.fillRect(x[i], y[i], bw[i], bh[i]);
        if (i == selectedIndex || neighbour || i == hover) {
          gc.setLineWidth(2 / s);
          gc.setStroke(i == selectedIndex ? SELECTED : EDGE_LIT);
          gc.strokeRect(x[i], y[i], bw[i], bh[i]);
        }
      }
    }
    gc.restore();
  }

  private static boolean visible(double[] p, double l, double t, double r, double b) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i + 1 < p.length; i += 2) {
      minX = Math.min(minX, p[i]);
      maxX = Math.max(maxX, p[i]);
      minY = Math.min(minY, p[i + 1]);
      maxY = Math.max(maxY, p[i + 1]);
    }
    return maxX >= l && minX <= r && maxY >= t && minY <= b;
  }

  private static void arrow(GraphicsContext gc, double[] p, Color c) {
    int n = p.length;
    double ex = p[n - 2];
    double ey = p[n - 1];
    double dx = ex - p[n - 4];
    double dy = ey - p[n - 3];
    double len = Math.hypot(dx, dy);
    if (len == 0) {
      return;
    }
    dx /= len;
    dy /= len;
    double size = 6;
    gc.setFill(c);
    gc.fillPolygon(
        new double[] {ex, ex - dx * size - dy * size / 2, ex - dx * size + dy * size / 2},
        new double[] {ey, ey - dy * size + dx * size / 2, ey - dy * size - dx * size / 2},
        3);
  }

  private void drawMinimap() {
    GraphicsContext gc = minimap.getGraphicsContext2D();
    double mw = minimap.getWidth();
    double mh = minimap.getHeight();
    gc.setFill(Color.rgb(255, 255, 255, 0.9));
    gc.fillRect(0, 0, mw, mh);
    gc.setStroke(Color.web("#999"));
    gc.setLineWidth(1);
    gc.strokeRect(0.5, 0.5, mw - 1, mh - 1);
    if (layout == null) {
      return;
    }
    double f = minimapScale();
    for (int i = 0; i < layout.size(); i++) {
      gc.setFill(Color.web(scope.nodes().get(i).status().colour()));
      gc.fillRect(
          layout.x()[i] * f,
          layout.y()[i] * f,
          Math.max(1, layout.w()[i] * f),
          Math.max(1, layout.h()[i] * f));
    }
    // the part of the drawing in view, within the minimap's bounds
    double vx = Math.max(0.5, -tx / scale * f);
    double vy = Math.max(0.5, -ty / scale * f);
    double vr = Math.min(mw - 0.5, (canvas.getWidth() - tx) / scale * f);
    double vb = Math.min(mh - 0.5, (canvas.getHeight() - ty) / scale * f);
    if (vr > vx && vb > vy) {
      gc.setStroke(Color.web("#c0392b"));
      gc.strokeRect(vx, vy, vr - vx, vb - vy);
    }
  }

  private void exportChosen(String ext, ExportTo action) {
    if (scope == null) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
    chooser.setInitialFileName(fileName(scope.title()) + "." + ext);
    File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (chosen == null) {
      return;
    }
    try {
      action.write(chosen.toPath());
      status.setText("wrote " + chosen);
    } catch (IOException | UncheckedIOException e) {
      Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
      alert.setHeaderText("Cannot write " + chosen);
      alert.showAndWait();
    }
  }

  @FunctionalInterface
  private interface ExportTo {
    void write(Path file) throws IOException;
  }

  private static String fileName(String title) {
    String s = title.replaceAll("[^A-Za-z0-9_.-]+", "-");
    return s.isEmpty() ? "graph" : s;
  }

  /**
   * Writes the whole drawing as a PNG image (at most 8,192 pixels a side), replacing the file
   * atomically and keeping the previous version.
   *
   * @param file where to write
   * @throws IOException when writing fails
   */
  public void exportPng(Path file) throws IOException {
    new AtomicFileWriter(file).write(png());
  }

  /**
   * Writes the whole drawing as SVG.
   *
   * @param file where to write
   * @throws IOException when writing fails
   */
  public void exportSvg(Path file) throws IOException {
    requireShown();
    StringWriter w = new StringWriter();
    SvgWriter.write(scope, layout, w);
    new AtomicFileWriter(file).write(w.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes the shown graph as DOT (the engine's exporter, with the load order).
   *
   * @param file where to write
   * @throws IOException when writing fails
   */
  public void exportDot(Path file) throws IOException {
    requireShown();
    StringWriter w = new StringWriter();
    GraphExport.write(scope.graph(), scope.order(), GraphFormat.DOT, w);
    new AtomicFileWriter(file).write(w.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void requireShown() throws IOException {
    if (scope == null) {
      throw new IOException("nothing is shown");
    }
  }

  private byte[] png() throws IOException {
    requireShown();
    double margin = 10;
    double s = Math.min(2, 8192 / Math.max(layout.width(), layout.height()) * 0.99);
    int w = (int) Math.ceil((layout.width() + 2 * margin) * s);
    int h = (int) Math.ceil((layout.height() + 2 * margin) * s);
    Canvas off = new Canvas(w, h);
    GraphicsContext gc = off.getGraphicsContext2D();
    gc.setFill(Color.WHITE);
    gc.fillRect(0, 0, w, h);
    int savedHover = hover;
    hover = -1;
    draw(gc, s, margin * s, margin * s, w, h);
    hover = savedHover;
    WritableImage image = off.snapshot(null, null);
    return encode(image);
  }

  /**
   * Encodes an image as PNG.
   *
   * @param image the image
   * @return the PNG bytes
   * @throws IOException when encoding fails
   */
  static byte[] encode(WritableImage image) throws IOException {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] argb = new int[w * h];
    image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, w, h, argb, 0, w);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", bytes)) {
      throw new IOException("no PNG writer");
    }
    return bytes.toByteArray();
  }

  /**
   * Stops the layout thread and cancels the view being made; a layout finishing later, and any
   * {@code show} called after this, leave the scene alone.
   */
  public void dispose() {
    disposed = true;
    generation.incrementAndGet();
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
    worker.shutdownNow();
  }
}
