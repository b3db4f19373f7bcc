package io.kmodj.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.index.ModuleIndex;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleGraphTest {
  @Test
  void hardDependencyCycleIsNamedWhole() {
    ModuleGraph g = ModuleGraph.empty();
    Vertex a = new Vertex.Module("a");
    Vertex b = new Vertex.Module("b");
    Vertex c = new Vertex.Module("c");
    g.connect(b, c, EdgeKind.HARD);
    g.connect(c, a, EdgeKind.HARD);
    g.connect(a, b, EdgeKind.HARD);
    g.connect(a, c, EdgeKind.SOFT_PRE);
    List<List<Vertex>> cycles = g.cycles(EnumSet.of(EdgeKind.HARD));
    assertThat(cycles).extracting(ModuleGraph::describe).containsExactly("a -> b -> c -> a");
  }

  @Test
  void softdepLoopOfCaseC05IsFoundAndTheDebianIndexHasNoHardCycle() throws Exception {
    Path dir =
        Path.of(
            getClass()
                .getResource(
                    "/kernels/debian-6.1.0-47-cloud-amd64/lib/modules/6.1.0-47-cloud-amd64")
                .toURI());
    ModuleIndex index = ModuleIndex.load(dir.toString());
    ModuleConfig.Builder b = new ModuleConfig.Builder();
    ModprobeDFrontEnd.readFile(
        "s.conf",
        """
        softdep virtio_net pre: crc32c_generic post: dummy
        softdep dummy pre: virtio_net
        softdep loopa pre: loopb
        softdep loopb pre: loopa
        """,
        b);
    ModuleGraph g = ModuleGraph.of(index, b.build());
    assertThat(g.cycles(EnumSet.of(EdgeKind.HARD))).isEmpty();
    assertThat(g.cycles(EnumSet.of(EdgeKind.SOFT_PRE, EdgeKind.SOFT_POST)))
        .extracting(ModuleGraph::describe)
        .containsExactly("dummy -> virtio_net -> dummy", "loopa -> loopb -> loopa");
  }
}
