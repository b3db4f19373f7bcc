package io.kmodj.gui.app;

import java.util.Locale;

/**
 * The panes of the {@link Workbench}, each with its View-menu shortcut. A pane is docked once
 * ({@link Workbench#dock}); its id names it in the saved layout, so the names must not change.
 */
public enum PaneId {
  /** The effective configuration as a tree. */
  OUTLINE("Shortcut+Alt+1"),
  /** The editor's file tabs. */
  EDITOR("Shortcut+Alt+2"),
  /** Syntax and check diagnostics of the open file. */
  PROBLEMS("Shortcut+Alt+3"),
  /** The module graph. */
  GRAPH("Shortcut+Alt+4"),
  /** A module's parameters. */
  PARAMETERS("Shortcut+Alt+5"),
  /** The simulated kernel. */
  SIMULATION("Shortcut+Alt+6"),
  /** Why a request does what it does. */
  EXPLAIN("Shortcut+Alt+7"),
  /** What an edit changes. */
  DIFF("Shortcut+Alt+8"),
  /** The kernel log and the application's messages. */
  LOG("Shortcut+Alt+9");

  private final String accelerator;

  PaneId(String accelerator) {
    this.accelerator = accelerator;
  }

  /** The View-menu shortcut that shows or hides the pane ({@code KeyCombination} syntax). */
  public String accelerator() {
    return accelerator;
  }

  /**
   * The pane's name as a {@link io.kmodj.gui.model.Selection.Selected#source()} and in node ids
   * ({@code pane-outline}): the id in lower case.
   */
  public String source() {
    return name().toLowerCase(Locale.ROOT);
  }
}
