package io.kmodj.gui.diff;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.diff.ChangeGroup;
import io.kmodj.engine.diff.ConfigChange;
import io.kmodj.engine.diff.ConfigLine;
import io.kmodj.engine.diff.DiffResult;
import io.kmodj.engine.diff.LookupChange;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection.Location;
import io.kmodj.gui.model.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the unsaved edit changes: {@code kmodj diff} between the configuration on disk and the one
 * with the editor's unsaved buffers overlaid ({@link LoadedSystem#overlay()}), computed by {@link
 * UnsavedDiff}. It lists every configuration change (lines added, removed or changed, {@code
 * .diff-change-line}) and under each the lookups whose plan it changes ({@code .diff-lookup}), each
 * with its plan before and after, as {@code --show-depends} (modutils: {@code -n -v}) prints it
 * (paths relative to the module directory; the whole line in a tooltip). A click on a change's line
 * opens the file at that line; a click on a lookup selects that name, so the graph and the
 * explanation follow. With no unsaved text (or one equal to the disk's) it says "no unsaved
 * changes"; when the edit changes no plan, "the edit changes no lookup".
 *
 * <pre>{@code
 * DiffPane diff = new DiffPane(loc -> window.openAt(loc.file(), loc.line()),
 *     name -> selection.select(Selected.name(name, "diff")));
 * model.systemProperty().addListener((o, was, now) -> diff.setSystem(now));
 * }</pre>
 *
 * <p>The model reloads the system a pause after the user stops typing; each new system is diffed on
 * the pane's own background thread, the run under way for an older one cancelled and its result
 * dropped. Confined to the FX thread.
 */
public final class DiffPane implements AutoCloseable {
  /** The heading with nothing unsaved. */
  public static final String NO_UNSAVED_CHANGES = "no unsaved changes";

  /** The heading when the unsaved edit changes no plan. */
  public static final String NO_LOOKUP_CHANGED = "the edit changes no lookup";

  private final Consumer<Location> open;
  private final Consumer<String> select;
  private final ExecutorService work =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-gui-diff"));
  private final Label heading = new Label("Open a configuration file to see what an edit changes");
  private final VBox body = new VBox(2);
  private final ScrollPane scroll = new ScrollPane(body);
  private final VBox root = new VBox(6, heading, scroll);

  private long generation;
  private Future<?> running;
  private Optional<DiffResult> shown = Optional.empty();

  /**
   * An empty pane.
   *
   * @param open asked to show a file at a line (a configuration change's line)
   * @param select asked to select a name everywhere (a lookup)
   */
  public DiffPane(Consumer<Location> open, Consumer<String> select) {
    this.open = Objects.requireNonNull(open, "open");
    this.select = Objects.requireNonNull(select, "select");
    root.setId("diff");
    heading.setId("diff-heading");
    heading.setWrapText(true);
    body.setId("diff-body");
    body.setPadding(new Insets(2, 4, 2, 4));
    scroll.setFitToWidth(true);
    root.setPadding(new Insets(4));
    VBox.setVgrow(scroll, Priority.ALWAYS);
  }

  /** The pane's node. */
  public Node node() {
    return root;
  }

  /** The result shown: empty before the first, and while there are no unsaved changes. */
  public Optional<DiffResult> result() {
    return shown;
  }

  /** The heading's text: what is being computed, or what the result says. */
  public String headingText() {
    return heading.getText();
  }

  /**
   * Diffs a newly loaded system (with the unsaved buffers it was read with) against the disk.
   *
   * @param loaded the system
   */
  public void setSystem(LoadedSystem loaded) {
    Objects.requireNonNull(loaded, "loaded");
    long mine = ++generation;
    if (running != null) {
      running.cancel(true);
    }
    heading.setText("Comparing the unsaved text with the disk…");
    String moduleDir = Path.of(loaded.spec().moduleDirectory()).toAbsolutePath().normalize() + "/";
    try {
      running =
          work.submit(
              () -> {
                if (Thread.currentThread().isInterrupted()) {
                  return;
                }
                Optional<DiffResult> r;
                try {
                  r = UnsavedDiff.of(loaded);
                } catch (Throwable ex) { // an Error too: submit's future would swallow it
                  Workers.failed("comparing with the disk", ex);
                  Platform.runLater(() -> failed(mine, ex));
                  return;
                }
                Platform.runLater(() -> show(mine, r, moduleDir));
              });
    } catch (RejectedExecutionException closed) {
      // the pane is closed: nothing more to show
    }
  }

  private void failed(long gen, Throwable ex) {
    if (gen != generation) {
      return;
    }
    shown = Optional.empty();
    heading.setText("Cannot compare with the disk: " + ex.getMessage());
    body.getChildren().clear();
  }

  private void show(long gen, Optional<DiffResult> result, String moduleDir) {
    if (gen != generation) {
      // a newer system came in meanwhile
      return;
    }
    shown = result;
    running = null;
    if (result.isEmpty()) {
      heading.setText(NO_UNSAVED_CHANGES);
      body.getChildren().clear();
      return;
    }
    DiffResult r = result.get();
    heading.setText(
        r.changed()
            ? r.lookups().size()
                + " of "
                + r.compared()
                + " lookups change ("
                + r.changes().size()
                + " configuration "
                + (r.changes().size() == 1 ? "change" : "changes")
                + ")"
            : NO_LOOKUP_CHANGED);
    List<Node> nodes = new ArrayList<>();
    for (ConfigChange c : r.changes()) {
      Label kind = new Label(c.kind().word());
      kind.getStyleClass().addAll("diff-change", "diff-change-" + c.kind().word());
      kind.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
      nodes.add(kind);
      for (ConfigLine l : c.before()) {
        nodes.add(changeLine("- ", l, "diff-removed"));
      }
      for (ConfigLine l : c.after()) {
        nodes.add(changeLine("+ ", l, "diff-added"));
      }
      List<LookupChange> lookups = lookupsOf(r, c);
      if (lookups.isEmpty()) {
        nodes.add(text("    changes no lookup", "diff-note"));
      }
      for (LookupChange l : lookups) {
        nodes.add(lookup(l));
        for (String b : l.before()) {
          nodes.add(planLine("        − ", b, "diff-plan-before", moduleDir));
        }
        for (String a : l.after()) {
          nodes.add(planLine("        + ", a, "diff-plan-after", moduleDir));
        }
      }
    }
    body.getChildren().setAll(nodes);
  }

  private static List<LookupChange> lookupsOf(DiffResult r, ConfigChange c) {
    for (ChangeGroup g : r.groups()) {
      if (g.change().equals(c)) {
        return g.lookups();
      }
    }
    return List.of();
  }

  /** A configuration line, a link to its place when the file exists. */
  private Node changeLine(String mark, ConfigLine l, String styleClass) {
    Origin o = l.origin();
    Path file = Path.of(o.file());
    Path name = file.getFileName() == null ? file : file.getFileName();
    String text = mark + name + (o.line() > 0 ? ":" + o.line() : "") + ": " + l.text();
    if (o.line() == 0 || !Files.isRegularFile(file)) {
      // the kernel command line, modutils' built-in defaults
      return text("  " + text, "diff-change-line", styleClass);
    }
    Hyperlink h = new Hyperlink(text);
    h.getStyleClass().addAll("diff-change-line", styleClass);
    h.setStyle(
        "-fx-font-family: monospace; -fx-text-fill: "
            + (styleClass.equals("diff-added") ? "#1a7f37" : "#cf222e")
            + ";");
    Location where = new Location(file, o.line());
    h.setUserData(where);
    h.setTooltip(new Tooltip(file + ":" + o.line()));
    h.setOnAction(e -> open.accept(where));
    return h;
  }

  private Node lookup(LookupChange l) {
    Hyperlink h = new Hyperlink("    " + l.lookup());
    h.getStyleClass().add("diff-lookup");
    h.setUserData(l);
    h.setTooltip(new Tooltip("Select " + l.lookup() + " in the graph and the explanation"));
    h.setOnAction(e -> select.accept(l.lookup()));
    return h;
  }

  /**
   * A line of a plan, the module directory left out of its paths (the whole line in the tooltip):
   * {@code insmod kernel/fs/btrfs/btrfs.ko}.
   */
  private static Label planLine(String mark, String line, String styleClass, String moduleDir) {
    Label l = text(mark + line.replace(moduleDir, "").stripTrailing(), styleClass);
    l.setTooltip(new Tooltip(line));
    return l;
  }

  private static Label text(String s, String... styleClasses) {
    Label l = new Label(s);
    l.getStyleClass().addAll(styleClasses);
    String colour =
        Arrays.asList(styleClasses).contains("diff-plan-before")
            ? "#cf222e"
            : Arrays.asList(styleClasses).contains("diff-plan-after") ? "#1a7f37" : "#57606a";
    l.setStyle("-fx-font-family: monospace; -fx-text-fill: " + colour + ";");
    l.setWrapText(true);
    return l;
  }

  /** Stops the background thread. */
  @Override
  public void close() {
    work.shutdownNow();
  }
}
