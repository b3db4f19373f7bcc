package io.kmodj.gui.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the desktop remembers between runs (kept in {@code gui.json} by {@link GuiStateStore}): the
 * window's size, the panes' {@link Workbench.Layout}, the recently opened files (newest first, at
 * most {@value #MAX_RECENT}; a directory opened as a whole is one of them), the file open last (the
 * active tab's) and the files open in tabs.
 *
 * @param width the window's width in pixels
 * @param height the window's height in pixels
 * @param layout the docked panes' arrangement
 * @param recent the recently opened files, newest first, absolute, without repeats
 * @param last the file open when the application closed, if any
 * @param open the files open in tabs when the application closed, in tab order, absolute
 */
public record GuiState(
    double width,
    double height,
    Workbench.Layout layout,
    List<Path> recent,
    Optional<Path> last,
    List<Path> open) {
  /** How many recent files are remembered. */
  public static final int MAX_RECENT = 10;

  /** The smallest window size restored (a saved size below it is raised to it). */
  static final double MIN_WIDTH = 400;

  /** The smallest window height restored. */
  static final double MIN_HEIGHT = 300;

  /** The state of a first start. */
  public static final GuiState DEFAULT =
      new GuiState(1280, 800, Workbench.Layout.DEFAULT, List.of(), Optional.empty(), List.of());

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
    List<Path> tabs = new ArrayList<>();
    for (Path p : open) {
      Path abs = p.toAbsolutePath().normalize();
      if (!tabs.contains(abs)) {
        tabs.add(abs);
      }
    }
    open = List.copyOf(tabs);
  }

  /**
   * A state with no open tabs remembered.
   *
   * @param width the window's width in pixels
   * @param height the window's height in pixels
   * @param layout the docked panes' arrangement
   * @param recent the recently opened files, newest first
   * @param last the file open when the application closed, if any
   */
  public GuiState(
      double width,
      double height,
      Workbench.Layout layout,
      List<Path> recent,
      Optional<Path> last) {
    this(width, height, layout, recent, last, List.of());
  }

  /**
   * This state with other files open in tabs.
   *
   * @param files the open files, in tab order
   * @return the new state
   */
  public GuiState withOpen(List<Path> files) {
    return new GuiState(width, height, layout, recent, last, files);
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
    return new GuiState(width, height, layout, list, Optional.of(abs), open);
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
    return new GuiState(width, height, layout, list, last.filter(p -> !p.equals(abs)), open);
  }
}
