package io.kmodj.gui.graph.layout;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.graph.Edge;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.ModutilsGraph;
import io.kmodj.engine.graph.RequestGraph;
import io.kmodj.engine.graph.Vertex;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.ModutilsSystem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.Graph;

/**
 * A module system as the graph view asks about it: its whole graph, the plan of a name as the
 * engine's planner makes it (kmod's or modutils' modprobe), which modules are blacklisted and which
 * are named but missing.
 */
public interface GraphSource {

  /** The graph of the whole system. */
  ModuleGraph whole();

  /**
   * What loading a name touches, numbered in the order modprobe loads it ({@code kmodj graph
   * NAME}).
   *
   * @param name a module name, alias or modalias string
   * @return the plan
   */
  Plan plan(String name);

  /** The blacklisted module names. */
  Set<String> blacklisted();

  /**
   * Whether a vertex is a module the index does not have.
   *
   * @param v the vertex
   * @return whether it is missing
   */
  boolean isMissing(Vertex v);

  /**
   * The part of the graph a name's plan touches.
   *
   * @param graph the vertices and edges
   * @param order each planned module's 1-based place in the load order
   * @param errors what modprobe would say (unknown names, planning failures)
   */
  record Plan(Graph<Vertex, Edge> graph, Map<Vertex, Integer> order, List<String> errors) {
    public Plan {
      Objects.requireNonNull(graph);
      order = Map.copyOf(order);
      errors = List.copyOf(errors);
    }
  }

  /**
   * A kmod system.
   *
   * @param sys the system
   * @return its source
   */
  static GraphSource of(ModuleSystem sys) {
    ModuleGraph whole = sys.graph();
    Set<String> blacklisted = new HashSet<>();
    for (ConfigEntry.Blacklist b : sys.config().blacklist()) {
      blacklisted.add(b.name().replace('-', '_'));
    }
    Set<String> frozen = Set.copyOf(blacklisted);
    return new GraphSource() {
      @Override
      public ModuleGraph whole() {
        return whole;
      }

      @Override
      public Plan plan(String name) {
        List<String> errors = new ArrayList<>();
        RequestGraph r = RequestGraph.of(sys.context(errors::add), whole, List.of(name));
        for (String u : r.unknown()) {
          errors.add("Module " + u + " not found in directory " + sys.index().dirname());
        }
        return new Plan(r.graph(), r.order(), errors);
      }

      @Override
      public Set<String> blacklisted() {
        return frozen;
      }

      @Override
      public boolean isMissing(Vertex v) {
        return v instanceof Vertex.Module m && sys.index().dependencies(m.name()).isEmpty();
      }
    };
  }

  /**
   * A modutils system.
   *
   * @param sys the system
   * @return its source
   */
  static GraphSource of(ModutilsSystem sys) {
    ModuleGraph whole = sys.graph();
    DepFile24 dep = sys.dep();
    return new GraphSource() {
      @Override
      public ModuleGraph whole() {
        return whole;
      }

      @Override
      public Plan plan(String name) {
        ModutilsGraph.Request r = ModutilsGraph.request(sys.config(), dep, whole, List.of(name));
        return new Plan(r.graph(), r.order(), r.errors());
      }

      @Override
      public Set<String> blacklisted() {
        return Set.of();
      }

      @Override
      public boolean isMissing(Vertex v) {
        return v instanceof Vertex.Module m && dep.byKey(m.name()).isEmpty();
      }
    };
  }
}
