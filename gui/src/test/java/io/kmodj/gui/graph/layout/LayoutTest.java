package io.kmodj.gui.graph.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private static final NodeSizer SIZER = NodeSizer.estimate();

  private static GraphLayout elk(Scope s) {
    return LayeredLayout.layout(s, SIZER, Progress.NONE);
  }

  private static GraphLayout depth(Scope s) {
    return DepthLayout.layout(s, SIZER, Progress.NONE);
  }

  private static void assertNoOverlap(GraphLayout g) {
    for (int i = 0; i < g.size(); i++) {
      for (int j = i + 1; j < g.size(); j++) {
        boolean apart =
            g.x()[i] + g.w()[i] <= g.x()[j]
                || g.x()[j] + g.w()[j] <= g.x()[i]
                || g.y()[i] + g.h()[i] <= g.y()[j]
                || g.y()[j] + g.h()[j] <= g.y()[i];
        assertThat(apart).as("nodes %d and %d overlap", i, j).isTrue();
      }
    }
  }

  private static boolean onBorder(GraphLayout g, int i, double px, double py) {
    double e = 1.0;
    double l = g.x()[i];
    double r = l + g.w()[i];
    double t = g.y()[i];
    double b = t + g.h()[i];
    boolean inside = px >= l - e && px <= r + e && py >= t - e && py <= b + e;
    boolean edge =
        Math.abs(px - l) <= e
            || Math.abs(px - r) <= e
            || Math.abs(py - t) <= e
            || Math.abs(py - b) <= e;
    return inside && edge;
  }

  private static void assertRouted(Scope s, GraphLayout g) {
    assertThat(g.edges()).hasSize(s.links().size());
    for (int k = 0; k < s.links().size(); k++) {
      Scope.Link l = s.links().get(k);
      double[] p = g.edges().get(k);
      assertThat(p.length).as("edge %s has a start and an end", l).isGreaterThanOrEqualTo(4);
      assertThat(onBorder(g, l.from(), p[0], p[1])).as("%s starts at its source", l).isTrue();
      assertThat(onBorder(g, l.to(), p[p.length - 2], p[p.length - 1]))
          .as("%s ends at its target", l)
          .isTrue();
    }
    for (int i = 0; i < g.size(); i++) {
      assertThat(g.x()[i] + g.w()[i]).isLessThanOrEqualTo(g.width() + 1e-6);
      assertThat(g.y()[i] + g.h()[i]).isLessThanOrEqualTo(g.height() + 1e-6);
      assertThat(g.w()[i]).isGreaterThanOrEqualTo(SIZER.boxWidth(s.nodes().get(i).label()));
    }
  }

  private static void assertSame(GraphLayout a, GraphLayout b) {
    assertThat(a.x()).containsExactly(b.x());
    assertThat(a.y()).containsExactly(b.y());
    assertThat(a.edges()).hasSameSizeAs(b.edges());
    for (int k = 0; k < a.edges().size(); k++) {
      assertThat(a.edges().get(k)).containsExactly(b.edges().get(k));
    }
  }

  @Test
  void elkLaysAPlanOutReproduciblyWithoutOverlapsAndWithEveryEdgeRouted() throws IOException {
    GraphSource src = Samples.modern();
    for (String name : new String[] {"bonding", "eth-virtio", "virtio_blk"}) {
      Scope s = Scope.plan(src, name, Set.of());
      GraphLayout g = elk(s);

      assertNoOverlap(g);
      assertRouted(s, g);
      assertSame(g, elk(Scope.plan(src, name, Set.of())));
    }
  }

  @Test
  void elkPutsWhatIsNeededRightOfWhatNeedsIt() throws IOException {
    Scope s = Scope.plan(Samples.modern(), "bonding", Set.of());
    GraphLayout g = elk(s);

    for (Scope.Link l : s.links()) {
      assertThat(g.x()[l.to()]).as("%s", l).isGreaterThan(g.x()[l.from()]);
    }
  }

  @Test
  void elkLaysOutAModutilsPlanWithItsHooks() throws IOException {
    Scope s = Scope.plan(Samples.modutils(), "sound-slot-0", Set.of());
    GraphLayout g = elk(s);

    assertNoOverlap(g);
    assertRouted(s, g);
  }

  @Test
  void theDepthLayoutLaysTheWholeSystemOutReproducibly() throws IOException {
    for (Function<Void, Scope> make :
        java.util.List.<Function<Void, Scope>>of(
            v -> {
              try {
                return Scope.whole(Samples.modern(), Set.of());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            v -> {
              try {
                return Scope.whole(Samples.modutils(), Set.of());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })) {
      Scope s = make.apply(null);
      GraphLayout g = depth(s);

      assertThat(g.size()).isEqualTo(s.nodes().size()).isGreaterThan(20);
      assertNoOverlap(g);
      assertRouted(s, g);
      assertSame(g, depth(make.apply(null)));
    }
  }

  @Test
  void theDepthLayoutPutsDependenciesInLaterColumnsAndSurvivesCycles() throws IOException {
    Scope s = Scope.plan(Samples.modern(), "bonding", Set.of());
    GraphLayout g = depth(s);
    for (Scope.Link l : s.links()) {
      assertThat(g.x()[l.to()]).as("%s", l).isGreaterThan(g.x()[l.from()]);
    }
  }

  @Test
  void aCancelledLayoutStops() throws IOException {
    Scope s = Scope.plan(Samples.modern(), "bonding", Set.of());
    Progress cancelled =
        new Progress() {
          @Override
          public void worked(double fraction) {}

          @Override
          public boolean cancelled() {
            return true;
          }
        };

    assertThatThrownBy(() -> LayeredLayout.layout(s, SIZER, cancelled))
        .isInstanceOf(Cancelled.class);
    assertThatThrownBy(() -> DepthLayout.layout(s, SIZER, cancelled)).isInstanceOf(Cancelled.class);
  }

  @Test
  void elkReportsProgress() throws IOException {
    Scope s = Scope.plan(Samples.modern(), "bonding", Set.of());
    double[] last = {0};
    LayeredLayout.layout(
        s,
        SIZER,
        new Progress() {
          @Override
          public void worked(double fraction) {
            last[0] = Math.max(last[0], fraction);
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        });
    assertThat(last[0]).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
  }
}
