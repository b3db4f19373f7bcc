package io.kmodj.gui.outline;

import io.kmodj.gui.model.ConfigTexts;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.Selection.Location;
import io.kmodj.gui.model.Selection.Selected;
import io.kmodj.gui.model.Workers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Outline pane: the effective configuration of the loaded system as a tree ({@link Outline}), a
 * filter field over it, and the shared {@link Selection} both ways. Selecting a line selects its
 * name and place ({@link Selected#source()} {@code "outline"}), so the editor goes to the line and
 * the other panes show the name; a selection made elsewhere selects the matching line (the same
 * file and line, else the first line about the same name, applied ones first).
 *
 * <p>Lines that take no effect are shown struck through and grey ({@code .outline-not-applied}),
 * built-in defaults in italics ({@code .outline-default}); a line's tooltip says why and where.
 *
 * <pre>{@code
 * OutlinePane outline = new OutlinePane(selection);
 * model.systemProperty().addListener((o, was, now) -> outline.setSystem(now));
 * }</pre>
 *
 * <p>The outline is computed on a background thread of the pane's own after each system (each load
 * of the model, so after a save or a pause in typing); a result for an older system is dropped.
 * Confined to the FX thread.
 */
public final class OutlinePane implements AutoCloseable {
  /** The pane's name in selections. */
  public static final String SOURCE = "outline";

  private static final String STYLESHEET =
      Objects.requireNonNull(OutlinePane.class.getResource("outline.css")).toExternalForm();

  private final Selection selection;
  private final ExecutorService work =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-gui-outline"));
  private final Label heading = new Label("Open a configuration file to see its outline");
  private final TextField filter = new TextField();
  private final TreeView<OutlineItem> tree = new TreeView<>();
  private final VBox root = new VBox(4);
  private final Set<String> collapsed = new HashSet<>();

  private List<OutlineItem> outline = List.of();
  private LoadedSystem shown;
  private long generation;
  private boolean following;

  /**
   * An empty pane.
   *
   * @param selection the selection shared with the other panes
   */
  public OutlinePane(Selection selection) {
    this.selection = Objects.requireNonNull(selection, "selection");
    root.setId("outline");
    root.getStylesheets().add(STYLESHEET);
    root.setPadding(new Insets(4));
    heading.setId("outline-heading");
    heading.setWrapText(true);
    filter.setId("outline-filter");
    filter.setPromptText("Filter (name, text, file)");
    filter.textProperty().addListener((o, was, now) -> rebuild());
    tree.setId("outline-tree");
    tree.setShowRoot(false);
    tree.setCellFactory(t -> new Cell());
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (!following && now != null) {
                publish(now.getValue());
              }
            });
    VBox.setVgrow(tree, Priority.ALWAYS);
    root.getChildren().addAll(heading, filter, tree);
    selection.currentProperty().addListener((o, was, now) -> follow(now));
  }

  /** The pane's node. */
  public Node node() {
    return root;
  }

  /** The filter field. */
  public TextField filter() {
    return filter;
  }

  /** The tree as shown (filtered). */
  public TreeView<OutlineItem> tree() {
    return tree;
  }

  /** The whole outline of the system shown, unfiltered; empty until one is computed. */
  public List<OutlineItem> outline() {
    return outline;
  }

  /** The system whose outline is shown, once one is. */
  public Optional<LoadedSystem> system() {
    return Optional.ofNullable(shown);
  }

  /** The line selected in the tree, if any. */
  public Optional<OutlineItem> selected() {
    TreeItem<OutlineItem> i = tree.getSelectionModel().getSelectedItem();
    return i == null ? Optional.empty() : Optional.of(i.getValue());
  }

  /**
   * Outlines a system (in the background); the tree is replaced when the outline is ready.
   *
   * @param system the system
   */
  public void setSystem(LoadedSystem system) {
    Objects.requireNonNull(system, "system");
    long mine = ++generation;
    if (shown == null) {
      heading.setText("Reading the configuration…");
    }
    try {
      work.execute(
          () -> {
            List<OutlineItem> made;
            try {
              made = Outline.of(system);
            } catch (Throwable e) { // an Error too: the pane must not stay "Reading…"
              Workers.failed("outlining the configuration", e);
              Platform.runLater(() -> failed(mine, e));
              return;
            }
            Platform.runLater(() -> show(mine, system, made));
          });
    } catch (RejectedExecutionException closed) {
      // the pane is closed
    }
  }

  private void failed(long mine, Throwable e) {
    if (mine == generation) {
      heading.setText("Cannot outline the configuration: " + e.getMessage());
    }
  }

  private void show(long mine, LoadedSystem system, List<OutlineItem> made) {
    if (mine != generation) {
      return;
    }
    outline = made;
    shown = system;
    heading.setText(summary(system, made));
    rebuild();
  }

  private static String summary(LoadedSystem system, List<OutlineItem> made) {
    int[] counts = new int[2];
    count(made, counts);
    return system.dialect().word()
        + ": "
        + counts[0]
        + " lines"
        + (counts[1] > 0 ? ", " + counts[1] + " not applied" : "");
  }

  private static void count(List<OutlineItem> items, int[] counts) {
    for (OutlineItem i : items) {
      if (i.kind() == OutlineItem.Kind.ENTRY) {
        counts[0]++;
        if (!i.applied()) {
          counts[1]++;
        }
      }
      // a branch's body is counted in its kind's group already
      if (i.kind() == OutlineItem.Kind.GROUP && !i.text().startsWith("Conditionals")) {
        count(i.children(), counts);
      }
    }
  }

  /** Makes the tree again from the outline and the filter, the selection kept. */
  private void rebuild() {
    following = true;
    try {
      String f = filter.getText() == null ? "" : filter.getText();
      TreeItem<OutlineItem> top = new TreeItem<>();
      for (OutlineItem i : outline) {
        i.filtered(f).ifPresent(kept -> top.getChildren().add(treeItem(kept, !f.isBlank(), 0)));
      }
      tree.setRoot(top);
      select(selection.current());
    } finally {
      following = false;
    }
  }

  private TreeItem<OutlineItem> treeItem(OutlineItem i, boolean filtering, int depth) {
    TreeItem<OutlineItem> t = new TreeItem<>(i);
    for (OutlineItem c : i.children()) {
      t.getChildren().add(treeItem(c, filtering, depth + 1));
    }
    String key = key(i);
    // the defaults layer is long: closed until opened
    boolean closed =
        collapsed.contains(key) || (i.text().startsWith("Built-in defaults") && !opened(key));
    t.setExpanded(!t.getChildren().isEmpty() && (filtering || (depth == 0 && !closed)));
    t.expandedProperty()
        .addListener(
            (o, was, now) -> {
              if (!following) {
                if (now) {
                  collapsed.remove(key);
                  collapsed.add("open " + key);
                } else {
                  collapsed.add(key);
                  collapsed.remove("open " + key);
                }
              }
            });
    return t;
  }

  private boolean opened(String key) {
    return collapsed.contains("open " + key);
  }

  private static String key(OutlineItem i) {
    return i.text().replaceFirst(" \\(\\d+\\)$", "") + "@" + i.place();
  }

  private void publish(OutlineItem i) {
    if (i.name().isEmpty() && i.location().isEmpty()) {
      return;
    }
    selection.select(new Selected(i.name(), i.location(), SOURCE));
  }

  /** Shows a selection made elsewhere. */
  private void follow(Selected now) {
    if (now.source().equals(SOURCE)) {
      return;
    }
    following = true;
    try {
      select(now);
    } finally {
      following = false;
    }
  }

  /** Selects the line a selection is about (called with {@code following} set). */
  private void select(Selected s) {
    Optional<OutlineItem> match = match(s);
    Optional<TreeItem<OutlineItem>> t = match.flatMap(m -> treeItemOf(tree.getRoot(), m));
    if (t.isEmpty()) {
      tree.getSelectionModel().clearSelection();
      return;
    }
    for (TreeItem<OutlineItem> p = t.get().getParent(); p != null; p = p.getParent()) {
      p.setExpanded(true);
    }
    tree.getSelectionModel().select(t.get());
    int row = tree.getRow(t.get());
    if (row >= 0) {
      tree.scrollTo(Math.max(0, row - 3));
    }
  }

  /** The line a selection is about: the same place, else the first line about the same name. */
  private Optional<OutlineItem> match(Selected s) {
    if (s.location().isPresent()) {
      Location l = s.location().get();
      Optional<OutlineItem> at =
          Outline.find(
              outline,
              i ->
                  i.kind() != OutlineItem.Kind.GROUP
                      && i.kind() != OutlineItem.Kind.FILE
                      && i.location()
                          .map(
                              il ->
                                  il.line() == l.line()
                                      && ConfigTexts.sameFile(il.file(), l.file()))
                          .orElse(false)
                      && (s.name().isEmpty() || s.name().equals(i.name())));
      if (at.isPresent()) {
        return at;
      }
    }
    if (s.name().isPresent()) {
      String n = s.name().get();
      String module = n.replace('-', '_');
      return Outline.find(
          outline,
          i ->
              i.kind() == OutlineItem.Kind.ENTRY
                  && i.name()
                      .map(x -> x.equals(n) || x.replace('-', '_').equals(module))
                      .orElse(false));
    }
    return Optional.empty();
  }

  private static Optional<TreeItem<OutlineItem>> treeItemOf(
      TreeItem<OutlineItem> from, OutlineItem wanted) {
    if (from == null) {
      return Optional.empty();
    }
    List<TreeItem<OutlineItem>> todo = new ArrayList<>(from.getChildren());
    while (!todo.isEmpty()) {
      TreeItem<OutlineItem> t = todo.remove(0);
      if (t.getValue().equals(wanted)) {
        return Optional.of(t);
      }
      todo.addAll(0, t.getChildren());
    }
    return Optional.empty();
  }

  /** A row: the line's text, its place in grey, struck through when it takes no effect. */
  private static final class Cell extends TreeCell<OutlineItem> {
    private final Label text = new Label();
    private final Label place = new Label();
    private final HBox box = new HBox(8, text, place);

    Cell() {
      place.getStyleClass().add("outline-place");
    }

    @Override
    protected void updateItem(OutlineItem item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass()
          .removeAll(
              "outline-group",
              "outline-entry",
              "outline-branch",
              "outline-file",
              "outline-not-applied",
              "outline-default");
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      setText(null);
      text.setText(item.text());
      place.setText(shortPlace(item.place()));
      setGraphic(box);
      getStyleClass().add("outline-" + item.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (!item.applied()) {
        getStyleClass().add("outline-not-applied");
      }
      if (item.place().startsWith(io.kmodj.engine.modutils.ModulesConfReader.DEFAULTS_NAME)) {
        getStyleClass().add("outline-default");
      }
      String tip =
          (item.place().isEmpty() ? "" : item.place())
              + (item.note().isEmpty() ? "" : (item.place().isEmpty() ? "" : "\n") + item.note());
      setTooltip(tip.isEmpty() ? null : new Tooltip(tip));
    }
  }

  /** A place with its file's directory cut to the last one: {@code modprobe.d/a.conf:3}. */
  static String shortPlace(String place) {
    if (place.isEmpty() || place.startsWith("(")) {
      return place;
    }
    java.nio.file.Path p = java.nio.file.Path.of(place);
    int n = p.getNameCount();
    return n >= 2 ? p.subpath(n - 2, n).toString() : place;
  }

  /** Stops the background thread. */
  @Override
  public void close() {
    work.shutdownNow();
  }
}
