package io.kmodj.gui.graph.layout;

import io.kmodj.engine.graph.Edge;
import io.kmodj.engine.graph.EdgeKind;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.Vertex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;

/**
 * The part of a module graph the view shows: its nodes (each with a label, its place in the load
 * order when planned, and a status for its colour) and the edges between them, indexed so a layout
 * is plain arrays. Made by one of the modes ({@link #plan}, {@link #neededBy}, {@link #whole},
 * {@link #search}) and grown by {@link #expand}. Immutable.
 */
public final class Scope {

  /** How much a scope shows of each node. */
  public enum Detail {
    /** Labels, numbers and every edge, laid out by ELK. */
    FULL,
    /** The whole system: boxes by depth, laid out cheaply. */
    LOW
  }

  /**
   * A node.
   *
   * @param vertex the engine's vertex
   * @param label the text shown
   * @param order its 1-based place in the load order, 0 when not planned
   * @param status what it is, for its colour
   */
  public record Node(Vertex vertex, String label, int order, Status status) {
    public Node {
      Objects.requireNonNull(vertex);
      Objects.requireNonNull(label);
      Objects.requireNonNull(status);
    }
  }

  /**
   * An edge between two nodes, by their indices.
   *
   * @param from the source's index
   * @param to the target's index
   * @param kind what the edge says
   */
  public record Link(int from, int to, EdgeKind kind) {
    public Link {
      Objects.requireNonNull(kind);
    }
  }

  private final String title;
  private final Detail detail;
  private final List<Node> nodes;
  private final List<Link> links;
  private final Map<Vertex, Integer> index = new HashMap<>();
  private final List<String> errors;

  private Scope(String title, Detail detail, List<Node> nodes, List<Link> links, List<String> e) {
    this.title = title;
    this.detail = detail;
    this.nodes = List.copyOf(nodes);
    this.links = List.copyOf(links);
    this.errors = List.copyOf(e);
    for (int i = 0; i < this.nodes.size(); i++) {
      index.put(this.nodes.get(i).vertex(), i);
    }
  }

  /** What the scope shows, in words ({@code modprobe btrfs}). */
  public String title() {
    return title;
  }

  /** How much it shows of each node. */
  public Detail detail() {
    return detail;
  }

  /** The nodes: planned ones first in load order, then the rest by kind and name. */
  public List<Node> nodes() {
    return nodes;
  }

  /** The edges. */
  public List<Link> links() {
    return links;
  }

  /** What the engine said while making the scope (unknown names, planning errors). */
  public List<String> errors() {
    return errors;
  }

  /**
   * The index of a vertex's node.
   *
   * @param v the vertex
   * @return its index, if shown
   */
  public Optional<Integer> indexOf(Vertex v) {
    return Optional.ofNullable(index.get(v));
  }

  /** The planned vertices in load order. */
  public List<Vertex> loadOrder() {
    List<Vertex> out = new ArrayList<>();
    nodes.stream()
        .filter(n -> n.order() > 0)
        .sorted(Comparator.comparingInt(Node::order))
        .forEach(n -> out.add(n.vertex()));
    return out;
  }

  /** The scope as a JGraphT graph, for the engine's exporters. */
  public Graph<Vertex, Edge> graph() {
    ModuleGraph g = ModuleGraph.empty();
    nodes.forEach(n -> g.graph().addVertex(n.vertex()));
    for (Link l : links) {
      g.connect(nodes.get(l.from()).vertex(), nodes.get(l.to()).vertex(), l.kind());
    }
    return g.graph();
  }

  /** The planned vertices' places, for the engine's exporters. */
  public Map<Vertex, Integer> order() {
    Map<Vertex, Integer> out = new HashMap<>();
    nodes.stream().filter(n -> n.order() > 0).forEach(n -> out.put(n.vertex(), n.order()));
    return out;
  }

  /**
   * What {@code modprobe NAME} loads, in order: the engine's plan of the name, numbered by plan
   * position.
   *
   * @param source the system
   * @param name the name asked for
   * @param loaded the modules loaded in the simulated kernel
   * @return the scope
   */
  public static Scope plan(GraphSource source, String name, Set<String> loaded) {
    GraphSource.Plan plan = source.plan(name);
    Graph<Vertex, Edge> g = plan.graph();
    return build(
        "modprobe " + name,
        Detail.FULL,
        source,
        loaded,
        g.vertexSet(),
        g,
        plan.order(),
        plan.errors());
  }

