package io.kmodj.gui.graph.layout;

/** How wide a label is drawn, so a layout makes each box fit its text. */
@FunctionalInterface
public interface NodeSizer {
  /** Node height, in the layout's units. */
  double HEIGHT = 22;

  /** Padding left and right of a label. */
  double PADDING = 8;

  /**
   * An estimate for a 12 px sans-serif font, for headless use (tests, benchmarks).
   *
   * @return the sizer
   */
  static NodeSizer estimate() {
    return label -> label.length() * 7.0;
  }

  /**
   * The width of a label's text.
   *
   * @param label the label
   * @return its width
   */
  double textWidth(String label);

  /**
   * The width of a node's box.
   *
   * @param label the label
   * @return text width plus padding
   */
  default double boxWidth(String label) {
    return Math.ceil(textWidth(label) + 2 * PADDING);
  }
}
