package io.kmodj.engine.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes between two configurations' entries: each kind's entries, in reading order, compared
 * as sequences of texts (Myers' algorithm, java-diff-utils), so a line added, removed, replaced or
 * moved before another of its kind is a change, and one moved to another file without changing the
 * order is none.
 */
final class EntryDiff {
  /** A change and the items it is made of. */
  record Delta(ConfigChange change, List<Item> before, List<Item> after) {}

  private EntryDiff() {}

  static List<Delta> diff(List<Item> before, List<Item> after) {
    Map<String, List<Item>> b = byKind(before);
    Map<String, List<Item>> a = byKind(after);
    List<String> kinds = new ArrayList<>(b.keySet());
    for (String k : a.keySet()) {
      if (!kinds.contains(k)) {
        kinds.add(k);
      }
    }
    List<Delta> out = new ArrayList<>();
    for (String k : kinds) {
      List<Item> x = b.getOrDefault(k, List.of());
      List<Item> y = a.getOrDefault(k, List.of());
      Patch<String> patch = DiffUtils.diff(texts(x), texts(y));
      for (AbstractDelta<String> d : patch.getDeltas()) {
        int sp = d.getSource().getPosition();
        int tp = d.getTarget().getPosition();
        List<Item> was = x.subList(sp, sp + d.getSource().size());
        List<Item> now = y.subList(tp, tp + d.getTarget().size());
        ConfigChange.Kind kind =
            was.isEmpty()
                ? ConfigChange.Kind.ADDED
                : now.isEmpty() ? ConfigChange.Kind.REMOVED : ConfigChange.Kind.CHANGED;
        out.add(
            new Delta(
                new ConfigChange(kind, lines(was), lines(now)),
                List.copyOf(was),
                List.copyOf(now)));
      }
    }
    out.sort(
        Comparator.comparing((Delta d) -> first(d).origin().file())
            .thenComparingInt(d -> first(d).origin().line()));
    return out;
  }

  private static Item first(Delta d) {
    return d.after().isEmpty() ? d.before().get(0) : d.after().get(0);
  }

  private static Map<String, List<Item>> byKind(List<Item> items) {
    Map<String, List<Item>> m = new LinkedHashMap<>();
    for (Item i : items) {
      m.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(i);
    }
    return m;
  }

  private static List<String> texts(List<Item> items) {
    List<String> t = new ArrayList<>(items.size());
    for (Item i : items) {
      t.add(i.text());
    }
    return t;
  }

  private static List<ConfigLine> lines(List<Item> items) {
    List<ConfigLine> l = new ArrayList<>(items.size());
    for (Item i : items) {
      l.add(i.line());
    }
    return l;
  }
}
