package io.kmodj.gui.explain;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.explain.ConfigLine;
import io.kmodj.engine.explain.Explanation;
import io.kmodj.engine.explain.KmodExplainer;
import io.kmodj.engine.explain.ModutilsExplainer;
import io.kmodj.engine.explain.PlanStep;
import io.kmodj.engine.explain.Resolution;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection.Location;
import io.kmodj.gui.model.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Why a name loads what it loads: the {@link Explanation} of {@code kmodj explain NAME} for the
 * open system, kmod's ({@link KmodExplainer}, over the loaded system with its unsaved buffers) or
 * modutils' ({@link ModutilsExplainer}, reading the files on disk). It shows the lookup step by
 * step, the plan with the reason of each step, every configuration line about the name or its plan,
 * applied or not and why, and what the dry run prints. Each file:line of a file that exists is a
 * link ({@code .explain-link}) that asks the window to open the file at that line; the others (the
 * kernel command line, modutils' built-in defaults) are plain text.
 *
 * <pre>{@code
 * ExplainPane explain = new ExplainPane(loc -> window.openAt(loc.file(), loc.line()));
 * model.systemProperty().addListener((o, was, now) -> explain.setSystem(now));
 * explain.show("nfsd");
 * }</pre>
 *
 * <p>Explaining runs on a background thread of the pane's own; a result for an older request (an
 * earlier name or system) is dropped. Confined to the FX thread.
 */
public final class ExplainPane implements AutoCloseable {
  private final Consumer<Location> open;
  private final ExecutorService work =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-gui-explain"));
  private final Label heading = new Label("Select a module or alias to explain it");
  private final VBox body = new VBox(4);
  private final ScrollPane scroll = new ScrollPane(body);
  private final VBox root = new VBox(6, heading, scroll);

  private LoadedSystem system;
  private String name;
  private long generation;
  private Explanation shown;

  /**
   * An empty pane.
   *
   * @param open asked to open a file at a line when the user follows a link
   */
  public ExplainPane(Consumer<Location> open) {
    this.open = Objects.requireNonNull(open, "open");
    root.setId("explain");
    heading.setId("explain-heading");
    heading.setWrapText(true);
    body.setId("explain-body");
    body.setPadding(new Insets(2, 4, 2, 4));
    scroll.setFitToWidth(true);
    root.setPadding(new Insets(4));
    VBox.setVgrow(scroll, Priority.ALWAYS);
  }

  /** The pane's node. */
  public Node node() {
    return root;
  }

  /**
   * Sets the system names are explained in; the name shown is explained again in it.
   *
   * @param loaded the system
   */
  public void setSystem(LoadedSystem loaded) {
    system = Objects.requireNonNull(loaded, "loaded");
    refresh();
  }

  /**
   * Explains a name (module name, alias or modalias string) in the current system.
   *
   * @param query the name
   */
  public void show(String query) {
    name = Objects.requireNonNull(query, "query");
    refresh();
  }

  /** The explanation shown, once one is. */
  public Optional<Explanation> explanation() {
    return Optional.ofNullable(shown);
  }

  private void refresh() {
    if (system == null || name == null) {
      return;
    }
    long mine = ++generation;
    LoadedSystem s = system;
    String n = name;
    heading.setText("Explaining " + n + "…");
    try {
      work.execute(
          () -> {
            Explanation e;
            try {
              e = explain(s, n);
            } catch (Throwable ex) { // an Error too: the pane must not stay "Explaining…"
              Workers.failed("explaining " + n, ex);
              Platform.runLater(() -> failed(mine, n, ex));
              return;
            }
            Platform.runLater(() -> show(mine, s, e));
          });
    } catch (RejectedExecutionException closed) {
      // the pane is closed: nothing more to show
    }
  }

  /** Explains off the FX thread, in the dialect of the system. */
  static Explanation explain(LoadedSystem s, String query) throws IOException {
    if (s.kmod().isPresent()) {
      return new KmodExplainer(s.kmod().get()).explain(query);
    }
    // modutils' explainer reads the files; command substitutions other than modutils' own stay off
    return new ModutilsExplainer(s.spec(), false, false, s.overlay()).explain(query);
  }

  private void failed(long gen, String query, Throwable ex) {
    if (gen != generation) {
      return;
    }
    shown = null;
    heading.setText("Cannot explain " + query + ": " + ex.getMessage());
    body.getChildren().clear();
  }

