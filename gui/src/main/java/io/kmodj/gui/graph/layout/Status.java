package io.kmodj.gui.graph.layout;

import java.util.Locale;

/** What a node of the view is, for its colour: one status per node, the first that holds. */
public enum Status {
  /** {@code off} or {@code null}: a name switched off (modutils). */
  OFF("#9e9e9e"),
  /** A module built into the kernel. */
  BUILTIN("#8e7cc3"),
  /** A module named but not in the index. */
  MISSING("#e06666"),
  /** A blacklisted module. */
  BLACKLISTED("#f6b26b"),
  /** A module loaded in the simulated kernel. */
  LOADED("#93c47d"),
  /** Any other module. */
  MODULE("#6fa8dc"),
  /** An alias, probe or probeall name, or a name asked for. */
  ALIAS("#ffe599"),
  /** An install, remove or hook command. */
  COMMAND("#d9d2e9");

  private final String colour;

  Status(String colour) {
    this.colour = colour;
  }

  /** The fill colour as {@code #rrggbb}. */
  public String colour() {
    return colour;
  }

  /** The name shown in the legend. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
