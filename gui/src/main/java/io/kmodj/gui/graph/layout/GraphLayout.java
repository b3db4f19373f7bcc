package io.kmodj.gui.graph.layout;

import java.util.List;
import java.util.Objects;

/**
 * Where a scope's nodes and edges are: one box per node (top-left corner and size, by node index)
 * and one polyline per edge (by link index, {@code x0, y0, x1, y1, ...}, from the source's border
 * to the target's), in a plane of the given size with the origin at the top left. The arrays are
 * the layout's own: read them, do not change them.
 */
public final class GraphLayout {
  private final double[] x;
  private final double[] y;
  private final double[] w;
  private final double[] h;
  private final List<double[]> edges;
  private final double width;
  private final double height;

  /**
   * A layout.
   *
   * @param x each node's left
   * @param y each node's top
   * @param w each node's width
   * @param h each node's height
   * @param edges each link's polyline
   * @param width the width of the whole drawing
   * @param height the height of the whole drawing
   */
  public GraphLayout(
      double[] x,
      double[] y,
      double[] w,
      double[] h,
      List<double[]> edges,
      double width,
      double height) {
    this.x = Objects.requireNonNull(x);
    this.y = Objects.requireNonNull(y);
    this.w = Objects.requireNonNull(w);
    this.h = Objects.requireNonNull(h);
    this.edges = List.copyOf(edges);
    this.width = width;
    this.height = height;
    if (y.length != x.length || w.length != x.length || h.length != x.length) {
      throw new IllegalArgumentException("one box per node");
    }
  }

  /** Each node's left. */
  public double[] x() {
    return x;
  }

  /** Each node's top. */
  public double[] y() {
    return y;
  }

  /** Each node's width. */
  public double[] w() {
    return w;
  }

  /** Each node's height. */
  public double[] h() {
    return h;
  }

  /** Each link's polyline. */
  public List<double[]> edges() {
    return edges;
  }

  /** The width of the whole drawing. */
  public double width() {
    return width;
  }

  /** The height of the whole drawing. */
  public double height() {
    return height;
  }

  /** How many nodes. */
  public int size() {
    return x.length;
  }

  /**
   * The node whose box holds a point.
   *
   * @param px the point's x
   * @param py the point's y
   * @return its index, or -1
   */
  public int nodeAt(double px, double py) {
    for (int i = x.length - 1; i >= 0; i--) {
      if (px >= x[i] && px <= x[i] + w[i] && py >= y[i] && py <= y[i] + h[i]) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A node's centre.
   *
   * @param i the node
   * @return {x, y}
   */
  public double[] centre(int i) {
    return new double[] {x[i] + w[i] / 2, y[i] + h[i] / 2};
  }
}
