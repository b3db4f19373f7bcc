package io.kmodj.gui.graph.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The cheap layout for the whole system at low detail: each node in the column of its depth (the
 * longest path to it from a node nothing points at, cycles broken where they are met), nodes of a
 * column ordered by where their predecessors are, a column too tall wrapped into several, and
 * straight edges. Linear in the size of the graph, where ELK's layered layout of the whole
 * 4,000-module Debian tree takes seconds.
 */
public final class DepthLayout {
  private static final double ROW_GAP = 6;
  private static final double COLUMN_GAP = 12;
  private static final double LAYER_GAP = 60;

  private DepthLayout() {}

  /**
   * Lays a scope out by depth.
   *
   * @param scope what to lay out
   * @param sizer how wide labels are
   * @param progress checked between stages
   * @return the layout
   * @throws Cancelled when the progress says the layout is no longer wanted
   */
  public static GraphLayout layout(Scope scope, NodeSizer sizer, Progress progress) {
    int n = scope.nodes().size();
    List<List<Integer>> out = new ArrayList<>(n);
    List<List<Integer>> in = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
      in.add(new ArrayList<>());
    }
    int[] indegree = new int[n];
    for (Scope.Link l : scope.links()) {
      if (l.from() != l.to()) {
        out.get(l.from()).add(l.to());
        in.get(l.to()).add(l.from());
        indegree[l.to()]++;
      }
    }
    int[] depth = depths(n, out, indegree);
    check(progress, 0.3);
    int layers = 0;
    for (int d : depth) {
      layers = Math.max(layers, d + 1);
    }
    List<List<Integer>> byLayer = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      byLayer.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      byLayer.get(depth[i]).add(i);
    }
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    double[] h = new double[n];
    double[] rank = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = sizer.boxWidth(scope.nodes().get(i).label());
      h[i] = NodeSizer.HEIGHT;
    }
    int perColumn = Math.max(20, (int) Math.ceil(Math.sqrt(n) * 1.5));
    double left = 0;
    double height = 0;
    for (List<Integer> layer : byLayer) {
      // order by the mean rank of the predecessors already placed (one barycentre sweep)
      for (int v : layer) {
        double sum = 0;
        int count = 0;
        for (int p : in.get(v)) {
          if (depth[p] < depth[v]) {
            sum += rank[p];
            count++;
          }
        }
        rank[v] = count == 0 ? v : sum / count;
      }
      Integer[] sorted = layer.toArray(new Integer[0]);
      Arrays.sort(
          sorted, Comparator.comparingDouble((Integer v) -> rank[v]).thenComparingInt(v -> v));
      for (int i = 0; i < sorted.length; i++) {
        rank[sorted[i]] = i;
      }
      for (int start = 0; start < sorted.length; start += perColumn) {
        int end = Math.min(sorted.length, start + perColumn);
        double widest = 0;
        for (int i = start; i < end; i++) {
          int v = sorted[i];
          x[v] = left;
          y[v] = (i - start) * (NodeSizer.HEIGHT + ROW_GAP);
          widest = Math.max(widest, w[v]);
          height = Math.max(height, y[v] + h[v]);
        }
        left += widest + (end < sorted.length ? COLUMN_GAP : LAYER_GAP);
      }
    }
    check(progress, 0.7);
    List<double[]> edges = new ArrayList<>(scope.links().size());
    for (Scope.Link l : scope.links()) {
      int s = l.from();
      int t = l.to();
      if (s == t) {
        // a loop: out of the right side and back in at the top
        double r = x[s] + w[s];
        edges.add(new double[] {r, y[s] + h[s] / 2, r + 8, y[s] - 8, x[s] + w[s] / 2, y[s]});
      } else if (x[t] >= x[s] + w[s]) {
        edges.add(new double[] {x[s] + w[s], y[s] + h[s] / 2, x[t], y[t] + h[t] / 2});
      } else {
        // against the layers (a broken cycle): left side to right side
        edges.add(new double[] {x[s], y[s] + h[s] / 2, x[t] + w[t], y[t] + h[t] / 2});
      }
    }
    progress.worked(1);
    return new GraphLayout(x, y, w, h, edges, Math.max(0, left - LAYER_GAP), height);
  }

  private static void check(Progress progress, double done) {
    if (progress.cancelled()) {
      throw new Cancelled();
    }
    progress.worked(done);
  }

  /** Longest-path depths by Kahn's algorithm; a node left in a cycle is taken as it is met. */
  private static int[] depths(int n, List<List<Integer>> out, int[] indegree) {
    int[] depth = new int[n];
    int[] left = indegree.clone();
    boolean[] done = new boolean[n];
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (left[i] == 0) {
        ready.add(i);
      }
    }
    int next = 0;
    int placed = 0;
    while (placed < n) {
      if (ready.isEmpty()) {
        while (done[next]) {
          next++;
        }
        ready.add(next);
      }
      int v = ready.poll();
      if (done[v]) {
        continue;
      }
      done[v] = true;
      placed++;
      for (int t : out.get(v)) {
        if (!done[t]) {
          depth[t] = Math.max(depth[t], depth[v] + 1);
          if (--left[t] == 0) {
            ready.add(t);
          }
        }
      }
    }
    return depth;
  }
}
