package io.kmodj.gui.graph.layout;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Eclipse ELK's layered (Sugiyama) layout of a scope, left to right from the names asked for to
 * what they need: a fixed random seed so the same scope always gets the same drawing, Brandes-Köpf
 * node placement, orthogonal edges, each connected component apart and no hierarchy (the scope is
 * flat, so no {@code INCLUDE_CHILDREN}). ELK reports progress and is cancelled through a {@link
 * Progress}. Slow on thousands of nodes, which is why the view lays out only what is shown and the
 * whole system goes to {@link DepthLayout}.
 */
public final class LayeredLayout {
  /** The random seed every layout uses. */
  public static final int SEED = 1;

  private static final double NODE_SPACING = 12;
  private static final double LAYER_SPACING = 40;

  private LayeredLayout() {}

  /**
   * Lays a scope out.
   *
   * @param scope what to lay out
   * @param sizer how wide labels are
   * @param progress where progress goes, and whether to stop
   * @return the layout
   * @throws Cancelled when the progress says the layout is no longer wanted
   */
  public static GraphLayout layout(Scope scope, NodeSizer sizer, Progress progress) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(LayeredOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(LayeredOptions.RANDOM_SEED, SEED);
    root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.BRANDES_KOEPF);
    root.setProperty(LayeredOptions.HIERARCHY_HANDLING, HierarchyHandling.SEPARATE_CHILDREN);
    root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, NODE_SPACING);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
    root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, true);
    List<Scope.Node> nodes = scope.nodes();
    ElkNode[] elk = new ElkNode[nodes.size()];
    for (int i = 0; i < elk.length; i++) {
      elk[i] = ElkGraphUtil.createNode(root);
      elk[i].setDimensions(sizer.boxWidth(nodes.get(i).label()), NodeSizer.HEIGHT);
    }
    List<ElkEdge> edges = new ArrayList<>();
    for (Scope.Link l : scope.links()) {
      edges.add(ElkGraphUtil.createSimpleEdge(elk[l.from()], elk[l.to()]));
    }
    Monitor monitor = new Monitor(progress);
    new RecursiveGraphLayoutEngine().layout(root, monitor);
    if (progress.cancelled()) {
      throw new Cancelled();
    }
    int n = elk.length;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = elk[i].getX();
      y[i] = elk[i].getY();
      w[i] = elk[i].getWidth();
      h[i] = elk[i].getHeight();
    }
    List<double[]> lines = new ArrayList<>(edges.size());
    for (ElkEdge e : edges) {
      lines.add(polyline(e));
    }
    return new GraphLayout(x, y, w, h, lines, root.getWidth(), root.getHeight());
  }

  private static double[] polyline(ElkEdge e) {
    List<Double> pts = new ArrayList<>();
    for (ElkEdgeSection s : e.getSections()) {
      pts.add(s.getStartX());
      pts.add(s.getStartY());
      for (ElkBendPoint b : s.getBendPoints()) {
        pts.add(b.getX());
        pts.add(b.getY());
      }
      pts.add(s.getEndX());
      pts.add(s.getEndY());
    }
    double[] out = new double[pts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = pts.get(i);
    }
    return out;
  }

  /** ELK's monitor over a {@link Progress}: sub-tasks share the cancellation. */
  private static final class Monitor extends BasicProgressMonitor {
    private final Progress progress;
    private float total = 1;

    Monitor(Progress progress) {
      this.progress = progress;
    }

    @Override
    protected void doBegin(String name, float totalWork, boolean topInstance, int maxLevels) {
      if (topInstance && totalWork > 0) {
        total = totalWork;
      }
    }

    @Override
    protected void doWorked(float work, float completedWork, boolean topInstance) {
      if (topInstance) {
        progress.worked(Math.min(1, completedWork / total));
      }
    }

    @Override
    public boolean isCanceled() {
      return progress.cancelled();
    }

    @Override
    protected BasicProgressMonitor doSubTask(float work, int maxHierarchyLevels) {
      return new Monitor(progress);
    }
  }
}
