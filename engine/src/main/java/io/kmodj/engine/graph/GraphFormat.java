package io.kmodj.engine.graph;

import java.util.Locale;

/** The formats a graph can be written in. */
public enum GraphFormat {
  /** Graphviz DOT. */
  DOT,
  /** GraphML (XML), for yEd, Gephi and other graph tools. */
  GRAPHML,
  /** JSON: {@code {"nodes": [...], "edges": [...]}}, JGraphT's JSON format. */
  JSON;

  /** The lower-case word used on the command line. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