  /**
   * Who needs NAME: every vertex with a path of edges to it in the whole graph (the reverse
   * closure), NAME included.
   *
   * @param source the system
   * @param name a module name or alias
   * @param loaded the modules loaded in the simulated kernel
   * @return the scope (empty with an error when the name is not in the graph)
   */
  public static Scope neededBy(GraphSource source, String name, Set<String> loaded) {
    Graph<Vertex, Edge> all = source.whole().graph();
    Optional<Vertex> start = find(all, name);
    if (start.isEmpty()) {
      return build(
          "who needs " + name,
          Detail.FULL,
          source,
          loaded,
          List.of(),
          all,
          Map.of(),
          List.of(name + ": not in the module graph"));
    }
    Set<Vertex> seen = new LinkedHashSet<>();
    Deque<Vertex> todo = new ArrayDeque<>();
    seen.add(start.get());
    todo.add(start.get());
    while (!todo.isEmpty()) {
      Vertex v = todo.poll();
      for (Edge e : all.incomingEdgesOf(v)) {
        Vertex s = all.getEdgeSource(e);
        if (seen.add(s)) {
          todo.add(s);
        }
      }
    }
    return build("who needs " + name, Detail.FULL, source, loaded, seen, all, Map.of(), List.of());
  }

  /**
   * The whole system at low detail.
   *
   * @param source the system
   * @param loaded the modules loaded in the simulated kernel
   * @return the scope
   */
  public static Scope whole(GraphSource source, Set<String> loaded) {
    Graph<Vertex, Edge> all = source.whole().graph();
    return build(
        "whole system", Detail.LOW, source, loaded, all.vertexSet(), all, Map.of(), List.of());
  }

  /**
   * The vertices whose name contains a text (ignoring case), with the edges between them.
   *
   * @param source the system
   * @param text what to look for
   * @param limit at most this many vertices, the shortest names first
   * @param loaded the modules loaded in the simulated kernel
   * @return the scope
   */
  public static Scope search(GraphSource source, String text, int limit, Set<String> loaded) {
    Graph<Vertex, Edge> all = source.whole().graph();
    String needle = text.toLowerCase(Locale.ROOT);
    List<Vertex> hits = new ArrayList<>();
    for (Vertex v : all.vertexSet()) {
      if (v.name().toLowerCase(Locale.ROOT).contains(needle)) {
        hits.add(v);
      }
    }
    hits.sort(Comparator.comparingInt((Vertex v) -> v.name().length()).thenComparing(Vertex::name));
    List<Vertex> shown = hits.subList(0, Math.min(limit, hits.size()));
    List<String> notes =
        hits.size() > limit
            ? List.of(hits.size() + " matches, the first " + limit + " shown")
            : List.of();
    return build("search " + text, Detail.FULL, source, loaded, shown, all, Map.of(), notes);
  }

  /**
   * This scope with a vertex's neighbours in the whole graph added (growing the view on demand).
   *
   * @param source the system the scope was made from
   * @param v a shown vertex
   * @param loaded the modules loaded in the simulated kernel
   * @return the grown scope
   */
  public Scope expand(GraphSource source, Vertex v, Set<String> loaded) {
    Graph<Vertex, Edge> all = source.whole().graph();
    Set<Vertex> shown = new LinkedHashSet<>();
    nodes.forEach(n -> shown.add(n.vertex()));
    if (all.containsVertex(v)) {
      for (Edge e : all.edgesOf(v)) {
        shown.add(all.getEdgeSource(e));
        shown.add(all.getEdgeTarget(e));
      }
    }
    // the links shown so far stay (a plan's graph has vertices the whole graph lacks)
    Graph<Vertex, Edge> g = graph();
    for (Vertex s : shown) {
      g.addVertex(s);
    }
    for (Edge e : all.edgeSet()) {
      Vertex s = all.getEdgeSource(e);
      Vertex t = all.getEdgeTarget(e);
      if (shown.contains(s) && shown.contains(t) && !hasLink(g, s, t, e.kind())) {
        g.addEdge(s, t, new Edge(e.kind()));
      }
    }
    return build(title, detail, source, loaded, shown, g, order(), errors);
  }

