package io.kmodj.gui.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one current selection every pane shows: a module or alias name, a place in a file, or both. A
 * click in the graph, the outline or the parameters calls {@link #select}; every pane listens to
 * {@link #currentProperty()} and shows the same thing. A pane ignores changes whose {@link
 * Selected#source()} is itself, so that following a selection never echoes back.
 *
 * <pre>{@code
 * selection.select(Selected.name("snd_hda_intel", "graph"));
 * selection.currentProperty().addListener((o, was, now) -> {
 *   if (!now.source().equals("outline")) { now.name().ifPresent(this::reveal); }
 * });
 * }</pre>
 *
 * <p>Confined to the FX thread.
 */
public final class Selection {
  /**
   * A place in a file.
   *
   * @param file the file (as the editor opened it)
   * @param line the line, from 1
   */
  public record Location(Path file, int line) {
    public Location {
      Objects.requireNonNull(file, "file");
      if (line < 1) {
        throw new IllegalArgumentException("line " + line + " < 1");
      }
    }
  }

  /**
   * What is selected.
   *
   * @param name a module, alias or other configured name, if the selection is about one
   * @param location a file and line, if the selection is about one
   * @param source who selected it: a pane's {@code PaneId#source()} ({@code "outline"}, {@code
   *     "graph"}, …) or any other word; empty for nobody in particular
   */
  public record Selected(Optional<String> name, Optional<Location> location, String source) {
    /** Nothing selected. */
    public static final Selected NONE = new Selected(Optional.empty(), Optional.empty(), "");

    public Selected {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(source, "source");
    }

    /**
     * A name.
     *
     * @param name the name
     * @param source who selects
     * @return the selection
     */
    public static Selected name(String name, String source) {
      return new Selected(Optional.of(name), Optional.empty(), source);
    }

    /**
     * A line of a file.
     *
     * @param file the file
     * @param line the line, from 1
     * @param source who selects
     * @return the selection
     */
    public static Selected line(Path file, int line, String source) {
      return new Selected(Optional.empty(), Optional.of(new Location(file, line)), source);
    }

    /**
     * A name written on a line of a file.
     *
     * @param name the name
     * @param file the file
     * @param line the line, from 1
     * @param source who selects
     * @return the selection
     */
    public static Selected nameAt(String name, Path file, int line, String source) {
      return new Selected(Optional.of(name), Optional.of(new Location(file, line)), source);
    }

    /** Whether nothing is selected. */
    public boolean isEmpty() {
      return name.isEmpty() && location.isEmpty();
    }
  }

  private final ReadOnlyObjectWrapper<Selected> current =
      new ReadOnlyObjectWrapper<>(this, "current", Selected.NONE);

  /** The current selection, never null ({@link Selected#NONE} when nothing is selected). */
  public ReadOnlyObjectProperty<Selected> currentProperty() {
    return current.getReadOnlyProperty();
  }

  /** The current selection. */
  public Selected current() {
    return current.get();
  }

  /**
   * Selects something; listeners hear of it unless it equals the current selection.
   *
   * @param s what to select
   */
  public void select(Selected s) {
    current.set(Objects.requireNonNull(s, "s"));
  }

  /** Selects nothing. */
  public void clear() {
    current.set(Selected.NONE);
  }
}
