package io.kmodj.gui.graph.layout;

import io.kmodj.engine.graph.EdgeKind;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes a laid-out scope as a standalone SVG 1.1 document: a titled group per node (a rounded box
 * in its status colour and its label) and a polyline with an arrowhead per edge in its kind's
 * {@link EdgeStyle}, as the view draws them.
 */
public final class SvgWriter {
  private SvgWriter() {}

  /**
   * Writes the document.
   *
   * @param scope the scope
   * @param layout its layout
   * @param out where to write (not closed)
   * @throws IOException when writing fails
   */
  public static void write(Scope scope, GraphLayout layout, Writer out) throws IOException {
    double margin = 10;
    double width = layout.width() + 2 * margin;
    double height = layout.height() + 2 * margin;
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\""
            + num(width)
            + "\" height=\""
            + num(height)
            + "\" viewBox=\"0 0 "
            + num(width)
            + " "
            + num(height)
            + "\">\n");
    out.write("<title>" + escape(scope.title()) + "</title>\n");
    out.write("<defs>");
    for (EdgeKind k : EdgeKind.values()) {
      out.write(
          "<marker id=\"arrow-"
              + kind(k)
              + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
              + " markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
              + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\""
              + EdgeStyle.of(k).colour()
              + "\"/></marker>");
    }
    out.write("</defs>\n");
    out.write(
        "<g transform=\"translate("
            + num(margin)
            + ","
            + num(margin)
            + ")\" font-family=\"sans-serif\" font-size=\"12\">\n");
    for (int i = 0; i < scope.links().size(); i++) {
      Scope.Link l = scope.links().get(i);
      double[] p = layout.edges().get(i);
      StringBuilder pts = new StringBuilder();
      for (int k = 0; k + 1 < p.length; k += 2) {
        if (k > 0) {
          pts.append(' ');
        }
        pts.append(num(p[k])).append(',').append(num(p[k + 1]));
      }
      out.write(
          "<polyline class=\"edge "
              + kind(l.kind())
              + "\" points=\""
              + pts
              + "\" fill=\"none\" stroke=\""
              + EdgeStyle.of(l.kind()).colour()
              + "\" stroke-width=\"1.2\""
              + dash(l.kind())
              + " marker-end=\"url(#arrow-"
              + kind(l.kind())
              + ")\"/>\n");
    }
    for (int i = 0; i < scope.nodes().size(); i++) {
      Scope.Node n = scope.nodes().get(i);
      out.write("<g class=\"node " + n.status().label() + "\">");
      out.write("<title>" + escape(n.vertex().name()) + "</title>");
      out.write(
          "<rect x=\""
              + num(layout.x()[i])
              + "\" y=\""
              + num(layout.y()[i])
              + "\" width=\""
              + num(layout.w()[i])
              + "\" height=\""
              + num(layout.h()[i])
              + "\" rx=\"4\" fill=\""
              + n.status().colour()
              + "\" stroke=\"#333333\"/>");
      out.write(
          "<text x=\""
              + num(layout.x()[i] + NodeSizer.PADDING)
              + "\" y=\""
              + num(layout.y()[i] + layout.h()[i] / 2 + 4)
              + "\">"
              + escape(n.label())
              + "</text></g>\n");
    }
    out.write("</g>\n</svg>\n");
    out.flush();
  }

  private static String kind(EdgeKind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String dash(EdgeKind k) {
    String d = EdgeStyle.of(k).svgDashes();
    return d.isEmpty() ? "" : " stroke-dasharray=\"" + d + "\"";
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  /**
   * Escapes text for XML content and attributes.
   *
   * @param s the text
   * @return the escaped text
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
      }
    }
    return b.toString();
  }
}
