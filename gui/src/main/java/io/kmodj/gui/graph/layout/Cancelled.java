package io.kmodj.gui.graph.layout;

/** Thrown by a layout whose {@link Progress} said it was cancelled. */
public final class Cancelled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A cancellation. */
  public Cancelled() {
    super("layout cancelled", null, false, false);
  }
}
