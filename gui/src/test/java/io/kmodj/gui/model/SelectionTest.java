package io.kmodj.gui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmodj.gui.model.Selection.Selected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared selection tells every listener, once per change, who selected what. */
class SelectionTest {
  @Test
  void listenersHearEachChangeOnceWithItsSource() {
    Selection s = new Selection();
    List<Selected> heard = new ArrayList<>();
    s.currentProperty().addListener((o, was, now) -> heard.add(now));

    Selected graph = Selected.name("snd_hda_intel", "graph");
    s.select(graph);
    s.select(Selected.name("snd_hda_intel", "graph")); // equal: no change
    s.select(Selected.nameAt("snd_hda_intel", Path.of("a.conf"), 3, "outline"));
    s.clear();

    assertThat(heard).extracting(Selected::source).containsExactly("graph", "outline", "");
    assertThat(heard.get(1).location()).hasValue(new Selection.Location(Path.of("a.conf"), 3));
    assertThat(s.current().isEmpty()).isTrue();
    assertThat(graph.isEmpty()).isFalse();
  }

  @Test
  void aLineStartsAtOne() {
    assertThatThrownBy(() -> Selected.line(Path.of("a.conf"), 0, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
