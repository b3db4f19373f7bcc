package io.kmodj.engine.graph;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.json.JSONExporter;

/**
 * Writes a module graph with jgrapht-io: every vertex with its kind, label and (when planned) its
 * place in the load order, every edge with its kind. DOT gets shapes and styles that tell the kinds
 * apart.
 */
public final class GraphExport {
  private GraphExport() {}

  /**
   * Writes a graph.
   *
   * @param graph the graph
   * @param order planned vertices' places in the load order (may be empty)
   * @param format the format
   * @param out where to write
   */
  public static void write(
      Graph<Vertex, Edge> graph, Map<Vertex, Integer> order, GraphFormat format, Writer out) {
    exporter(format, order).exportGraph(graph, out);
  }

  private static GraphExporter<Vertex, Edge> exporter(
      GraphFormat format, Map<Vertex, Integer> order) {
    Function<Vertex, Map<String, Attribute>> vertexAttributes =
        v -> vertexAttributes(v, order, format);
    Function<Edge, Map<String, Attribute>> edgeAttributes = e -> edgeAttributes(e, format);
    switch (format) {
      case DOT:
        {
          DOTExporter<Vertex, Edge> dot = new DOTExporter<>(v -> quote(id(v)));
          dot.setGraphIdProvider(() -> "kmodj");
          dot.setGraphAttributeProvider(
              () -> {
                Map<String, Attribute> a = new LinkedHashMap<>();
                a.put("rankdir", DefaultAttribute.createAttribute("LR"));
                return a;
              });
          dot.setVertexAttributeProvider(vertexAttributes);
          dot.setEdgeAttributeProvider(edgeAttributes);
          return dot;
        }
      case GRAPHML:
        {
          GraphMLExporter<Vertex, Edge> graphml = new GraphMLExporter<>(GraphExport::id);
          graphml.registerAttribute(
              "label", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
          graphml.registerAttribute(
              "kind", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
          graphml.registerAttribute(
              "order", GraphMLExporter.AttributeCategory.NODE, AttributeType.INT);
          graphml.registerAttribute(
              "command", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
          graphml.registerAttribute(
              "kind", GraphMLExporter.AttributeCategory.EDGE, AttributeType.STRING);
          graphml.setVertexAttributeProvider(vertexAttributes);
          graphml.setEdgeAttributeProvider(edgeAttributes);
          return graphml;
        }
      case JSON:
      default:
        {
          JSONExporter<Vertex, Edge> json = new JSONExporter<>(GraphExport::id);
          json.setVertexAttributeProvider(vertexAttributes);
          json.setEdgeAttributeProvider(edgeAttributes);
          return json;
        }
    }
  }

  /** A stable identifier: the kind and the name ({@code module:ext4}, {@code install:ext4}). */
  static String id(Vertex v) {
    return kind(v) + ":" + (v instanceof Vertex.Command c ? c.module() : v.name());
  }

  static String kind(Vertex v) {
    if (v instanceof Vertex.Module) {
      return "module";
    } else if (v instanceof Vertex.Builtin) {
      return "builtin";
    } else if (v instanceof Vertex.Alias) {
      return "alias";
    } else if (v instanceof Vertex.Off) {
      return "off";
    }
    return ((Vertex.Command) v).name();
  }

  private static Map<String, Attribute> vertexAttributes(
      Vertex v, Map<Vertex, Integer> order, GraphFormat format) {
    Map<String, Attribute> a = new LinkedHashMap<>();
    Integer place = order.get(v);
    String label = v instanceof Vertex.Command c ? c.name() + " " + c.command() : v.name();
    if (format == GraphFormat.DOT && place != null) {
      label = place + ". " + label;
    }
    a.put("label", DefaultAttribute.createAttribute(label));
    a.put("kind", DefaultAttribute.createAttribute(kind(v)));
    if (place != null) {
      a.put("order", DefaultAttribute.createAttribute(place));
    }
    if (v instanceof Vertex.Command c) {
      a.put("command", DefaultAttribute.createAttribute(c.command()));
    }
    if (format == GraphFormat.DOT) {
      a.put("shape", DefaultAttribute.createAttribute(shape(v)));
    }
    return a;
  }

  private static String shape(Vertex v) {
    if (v instanceof Vertex.Module) {
      return "box";
    } else if (v instanceof Vertex.Builtin) {
      return "box3d";
    } else if (v instanceof Vertex.Alias) {
      return "ellipse";
    } else if (v instanceof Vertex.Off) {
      return "octagon";
    }
    return "note";
  }

  private static Map<String, Attribute> edgeAttributes(Edge e, GraphFormat format) {
    Map<String, Attribute> a = new LinkedHashMap<>();
    String kind = e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    a.put(format == GraphFormat.DOT ? "label" : "kind", DefaultAttribute.createAttribute(kind));
    if (format == GraphFormat.DOT) {
      switch (e.kind()) {
        case SOFT_PRE:
        case SOFT_POST:
        case BELOW:
        case ABOVE:
          a.put("style", DefaultAttribute.createAttribute("dashed"));
          break;
        case PROBE:
        case PROBEALL:
          a.put("style", DefaultAttribute.createAttribute("bold"));
          a.put("arrowhead", DefaultAttribute.createAttribute("empty"));
          break;
        case WEAK:
          a.put("style", DefaultAttribute.createAttribute("dotted"));
          break;
        case ALIAS:
        case COMMAND:
          a.put("arrowhead", DefaultAttribute.createAttribute("empty"));
          break;
        case HARD:
        default:
          break;
      }
    }
    return a;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
