package io.kmodj.engine.graph;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DirectedMultigraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The modules of an index and a configuration as a directed JGraphT graph: a module needs its hard
 * dependencies, has soft pre- and post-dependencies, is stood for by aliases and replaced by
 * commands. It answers which cycles the dependencies make, each named whole; modprobe itself never
 * loops on them (it skips modules already visited), so a cycle is a finding, not a hang.
 */
public final class ModuleGraph {
  private final Graph<Vertex, Edge> graph;
  private final Map<String, Vertex> modules = new HashMap<>();

  private ModuleGraph(Graph<Vertex, Edge> graph) {
    this.graph = graph;
  }

  /**
   * An empty graph to fill by hand (tests, editors).
   *
   * @return the graph
   */
  public static ModuleGraph empty() {
    return new ModuleGraph(
        GraphTypeBuilder.<Vertex, Edge>directed()
            .allowingMultipleEdges(true)
            .allowingSelfLoops(true)
            .weighted(false)
            .buildGraph());
  }

  /**
   * Builds the graph of an index and a configuration.
   *
   * @param index the module index
   * @param config the configuration
   * @return the graph
   */
  public static ModuleGraph of(ModuleIndex index, ModuleConfig config) {
    ModuleGraph g = empty();
    for (String name : index.moduleNames()) {
      DepEntry e = index.dependencies(name).orElseThrow();
      for (String dep : e.dependencies()) {
        g.connect(g.module(name, index), g.module(ModuleNames.fromPath(dep), index), EdgeKind.HARD);
      }
      g.module(name, index);
    }
    for (ConfigEntry.Softdep s : config.softdeps()) {
      Vertex from = g.module(s.name(), index);
      for (String p : s.pre()) {
        g.connect(from, g.module(ModuleNames.normalizeModuleName(p), index), EdgeKind.SOFT_PRE);
      }
      for (String p : s.post()) {
        g.connect(from, g.module(ModuleNames.normalizeModuleName(p), index), EdgeKind.SOFT_POST);
      }
    }
    for (ConfigEntry.Alias a : config.aliases()) {
      g.connect(new Vertex.Alias(a.name()), g.module(a.module(), index), EdgeKind.ALIAS);
    }
    for (ConfigEntry.Install i : config.installs()) {
      g.connect(
          g.module(i.name(), index),
          new Vertex.Command("install", i.name(), i.command()),
          EdgeKind.COMMAND);
    }
    for (ConfigEntry.Remove r : config.removes()) {
      g.connect(
          g.module(r.name(), index),
          new Vertex.Command("remove", r.name(), r.command()),
          EdgeKind.COMMAND);
    }
    return g;
  }

  private Vertex module(String name, ModuleIndex index) {
    return modules.computeIfAbsent(
        name,
        n -> {
          Vertex v =
              index.isBuiltin(n) && index.dependencies(n).isEmpty()
                  ? new Vertex.Builtin(n)
                  : new Vertex.Module(n);
          graph.addVertex(v);
          return v;
        });
  }

  /**
   * Adds an edge (and its vertices).
   *
   * @param from the source
   * @param to the target
   * @param kind what the edge says
   */
  public void connect(Vertex from, Vertex to, EdgeKind kind) {
    graph.addVertex(from);
    graph.addVertex(to);
    graph.addEdge(from, to, new Edge(kind));
  }

  /** The JGraphT graph, for algorithms and exporters (read it, do not change it). */
  public Graph<Vertex, Edge> graph() {
    return graph;
  }

  /**
   * The cycles made by edges of the given kinds, each as the list of its vertices in edge order,
   * starting from its least name so that a cycle is named the same way every time.
   *
   * @param kinds the kinds of edge to follow ({@code HARD} for modules.dep, {@code SOFT_PRE} and
   *     {@code SOFT_POST} for softdep loops)
   * @return the cycles, sorted
   */
  public List<List<Vertex>> cycles(Set<EdgeKind> kinds) {
    Graph<Vertex, Edge> sub = new DirectedMultigraph<>(null, null, false);
    graph.vertexSet().forEach(sub::addVertex);
    for (Edge e : graph.edgeSet()) {
      if (kinds.contains(e.kind())) {
        Vertex s = graph.getEdgeSource(e);
        Vertex t = graph.getEdgeTarget(e);
        if (s.equals(t)) {
          continue;
        }
        sub.addEdge(s, t, new Edge(e.kind()));
      }
    }
    List<List<Vertex>> out = new ArrayList<>();
    for (List<Vertex> c : new TarjanSimpleCycles<>(sub).findSimpleCycles()) {
      out.add(rotate(c));
    }
    for (Edge e : graph.edgeSet()) {
      if (kinds.contains(e.kind()) && graph.getEdgeSource(e).equals(graph.getEdgeTarget(e))) {
        out.add(List.of(graph.getEdgeSource(e)));
      }
    }
    out.sort((a, b) -> describe(a).compareTo(describe(b)));
    return out.stream().distinct().collect(Collectors.toList());
  }

  private static List<Vertex> rotate(List<Vertex> cycle) {
    int least = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (cycle.get(i).name().compareTo(cycle.get(least).name()) < 0) {
        least = i;
      }
    }
    List<Vertex> r = new ArrayList<>(cycle.subList(least, cycle.size()));
    r.addAll(cycle.subList(0, least));
    return r;
  }

  /**
   * A cycle in words: {@code a -> b -> a}.
   *
   * @param cycle a cycle as {@link #cycles} gives it
   * @return its description
   */
  public static String describe(List<Vertex> cycle) {
    Objects.requireNonNull(cycle);
    StringBuilder sb = new StringBuilder();
    for (Vertex v : cycle) {
      sb.append(v.name()).append(" -> ");
    }
    return sb.append(cycle.get(0).name()).toString();
  }
}
