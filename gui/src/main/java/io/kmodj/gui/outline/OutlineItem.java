package io.kmodj.gui.outline;

import io.kmodj.gui.model.Selection.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of the outline: a group (a kind of entry, a file, the built-in defaults, an {@code if}
 * branch) or one configuration line, with what became of it. Immutable.
 *
 * @param kind what the node is
 * @param text what it shows ({@code alias eth0 ne2k-pci}, {@code Aliases})
 * @param name the module or alias name the line is about, when it is about one
 * @param place the file, as the engine names it, and line ({@code modprobe.d/a.conf:3}); empty for
 *     a group
 * @param location the line to open, when the place is a file on disk (not the kernel command line
 *     or modutils' built-in defaults)
 * @param applied whether the line takes effect (false: hidden file, an earlier or later line won,
 *     an {@code if} branch not taken)
 * @param note why it does not apply, or what it expanded to; empty when there is nothing to say
 * @param children the nodes under it, in order
 */
public record OutlineItem(
    Kind kind,
    String text,
    Optional<String> name,
    String place,
    Optional<Location> location,
    boolean applied,
    String note,
    List<OutlineItem> children) {
  /** What a node is. */
  public enum Kind {
    /** A heading: a kind of entry, the files, the built-in defaults. */
    GROUP,
    /** A configuration line. */
    ENTRY,
    /** An {@code if}, {@code elseif} or {@code else} line, its body under it. */
    BRANCH,
    /** A configuration file read or passed over. */
    FILE
  }

  public OutlineItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(note, "note");
    children = List.copyOf(children);
  }

  /**
   * A heading over some nodes; its text gets their count.
   *
   * @param title the heading
   * @param children the nodes
   * @return the group
   */
  public static OutlineItem group(String title, List<OutlineItem> children) {
    return new OutlineItem(
        Kind.GROUP,
        title + " (" + children.size() + ")",
        Optional.empty(),
        "",
        Optional.empty(),
        true,
        "",
        children);
  }

  /** The same node with other children (a filtered view). */
  OutlineItem withChildren(List<OutlineItem> now) {
    if (kind == Kind.GROUP) {
      String title = text.replaceFirst(" \\(\\d+\\)$", "");
      return group(title, now);
    }
    return new OutlineItem(kind, text, name, place, location, applied, note, now);
  }

  /**
   * Whether the node or one under it matches a filter: its text, name, place or note contains the
   * words (case-insensitive).
   *
   * @param filter the words, lower case
   * @return whether it matches
   */
  boolean matches(String filter) {
    String all =
        (text + " " + name.orElse("") + " " + place + " " + note)
            .toLowerCase(java.util.Locale.ROOT);
    return all.contains(filter);
  }

  /**
   * The nodes a filter keeps: those matching, and every group or branch with a match under it (a
   * matching group keeps all its nodes).
   *
   * @param filter the text typed, any case; blank keeps everything
   * @return this node filtered, empty when nothing in it matches
   */
  public Optional<OutlineItem> filtered(String filter) {
    String f = filter.strip().toLowerCase(java.util.Locale.ROOT);
    if (f.isEmpty()) {
      return Optional.of(this);
    }
    return filteredBy(f);
  }

  private Optional<OutlineItem> filteredBy(String f) {
    if (kind != Kind.GROUP && matches(f)) {
      return Optional.of(this);
    }
    List<OutlineItem> kept = new java.util.ArrayList<>();
    for (OutlineItem c : children) {
      c.filteredBy(f).ifPresent(kept::add);
    }
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(withChildren(kept));
  }
}
