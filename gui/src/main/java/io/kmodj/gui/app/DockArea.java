package io.kmodj.gui.app;

/** Where the {@link Workbench} docks a pane. */
public enum DockArea {
  /** The left column: the outline. */
  LEFT,
  /** The centre: the editor's file tabs, and views as big as it (the graph). */
  CENTER,
  /** The right column: inspectors (parameters, explain). */
  RIGHT,
  /** Under the centre: problems, simulation, log, diff. */
  BOTTOM
}
