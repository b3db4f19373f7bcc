package io.kmodj.engine.graph;

import java.util.Objects;

/**
 * An edge of the module graph. Each edge is its own object, so two vertices may be joined by edges
 * of several kinds.
 */
public final class Edge {
  private final EdgeKind kind;

  /**
   * An edge of a kind.
   *
   * @param kind the kind
   */
  public Edge(EdgeKind kind) {
    this.kind = Objects.requireNonNull(kind);
  }

  /** The kind. */
  public EdgeKind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
