package io.kmodj.gui.app;

import javafx.application.Application;

/**
 * Starts the desktop application: {@code ./kmodj gui [FILE]}. A plain main class, so that JavaFX
 * runs from the class path rather than needing the module path.
 */
public final class GuiMain {
  private GuiMain() {}

  /**
   * Launches {@link KmodjApp}.
   *
   * @param args an optional file to open
   */
  public static void main(String[] args) {
    Application.launch(KmodjApp.class, args);
  }
}
