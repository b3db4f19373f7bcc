package io.kmodj.gui.graph.layout;

import io.kmodj.engine.graph.EdgeKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an edge of each kind is drawn, the same in the view, its legend and the SVG export: a colour
 * and a dash pattern per kind, so that a dependency, a softdep's pre: and post:, a weakdep, an
 * alias, a command and modutils' probe, probeall, below and above can be told apart. What comes
 * before a module (pre:, below) is blue, what comes after (post:, above) orange; softdeps are
 * dashed, modutils' ordering has long dashes, a weakdep is dotted.
 */
public final class EdgeStyle {
  private static final Map<EdgeKind, EdgeStyle> STYLES = new EnumMap<>(EdgeKind.class);

  static {
    STYLES.put(EdgeKind.HARD, new EdgeStyle("#4d4d4d", new double[0], "dependency"));
    STYLES.put(EdgeKind.SOFT_PRE, new EdgeStyle("#1f6fd1", new double[] {6, 3}, "softdep pre:"));
    STYLES.put(EdgeKind.SOFT_POST, new EdgeStyle("#e07b00", new double[] {6, 3}, "softdep post:"));
    STYLES.put(EdgeKind.WEAK, new EdgeStyle("#8c8c8c", new double[] {1.5, 3}, "weakdep"));
    STYLES.put(EdgeKind.ALIAS, new EdgeStyle("#b8860b", new double[0], "alias"));
    STYLES.put(EdgeKind.COMMAND, new EdgeStyle("#7b3fa0", new double[] {8, 3, 2, 3}, "command"));
    STYLES.put(EdgeKind.PROBE, new EdgeStyle("#2e8b57", new double[0], "probe"));
    STYLES.put(EdgeKind.PROBEALL, new EdgeStyle("#2e8b57", new double[] {8, 3, 2, 3}, "probeall"));
    STYLES.put(EdgeKind.BELOW, new EdgeStyle("#1f6fd1", new double[] {12, 4}, "below"));
    STYLES.put(EdgeKind.ABOVE, new EdgeStyle("#e07b00", new double[] {12, 4}, "above"));
  }

  private final String colour;
  private final double[] dashes;
  private final String label;

  private EdgeStyle(String colour, double[] dashes, String label) {
    this.colour = Objects.requireNonNull(colour);
    this.dashes = dashes.clone();
    this.label = Objects.requireNonNull(label);
  }

  /** The stroke colour as {@code #rrggbb}. */
  public String colour() {
    return colour;
  }

  /** The dash pattern (lengths of dash and gap in turn), empty for a solid line; a copy. */
  public double[] dashes() {
    return dashes.clone();
  }

  /** What the legend calls the kind. */
  public String label() {
    return label;
  }

  /**
   * The style of a kind.
   *
   * @param kind the edge kind
   * @return its style
   */
  public static EdgeStyle of(EdgeKind kind) {
    return STYLES.get(kind);
  }

  /** The dash pattern as SVG's {@code stroke-dasharray} value, empty for a solid line. */
  public String svgDashes() {
    StringBuilder b = new StringBuilder();
    for (double d : dashes) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d));
    }
    return b.toString();
  }
}
