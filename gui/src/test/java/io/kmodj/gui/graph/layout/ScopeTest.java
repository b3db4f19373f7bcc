package io.kmodj.gui.graph.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.graph.EdgeKind;
import io.kmodj.engine.graph.Vertex;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

  private static List<String> names(List<Vertex> vs) {
    return vs.stream().map(Vertex::name).toList();
  }

  @Test
  void planShowsWhatModprobeLoadsInItsOrder() throws IOException {
    Scope s = Scope.plan(Samples.modern(), "bonding", Set.of());

    // kmod 30's --show-depends bonding on the sample (README)
    assertThat(names(s.loadOrder()))
        .containsExactly("tls", "mrp", "llc", "stp", "garp", "8021q", "bonding", "dummy");
    assertThat(s.nodes()).hasSize(8);
    assertThat(s.nodes().get(0).label()).isEqualTo("1. tls");
    assertThat(s.links())
        .extracting(Scope.Link::kind)
        .contains(EdgeKind.HARD, EdgeKind.SOFT_PRE, EdgeKind.SOFT_POST);
    assertThat(s.errors()).isEmpty();
    // 90-blacklist.conf blacklists dummy
    assertThat(s.nodes().get(7).status()).isEqualTo(Status.BLACKLISTED);
    assertThat(s.nodes().get(6).status()).isEqualTo(Status.MODULE);
  }

  @Test
  void aModutilsPlanFollowsModutilsModprobe() throws IOException {
    Scope s = Scope.plan(Samples.modutils(), "sound-slot-0", Set.of("soundcore"));

    assertThat(names(s.loadOrder()))
        .containsExactly("soundcore", "sound", "uart401", "sb_lib", "sb");
    // the alias asked for, the hooks of sb, below edges
    assertThat(s.nodes())
        .extracting(n -> n.vertex().getClass().getSimpleName() + ":" + n.vertex().name())
        .contains("Alias:sound-slot-0", "Command:pre-install", "Command:post-install");
    assertThat(s.links()).extracting(Scope.Link::kind).contains(EdgeKind.BELOW, EdgeKind.ALIAS);
    Scope.Node soundcore = s.nodes().get(s.indexOf(new Vertex.Module("soundcore")).orElseThrow());
    assertThat(soundcore.status()).isEqualTo(Status.LOADED);
    assertThat(s.nodes().get(s.indexOf(new Vertex.Module("sb")).orElseThrow()).status())
        .isEqualTo(Status.MODULE);
  }

  @Test
  void anUnknownNameIsAnErrorNotAnException() throws IOException {
    Scope s = Scope.plan(Samples.modern(), "no_such_module", Set.of());

    assertThat(s.nodes()).isEmpty();
    assertThat(s.errors()).singleElement().asString().contains("no_such_module not found");
  }

  @Test
  void neededByIsTheReverseClosure() throws IOException {
    Scope s = Scope.neededBy(Samples.modern(), "llc", Set.of());

    assertThat(names(s.nodes().stream().map(Scope.Node::vertex).toList()))
        .contains("llc", "stp", "garp", "8021q", "bonding")
        .doesNotContain("tls", "dummy");
    // every shown node reaches llc
    assertThat(s.loadOrder()).isEmpty();
  }

  @Test
  void expandAddsTheNeighboursAndKeepsTheOrder() throws IOException {
    GraphSource src = Samples.modern();
    Scope s = Scope.neededBy(src, "tls", Set.of());
    assertThat(s.indexOf(new Vertex.Module("8021q"))).isEmpty();

    Scope grown = s.expand(src, new Vertex.Module("bonding"), Set.of());

    assertThat(grown.indexOf(new Vertex.Module("8021q"))).isPresent();
    assertThat(grown.indexOf(new Vertex.Module("dummy"))).isPresent();
    assertThat(grown.nodes().size()).isGreaterThan(s.nodes().size());

    Scope plan = Scope.plan(src, "bonding", Set.of());
    Scope planGrown = plan.expand(src, new Vertex.Module("tls"), Set.of());
    assertThat(planGrown.loadOrder()).isEqualTo(plan.loadOrder());
  }

  @Test
  void theWholeSystemIsLowDetailAndStatusesAreTold() throws IOException {
    Scope s = Scope.whole(Samples.modutils(), Set.of());

    assertThat(s.detail()).isEqualTo(Scope.Detail.LOW);
    assertThat(s.nodes()).extracting(Scope.Node::status).contains(Status.OFF, Status.ALIAS);
  }

  @Test
  void searchFindsByPartOfTheName() throws IOException {
    Scope s = Scope.search(Samples.modern(), "VIRTIO", 3, Set.of());

    assertThat(s.nodes()).hasSize(3);
    assertThat(s.nodes())
        .allSatisfy(n -> assertThat(n.vertex().name()).containsIgnoringCase("virtio"));
    assertThat(s.errors()).singleElement().asString().contains("the first 3 shown");
  }
}
