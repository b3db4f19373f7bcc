package io.kmodj.gui.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the desktop remembers between runs (kept in {@code gui.json} by {@link GuiStateStore}): the
 * window's size, the panes' {@link Workbench.Layout}, the recently opened files (newest first, at
 * most {@value #MAX_RECENT}) and the file open last.
 *
 * @param width the window's width in pixels
 * @param height the window's height in pixels
 * @param layout the docked panes' arrangement
 * @param recent the recently opened files, newest first, absolute, without repeats
 * @param last the file open when the application closed, if any
 */
public record GuiState(
    double width, double height, Workbench.Layout layout, List<Path> recent, Optional<Path> last) {
  /** How many recent files are remembered. */
  public static final int MAX_RECENT = 10;

  /** The smallest window size restored (a saved size below it is raised to it). */
  static final double MIN_WIDTH = 400;

  /** The smallest window height restored. */
  static final double MIN_HEIGHT = 300;

  /** The state of a first start. */
  public static final GuiState DEFAULT =
      new GuiState(1280, 800, Workbench.Layout.DEFAULT, List.of(), Optional.empty());

  /** Normalises: sizes raised to the minimum, recent files made absolute, unique and capped. */
  public GuiState {
    width = Double.isFinite(width) ? Math.max(MIN_WIDTH, width) : 1280;
    height = Double.isFinite(height) ? Math.max(MIN_HEIGHT, height) : 800;
    Objects.requireNonNull(layout, "layout");
    List<Path> unique = new ArrayList<>();
    for (Path p : recent) {
      Path abs = p.toAbsolutePath().normalize();
      if (!unique.contains(abs) && unique.size() < MAX_RECENT) {
        unique.add(abs);
      }
    }
    recent = List.copyOf(unique);
    last = last.map(p -> p.toAbsolutePath().normalize());
  }

  /**
   * This state after opening a file: the file first among the recent ones, and the last one.
   *
   * @param file the file opened
   * @return the new state
   */
  public GuiState opened(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    List<Path> list = new ArrayList<>();
    list.add(abs);
    list.addAll(recent);
    return new GuiState(width, height, layout, list, Optional.of(abs));
  }

  /**
   * This state without a file in the recent list (it no longer exists).
   *
   * @param file the file to forget
   * @return the new state
   */
  public GuiState forgetting(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    List<Path> list = new ArrayList<>(recent);
    list.remove(abs);
    return new GuiState(width, height, layout, list, last.filter(p -> !p.equals(abs)));
  }
}
