package io.kmodj.engine.graph;

import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.modutils.ModutilsModprobe;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.Step;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;

/**
 * The module graph of a modutils system: the modules of a 2.4 modules.dep with their hard
 * dependencies, aliases (chains drawn alias to alias, {@code off} and {@code null} targets as
 * such), {@code probe} and {@code probeall} names with an edge to each candidate, {@code below} and
 * {@code above} as edges of their own kinds, and every hook as a command vertex.
 */
public final class ModutilsGraph {
  private final ModutilsConfig config;
  private final DepFile24 dep;
  private final ModuleGraph graph = ModuleGraph.empty();

  private ModutilsGraph(ModutilsConfig config, DepFile24 dep) {
    this.config = Objects.requireNonNull(config);
    this.dep = Objects.requireNonNull(dep);
  }

  /**
   * Builds the graph of a modutils configuration and its modules.dep.
   *
   * @param config the effective configuration (defaults included)
   * @param dep the modules.dep
   * @return the graph
   */
  public static ModuleGraph of(ModutilsConfig config, DepFile24 dep) {
    return new ModutilsGraph(config, dep).build();
  }

  /**
   * The vertex a name in modules.conf stands for, as modprobe looks it up: {@code off} and {@code
   * null} first, then an alias, probe or probeall name, else the module of that name.
   *
   * @param config the configuration
   * @param name the name as written
   * @return the vertex
   */
  public static Vertex vertexOf(ModutilsConfig config, String name) {
    if (name.equals("off") || name.equals("null")) {
      return new Vertex.Off(name);
    }
    String key = name.startsWith("/") ? name : DepFile24.stripo(name);
    if (config.aliases().containsKey(key)
        || config.probes().containsKey(name)
        || config.probealls().containsKey(name)) {
      return new Vertex.Alias(name.startsWith("/") ? name : key);
    }
    return new Vertex.Module(DepFile24.stripo(name));
  }

  private Vertex named(String name) {
    return vertexOf(config, name);
  }

  private ModuleGraph build() {
    for (DepFile24.Entry e : dep.entries()) {
      if (e.path().equals("null")) {
        continue;
      }
      Vertex from = new Vertex.Module(e.key());
      graph.graph().addVertex(from);
      for (String d : e.dependencies()) {
        graph.connect(from, new Vertex.Module(DepFile24.stripo(d)), EdgeKind.HARD);
      }
    }
    for (ModutilsConfig.Named a : config.aliases().values()) {
      if (!a.words().isEmpty()) {
        graph.connect(new Vertex.Alias(a.name()), named(a.words().get(0)), EdgeKind.ALIAS);
      }
    }
    for (ModutilsConfig.Named p : config.probes().values()) {
      for (String c : p.words()) {
        graph.connect(new Vertex.Alias(p.name()), named(c), EdgeKind.PROBE);
      }
    }
    for (ModutilsConfig.Named p : config.probealls().values()) {
      for (String c : p.words()) {
        graph.connect(new Vertex.Alias(p.name()), named(c), EdgeKind.PROBEALL);
      }
    }
    for (ModutilsConfig.Named b : config.below().values()) {
      for (String m : b.words()) {
        graph.connect(named(b.name()), named(m), EdgeKind.BELOW);
      }
    }
    for (ModutilsConfig.Named b : config.above().values()) {
      for (String m : b.words()) {
        graph.connect(named(b.name()), named(m), EdgeKind.ABOVE);
      }
    }
    Set<String> seen = new HashSet<>();
    for (ModutilsConfig.Hook h : config.hooks()) {
      // the first hook of a kind and name is the one modprobe runs
      if (seen.add(h.kind().keyword() + " " + h.name())) {
        graph.connect(
            named(h.name()),
            new Vertex.Command(h.kind().keyword(), h.name(), h.command()),
            EdgeKind.COMMAND);
      }
    }
    return graph;
  }

  /**
   * The plan of one name as modutils' modprobe makes it, with the graph around it.
   *
   * @param graph the request's graph: the name, what it stands for, the modules it loads and their
   *     commands
   * @param order each inserted module's 1-based place, in the order modprobe inserts them
   * @param errors what modprobe would say (without the {@code modprobe: } prefix)
   */
  public record Request(
      Graph<Vertex, Edge> graph, Map<Vertex, Integer> order, List<String> errors) {
    public Request {
      Objects.requireNonNull(graph);
      order = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(order));
      errors = List.copyOf(errors);
    }
  }

  /**
   * Plans names with modutils' modprobe (a dry run, nothing loaded) and cuts their part out of the
   * whole graph: what the names stand for (alias chains, probe candidates, below and above
   * modules), every module they reach and the hooks of all of those. The inserted modules are
   * numbered in the order {@code modprobe -n -v} prints them.
   *
   * @param config the configuration
   * @param dep the modules.dep
   * @param whole the graph of the whole system ({@link #of})
   * @param names the names asked for
   * @return the request
   */
  public static Request request(
      ModutilsConfig config, DepFile24 dep, ModuleGraph whole, List<String> names) {
    Map<Vertex, Integer> order = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    Set<Vertex> touched = new LinkedHashSet<>();
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    for (String name : names) {
      List<Step> steps = new ArrayList<>();
      ModutilsModprobe mp =
          new ModutilsModprobe(
              config,
              dep,
              LoadedModules.none(),
              new ModutilsModprobe.Flags(false, false, false, false, Optional.empty()),
              quiet,
              errors::add,
              step -> {
                steps.add(step);
                return 0;
              });
      try {
        mp.fromList(List.of(name), false);
      } catch (ModutilsModprobe.PlanningFailure e) {
        errors.add(e.getMessage());
      }
      touched.add(vertexOf(config, name));
      for (Step s : steps) {
        Vertex v =
            s instanceof Step.Insmod i
                ? new Vertex.Module(DepFile24.stripo(i.path()))
                : new Vertex.Module(DepFile24.stripo(s.module()));
        touched.add(v);
        order.putIfAbsent(v, order.size() + 1);
      }
    }
    // everything the names and the planned modules reach: outgoing edges never leave the request
    Graph<Vertex, Edge> all = whole.graph();
    Deque<Vertex> todo = new ArrayDeque<>(touched);
    while (!todo.isEmpty()) {
      Vertex v = todo.pop();
      if (!all.containsVertex(v)) {
        continue;
      }
      for (Edge e : all.outgoingEdgesOf(v)) {
        Vertex t = all.getEdgeTarget(e);
        if (touched.add(t)) {
          todo.push(t);
        }
      }
    }
    Graph<Vertex, Edge> g = ModuleGraph.empty().graph();
    touched.forEach(g::addVertex);
    for (Edge e : all.edgeSet()) {
      Vertex s = all.getEdgeSource(e);
      Vertex t = all.getEdgeTarget(e);
      if (touched.contains(s) && touched.contains(t)) {
        g.addEdge(s, t, new Edge(e.kind()));
      }
    }
    return new Request(g, order, errors);
  }
}