  private void show(long gen, LoadedSystem s, Explanation e) {
    if (gen != generation) {
      // a newer name or system was asked for meanwhile
      return;
    }
    shown = e;
    heading.setText(
        e.query()
            + " ("
            + e.dialect()
            + ")"
            + (e.found() ? "" : ": modprobe fails (exit " + e.exit() + ")"));
    List<Node> nodes = new ArrayList<>();
    nodes.add(section("Lookup"));
    int n = 1;
    for (Resolution r : e.lookup()) {
      String text = n++ + ". " + r.title() + ": " + r.detail();
      if (r.answered()) {
        text +=
            "  ← answers: "
                + (r.modules().isEmpty() ? "nothing to load" : String.join(" ", r.modules()));
      }
      nodes.add(row("explain-lookup-step", text, r.lines(), s));
    }
    if (e.lookup().stream().noneMatch(Resolution::answered)) {
      nodes.add(line("explain-note", "nothing answered: modprobe reports the name as not found"));
    }
    if (!e.plan().isEmpty()) {
      nodes.add(section("Plan"));
      for (PlanStep p : e.plan()) {
        nodes.add(
            row("explain-plan-step", p.action() + " " + p.module() + ": " + p.why(), p.lines(), s));
      }
    }
    if (!e.lines().isEmpty()) {
      nodes.add(section("Configuration"));
      for (ConfigLine c : e.lines()) {
        FlowPane f = row("explain-config-line", c.text(), List.of(c.origin()), s);
        f.getChildren().add(0, f.getChildren().remove(f.getChildren().size() - 1));
        f.getStyleClass().add(c.applied() ? "applied" : "not-applied");
        nodes.add(f);
        Label why =
            line(
                "explain-config-reason",
                "    " + (c.applied() ? "applied: " : "not applied: ") + c.reason());
        nodes.add(why);
      }
    }
    nodes.add(
        section(
            e.dialect().equals("kmod")
                ? "modprobe --show-depends prints"
                : "modprobe -n -v prints"));
    for (String l : e.planText().split("\n", -1)) {
      if (!l.isEmpty()) {
        nodes.add(line("explain-plan-line", l));
      }
    }
    for (String m : e.messages()) {
      nodes.add(line("explain-message", m));
    }
    nodes.add(line("explain-exit", "exit " + e.exit()));
    body.getChildren().setAll(nodes);
  }

  private static Label section(String title) {
    Label l = new Label(title);
    l.getStyleClass().add("explain-section");
    l.setStyle("-fx-font-weight: bold; -fx-padding: 4 0 0 0;");
    return l;
  }

  private static Label line(String styleClass, String text) {
    Label l = new Label(text);
    l.getStyleClass().add(styleClass);
    l.setWrapText(true);
    return l;
  }

  /** A line of text followed by links to its configuration lines. */
  private FlowPane row(String styleClass, String text, List<Origin> origins, LoadedSystem s) {
    FlowPane f = new FlowPane(4, 0);
    f.getStyleClass().add(styleClass);
    Label l = new Label(text);
    l.setWrapText(true);
    f.getChildren().add(l);
    for (Origin o : origins) {
      f.getChildren().add(link(o, s));
    }
    return f;
  }

  /** A link to a configuration line, or plain text for the kernel command line. */
  private Node link(Origin o, LoadedSystem s) {
    Path file = fileOf(o.file(), s);
    Path shortName = file.getFileName() == null ? file : file.getFileName();
    Path parent = file.getParent();
    String shortText =
        (parent != null && parent.getFileName() != null
                ? parent.getFileName().resolve(shortName)
                : shortName)
            + (o.line() > 0 ? ":" + o.line() : "");
    if (o.line() == 0 || !Files.isRegularFile(file)) {
      // the kernel command line, modutils' built-in defaults: nothing to open
      Label l = new Label(shortText);
      l.getStyleClass().add("explain-place");
      return l;
    }
    Hyperlink h = new Hyperlink(shortText);
    h.getStyleClass().add("explain-link");
    Location where = new Location(file, o.line());
    h.setUserData(where);
    h.setTooltip(new Tooltip(file + ":" + o.line()));
    h.setOnAction(ev -> open.accept(where));
    return h;
  }

  /** The file an origin names: as given, or under the system's root when it is relative. */
  private static Path fileOf(String name, LoadedSystem s) {
    Path p = Path.of(name);
    if (!p.isAbsolute() && s.spec().root().isPresent()) {
      Path under = Path.of(s.spec().root().get()).resolve(p);
      if (Files.exists(under)) {
        return under;
      }
    }
    return p;
  }

  /** Stops the background thread. */
  @Override
  public void close() {
    work.shutdownNow();
  }
}
