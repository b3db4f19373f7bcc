package io.kmodj.engine.graph;

import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ModuleHandle;
import io.kmodj.engine.plan.Plan;
import io.kmodj.engine.plan.ProbeFlags;
import io.kmodj.engine.plan.ProbePlanner;
import io.kmodj.engine.plan.Step;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsSubgraph;

/**
 * The part of the module graph that loading some names touches: the names, what they stand for, and
 * every module and command in their plans, numbered in the order modprobe takes them. The plan
 * comes from the planner itself, so the picture is exactly what {@code --show-depends} prints.
 */
public final class RequestGraph {
  private final Graph<Vertex, Edge> graph;
  private final Map<Vertex, Integer> order;
  private final List<String> unknown;

  private RequestGraph(
      Graph<Vertex, Edge> graph, Map<Vertex, Integer> order, List<String> unknown) {
    this.graph = graph;
    this.order = order;
    this.unknown = unknown;
  }

  /**
   * Plans each name and cuts its part out of the whole graph.
   *
   * @param ctx the modprobe context (index, configuration, what is loaded)
   * @param whole the graph of the whole system
   * @param names the names asked for (modules, aliases, modalias strings)
   * @return the request graph
   */
  public static RequestGraph of(ModprobeContext ctx, ModuleGraph whole, List<String> names) {
    Graph<Vertex, Edge> g = ModuleGraph.empty().graph();
    Map<Vertex, Integer> order = new LinkedHashMap<>();
    List<String> unknown = new java.util.ArrayList<>();
    Set<Vertex> touched = new LinkedHashSet<>();
    ProbePlanner planner = new ProbePlanner(ctx, new ProbeFlags(false, true, false, false));
    for (String name : names) {
      Optional<List<ModuleHandle>> found = ctx.lookup(name);
      if (found.isEmpty() || found.get().isEmpty()) {
        unknown.add(name);
        continue;
      }
      Vertex request = new Vertex.Alias(name);
      for (ModuleHandle mod : found.get()) {
        Vertex target = vertexOf(whole, mod.name());
        if (!request.name().equals(target.name())) {
          g.addVertex(request);
          g.addVertex(target);
          g.addEdge(request, target, new Edge(EdgeKind.ALIAS));
        }
        touched.add(target);
        Plan plan = planner.plan(mod, null);
        for (Step step : plan.steps()) {
          Vertex v = vertexOf(whole, step.module());
          touched.add(v);
          order.putIfAbsent(v, order.size() + 1);
        }
      }
    }
    // the commands of touched modules, then every edge of the whole graph between touched ones
    Graph<Vertex, Edge> all = whole.graph();
    for (Vertex v : List.copyOf(touched)) {
      if (all.containsVertex(v)) {
        for (Edge e : all.outgoingEdgesOf(v)) {
          if (e.kind() == EdgeKind.COMMAND) {
            touched.add(all.getEdgeTarget(e));
          }
        }
      }
    }
    Set<Vertex> present = new LinkedHashSet<>();
    for (Vertex v : touched) {
      if (all.containsVertex(v)) {
        present.add(v);
      } else {
        g.addVertex(v);
      }
    }
    Graph<Vertex, Edge> sub = new AsSubgraph<>(all, present);
    sub.vertexSet().forEach(g::addVertex);
    for (Edge e : sub.edgeSet()) {
      g.addEdge(sub.getEdgeSource(e), sub.getEdgeTarget(e), new Edge(e.kind()));
    }
    return new RequestGraph(g, order, List.copyOf(unknown));
  }

  private static Vertex vertexOf(ModuleGraph whole, String module) {
    Vertex m = new Vertex.Module(module);
    if (whole.graph().containsVertex(m)) {
      return m;
    }
    Vertex b = new Vertex.Builtin(module);
    return whole.graph().containsVertex(b) ? b : m;
  }

  /** The graph (vertices: the names asked, modules, builtins, commands). */
  public Graph<Vertex, Edge> graph() {
    return graph;
  }

  /** Each planned module's 1-based place in the order modprobe loads them. */
  public Map<Vertex, Integer> order() {
    return order;
  }

  /** The names that stand for nothing. */
  public List<String> unknown() {
    return unknown;
  }
}
