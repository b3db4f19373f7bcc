package io.kmodj.gui.app;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The main window's docked panes: an outline column on the left, the editor in the centre, an
 * inspector column on the right and a strip of panes at the bottom, separated by dividers the user
 * drags. Each pane can be hidden (its tab's ×, its header's ×, or its View-menu entry and shortcut)
 * and shown again; an area with no visible pane folds away and gives its room to the centre. An
 * area with one visible pane shows it under a small title bar; with more, as tabs.
 *
 * <p>Other parts of the application plug in with one call each, in {@code MainWindow}:
 *
 * <pre>{@code
 * workbench.dock(PaneId.GRAPH, "Graph", graphView.node(), DockArea.CENTER);
 * workbench.dock(PaneId.PARAMETERS, "Parameters", params.node(), DockArea.RIGHT);
 * }</pre>
 *
 * and may bring their pane forward with {@link #reveal(PaneId)}. The divider positions and hidden
 * panes are read and restored as a {@link Layout} (kept between runs in {@code gui.json}).
 *
 * <p>Confined to the FX thread.
 */
public final class Workbench {
  /** Node ids: {@code area-left} etc. for the areas, {@code pane-outline} etc. for the panes. */
  private static final String AREA_ID = "area-";

  /**
   * The user's arrangement, as saved between runs.
   *
   * @param left the left column's width as a fraction of the window
   * @param right the right column's width as a fraction of the window
   * @param bottom the bottom strip's height as a fraction of the space under the menus
   * @param hidden the panes the user hid
   */
  public record Layout(double left, double right, double bottom, Set<PaneId> hidden) {
    /** The arrangement of a first start. */
    public static final Layout DEFAULT = new Layout(0.2, 0.24, 0.26, Set.of());

    public Layout {
      left = clamp(left);
      right = clamp(right);
      bottom = clamp(bottom);
      hidden = hidden.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hidden));
    }

    private static double clamp(double f) {
      return Double.isNaN(f) ? 0.2 : Math.max(0.05, Math.min(0.8, f));
    }
  }

  /** A docked pane. */
  private static final class Pane {
    final PaneId id;
    final String title;
    final Node content;
    final DockArea area;
    final BooleanProperty visible = new SimpleBooleanProperty(true);

    Pane(PaneId id, String title, Node content, DockArea area) {
      this.id = id;
      this.title = title;
      this.content = content;
      this.area = area;
    }

    /** The editor cannot be hidden: it is the window's reason to be. */
    boolean hideable() {
      return id != PaneId.EDITOR;
    }
  }

  private final Map<PaneId, Pane> panes = new EnumMap<>(PaneId.class);
  private final Map<DockArea, StackPane> areas = new EnumMap<>(DockArea.class);
  private final Map<DockArea, PaneId> selectedTab = new EnumMap<>(DockArea.class);
  private final SplitPane columns = new SplitPane();
  private final SplitPane middle = new SplitPane();
  private final BorderPane root = new BorderPane(columns);
  private final Menu viewMenu = new Menu("_View");
  private double left = Layout.DEFAULT.left();
  private double right = Layout.DEFAULT.right();
  private double bottom = Layout.DEFAULT.bottom();
  private Set<PaneId> hiddenAtDock = EnumSet.noneOf(PaneId.class);
  private boolean arranging;

  /** An empty workbench: the centre only, until panes are docked. */
  public Workbench() {
    for (DockArea a : DockArea.values()) {
      StackPane s = new StackPane();
      s.setId(AREA_ID + a.name().toLowerCase(java.util.Locale.ROOT));
      s.getStyleClass().add("dock-area");
      areas.put(a, s);
    }
    middle.setOrientation(Orientation.VERTICAL);
    columns.getStyleClass().add("workbench");
    SplitPane.setResizableWithParent(areas.get(DockArea.LEFT), false);
    SplitPane.setResizableWithParent(areas.get(DockArea.RIGHT), false);
    SplitPane.setResizableWithParent(areas.get(DockArea.BOTTOM), false);
    viewMenu.setId("menu-view");
    arrange();
  }

  /** The workbench's node, for the centre of the window. */
  public Parent node() {
    return root;
  }

  /** The View menu: one check item per docked pane, with its shortcut. */
  public Menu viewMenu() {
    return viewMenu;
  }

  /**
   * Docks a pane. Its View-menu entry gets the id's shortcut ({@link PaneId#accelerator()}); the
   * pane starts visible unless the restored layout says it was hidden.
   *
   * @param id the pane (docked at most once)
   * @param title the title on its tab and menu entry
   * @param content the pane's node
   * @param area where it goes
   * @throws IllegalStateException if the id is docked already
   */
  public void dock(PaneId id, String title, Node content, DockArea area) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(area, "area");
    if (panes.containsKey(id)) {
      throw new IllegalStateException(id + " is docked already");
    }
    Pane p = new Pane(id, title, content, area);
    p.visible.set(!(p.hideable() && hiddenAtDock.contains(id)));
    panes.put(id, p);
    p.visible.addListener((o, was, now) -> arrange());
    if (p.hideable()) {
      CheckMenuItem item = new CheckMenuItem(title);
      item.setId("view-" + id.source());
      item.setAccelerator(KeyCombination.keyCombination(id.accelerator()));
      item.selectedProperty().bindBidirectional(p.visible);
      viewMenu.getItems().add(item);
    }
    arrange();
  }

  /** Whether a pane is docked. */
  public boolean isDocked(PaneId id) {
    return panes.containsKey(id);
  }

  /**
   * Whether a pane is shown; setting it shows or hides the pane (the editor stays shown).
   *
   * @param id a docked pane
   * @return its visibility
   * @throws IllegalArgumentException if it is not docked
   */
  public BooleanProperty visibleProperty(PaneId id) {
    return pane(id).visible;
  }

  /**
   * Shows or hides a docked pane.
   *
   * @param id the pane
   * @param visible whether to show it
   */
  public void setVisible(PaneId id, boolean visible) {
    Pane p = pane(id);
    p.visible.set(visible || !p.hideable());
  }

  /**
   * Shows a pane and brings its tab to the front.
   *
   * @param id the pane
   */
  public void reveal(PaneId id) {
    Pane p = pane(id);
    selectedTab.put(p.area, id);
    if (p.visible.get()) {
      arrange();
    } else {
      p.visible.set(true);
    }
  }

  /** The arrangement now: divider positions and hidden panes. */
  public Layout layout() {
    Set<PaneId> hidden = EnumSet.noneOf(PaneId.class);
    hidden.addAll(hiddenAtDock);
    for (Pane p : panes.values()) {
      if (p.visible.get()) {
        hidden.remove(p.id);
      } else {
        hidden.add(p.id);
      }
    }
    return new Layout(left, right, bottom, hidden);
  }

  /**
   * Restores an arrangement: panes docked later follow it too.
   *
   * @param layout the arrangement
   */
  public void apply(Layout layout) {
    left = layout.left();
    right = layout.right();
    bottom = layout.bottom();
    hiddenAtDock =
        layout.hidden().isEmpty() ? EnumSet.noneOf(PaneId.class) : EnumSet.copyOf(layout.hidden());
    arranging = true;
    try {
      for (Pane p : panes.values()) {
        p.visible.set(!(p.hideable() && hiddenAtDock.contains(p.id)));
      }
    } finally {
      arranging = false;
    }
    arrange();
  }

  private Pane pane(PaneId id) {
    Pane p = panes.get(id);
    if (p == null) {
      throw new IllegalArgumentException(id + " is not docked");
    }
    return p;
  }

  private List<Pane> visibleIn(DockArea a) {
    List<Pane> list = new ArrayList<>();
    for (Pane p : panes.values()) {
      if (p.area == a && p.visible.get()) {
        list.add(p);
      }
    }
    return list;
  }

  /** Rebuilds the areas and the dividers from the panes' visibility. */
  private void arrange() {
    if (arranging) {
      return;
    }
    arranging = true;
    try {
      for (Pane p : panes.values()) {
        detach(p.content);
      }
      for (DockArea a : DockArea.values()) {
        fill(a, visibleIn(a));
      }
      boolean hasLeft = !visibleIn(DockArea.LEFT).isEmpty();
      boolean hasRight = !visibleIn(DockArea.RIGHT).isEmpty();
      boolean hasBottom = !visibleIn(DockArea.BOTTOM).isEmpty();
      middle.getItems().setAll(areas.get(DockArea.CENTER));
      if (hasBottom) {
        middle.getItems().add(areas.get(DockArea.BOTTOM));
        middle.setDividerPositions(1 - bottom);
        watch(middle.getDividers().get(0), f -> bottom = 1 - f);
      }
      List<Node> cols = new ArrayList<>();
      if (hasLeft) {
        cols.add(areas.get(DockArea.LEFT));
      }
      cols.add(middle);
      if (hasRight) {
        cols.add(areas.get(DockArea.RIGHT));
      }
      columns.getItems().setAll(cols);
      if (hasLeft && hasRight) {
        columns.setDividerPositions(left, 1 - right);
        watch(columns.getDividers().get(0), f -> left = f);
        watch(columns.getDividers().get(1), f -> right = 1 - f);
      } else if (hasLeft) {
        columns.setDividerPositions(left);
        watch(columns.getDividers().get(0), f -> left = f);
      } else if (hasRight) {
        columns.setDividerPositions(1 - right);
        watch(columns.getDividers().get(0), f -> right = 1 - f);
      }
    } finally {
      arranging = false;
    }
  }

  /** Follows a divider the user drags (not the moves arranging makes). */
  private void watch(SplitPane.Divider d, java.util.function.DoubleConsumer into) {
    d.positionProperty()
        .addListener(
            (o, was, now) -> {
              if (!arranging) {
                into.accept(now.doubleValue());
              }
            });
  }

  private static void detach(Node n) {
    Parent parent = n.getParent();
    if (parent instanceof BorderPane b && b.getCenter() == n) {
      b.setCenter(null);
    } else if (parent instanceof StackPane s) {
      s.getChildren().remove(n);
    }
  }

  private void fill(DockArea a, List<Pane> shown) {
    StackPane holder = areas.get(a);
    for (Node old : holder.getChildren()) {
      if (old instanceof TabPane t) {
        t.getTabs().forEach(tab -> tab.setContent(null));
      }
    }
    holder.getChildren().clear();
    if (shown.isEmpty()) {
      if (a == DockArea.CENTER) {
        holder.getChildren().add(new Label("Nothing to show"));
      }
      return;
    }
    if (shown.size() == 1) {
      Pane p = shown.get(0);
      BorderPane box = new BorderPane(p.content);
      box.setId("pane-" + p.id.source());
      if (p.hideable()) {
        box.setTop(header(p));
      }
      holder.getChildren().add(box);
      return;
    }
    TabPane tabs = new TabPane();
    tabs.getStyleClass().add("dock-tabs");
    Tab select = null;
    for (Pane p : shown) {
      Tab tab = new Tab(p.title, p.content);
      tab.setId("pane-" + p.id.source());
      tab.setUserData(p.id);
      tab.setClosable(p.hideable());
      tab.setOnCloseRequest(
          e -> {
            e.consume();
            p.visible.set(false);
          });
      tabs.getTabs().add(tab);
      if (p.id == selectedTab.get(a)) {
        select = tab;
      }
    }
    if (select != null) {
      tabs.getSelectionModel().select(select);
    }
    tabs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && !arranging) {
                selectedTab.put(a, (PaneId) now.getUserData());
              }
            });
    holder.getChildren().add(tabs);
  }

  private Node header(Pane p) {
    Label title = new Label(p.title);
    title.getStyleClass().add("pane-title");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button hide = new Button("×");
    hide.setId("hide-" + p.id.source());
    hide.getStyleClass().add("pane-hide");
    hide.setFocusTraversable(false);
    hide.setOnAction(e -> p.visible.set(false));
    HBox bar = new HBox(4, title, gap, hide);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("pane-header");
    return bar;
  }

  /** The pane whose tab is in front in an area, if the area shows tabs. */
  Optional<PaneId> frontOf(DockArea a) {
    for (Node n : areas.get(a).getChildren()) {
      if (n instanceof TabPane t && t.getSelectionModel().getSelectedItem() != null) {
        return Optional.of((PaneId) t.getSelectionModel().getSelectedItem().getUserData());
      }
    }
    List<Pane> shown = visibleIn(a);
    return shown.size() == 1 ? Optional.of(shown.get(0).id) : Optional.empty();
  }
}