  /**
   * This scope with the loaded modules changed: modules become {@link Status#LOADED} or {@link
   * Status#MODULE}, every other node, the links and the order stay (so a layout of this scope fits
   * the result).
   *
   * @param loaded the modules loaded in the simulated kernel
   * @return the recoloured scope
   */
  public Scope withLoaded(Set<String> loaded) {
    List<Node> recoloured = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      Status s = n.status();
      if (s == Status.MODULE || s == Status.LOADED) {
        s = loaded.contains(n.vertex().name()) ? Status.LOADED : Status.MODULE;
      }
      recoloured.add(s == n.status() ? n : new Node(n.vertex(), n.label(), n.order(), s));
    }
    return new Scope(title, detail, recoloured, links, errors);
  }

  private static boolean hasLink(Graph<Vertex, Edge> g, Vertex s, Vertex t, EdgeKind kind) {
    for (Edge e : g.getAllEdges(s, t)) {
      if (e.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /**
   * The vertex a name stands for in a graph: a module or builtin of that name, else an alias.
   *
   * @param g the graph
   * @param name the name
   * @return the vertex, if any
   */
  public static Optional<Vertex> find(Graph<Vertex, Edge> g, String name) {
    String module = name.replace('-', '_');
    for (Vertex v :
        List.of(
            new Vertex.Module(module),
            new Vertex.Builtin(module),
            new Vertex.Alias(name),
            new Vertex.Off(name))) {
      if (g.containsVertex(v)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static Scope build(
      String title,
      Detail detail,
      GraphSource source,
      Set<String> loaded,
      Collection<Vertex> vertices,
      Graph<Vertex, Edge> g,
      Map<Vertex, Integer> order,
      List<String> errors) {
    List<Vertex> sorted = new ArrayList<>(vertices);
    sorted.sort(
        Comparator.comparingInt((Vertex v) -> order.getOrDefault(v, Integer.MAX_VALUE))
            .thenComparingInt(Scope::kindRank)
            .thenComparing(Vertex::name)
            .thenComparing(Vertex::toString));
    Set<String> blacklisted = source.blacklisted();
    List<Node> nodes = new ArrayList<>(sorted.size());
    Map<Vertex, Integer> at = new HashMap<>();
    for (Vertex v : sorted) {
      at.put(v, nodes.size());
      int place = order.getOrDefault(v, 0);
      nodes.add(new Node(v, label(v, place), place, status(v, source, blacklisted, loaded)));
    }
    List<Link> links = new ArrayList<>();
    for (Vertex v : sorted) {
      if (!g.containsVertex(v)) {
        continue;
      }
      for (Edge e : g.outgoingEdgesOf(v)) {
        Integer to = at.get(g.getEdgeTarget(e));
        if (to != null) {
          links.add(new Link(at.get(v), to, e.kind()));
        }
      }
    }
    return new Scope(title, detail, nodes, links, errors);
  }

  private static int kindRank(Vertex v) {
    if (v instanceof Vertex.Alias) {
      return 0;
    } else if (v instanceof Vertex.Module) {
      return 1;
    } else if (v instanceof Vertex.Builtin) {
      return 2;
    } else if (v instanceof Vertex.Off) {
      return 3;
    }
    return 4;
  }

  private static String label(Vertex v, int place) {
    String name = v instanceof Vertex.Command c ? c.name() + " " + shorten(c.command()) : v.name();
    return place > 0 ? place + ". " + name : name;
  }

  private static String shorten(String command) {
    return command.length() <= 40 ? command : command.substring(0, 39) + "…";
  }

  private static Status status(
      Vertex v, GraphSource source, Set<String> blacklisted, Set<String> loaded) {
    if (v instanceof Vertex.Off) {
      return Status.OFF;
    } else if (v instanceof Vertex.Builtin) {
      return Status.BUILTIN;
    } else if (v instanceof Vertex.Alias) {
      return Status.ALIAS;
    } else if (v instanceof Vertex.Command) {
      return Status.COMMAND;
    } else if (source.isMissing(v)) {
      return Status.MISSING;
    } else if (blacklisted.contains(v.name())) {
      return Status.BLACKLISTED;
    } else if (loaded.contains(v.name())) {
      return Status.LOADED;
    }
    return Status.MODULE;
  }
}
