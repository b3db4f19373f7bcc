package io.kmodj.bench;

import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.gui.graph.layout.DepthLayout;
import io.kmodj.gui.graph.layout.GraphLayout;
import io.kmodj.gui.graph.layout.GraphSource;
import io.kmodj.gui.graph.layout.LayeredLayout;
import io.kmodj.gui.graph.layout.NodeSizer;
import io.kmodj.gui.graph.layout.Progress;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The graph pane's work on a real kernel tree, without JavaFX: opening the system (index and
 * configuration, as the desktop does when it starts), the plan of a heavy module ({@code btrfs})
 * made into a scope and laid out by ELK, and the whole system at low detail (the depth layout).
 * {@link Sizes} lays out scopes of a given number of nodes (the first N names of the tree, with the
 * edges between them) with ELK, to choose the view's ELK_LIMIT. The tree comes from {@code
 * -Dkmodj.tree=ROOT} and {@code -Dkmodj.version=VERSION} (bench/run.sh passes the full Debian
 * tree); its configuration is an empty modprobe.d. Single shots: the desktop does each once per
 * request.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class GraphLayoutBenchmark {
  private static final NodeSizer SIZER = NodeSizer.estimate();

  static SystemSpec spec() throws IOException {
    String root = System.getProperty("kmodj.tree");
    String version = System.getProperty("kmodj.version");
    if (root == null || version == null) {
      throw new IllegalStateException("give -Dkmodj.tree=ROOT -Dkmodj.version=VERSION");
    }
    Path empty = Files.createTempDirectory("kmodj-bench-empty.d");
    return new SystemSpec(
        Optional.of(root), Optional.of(version), List.of(empty.toString()), Optional.empty());
  }

  /** The system, opened once. */
  @State(Scope.Benchmark)
  public static class Tree {
    SystemSpec spec;
    GraphSource source;

    @Setup(Level.Trial)
    public void open() throws IOException {
      spec = spec();
      source = GraphSource.of(ModuleSystem.load(spec));
    }
  }

  /** Opening the system: what the desktop does before it can draw anything. */
  @Benchmark
  public GraphSource open(Tree t) throws IOException {
    GraphSource s = GraphSource.of(ModuleSystem.load(t.spec));
    s.whole();
    return s;
  }

  /** What {@code modprobe btrfs} loads: the plan, its scope and ELK's layout. */
  @Benchmark
  public GraphLayout btrfsClosure(Tree t) {
    io.kmodj.gui.graph.layout.Scope s =
        io.kmodj.gui.graph.layout.Scope.plan(t.source, "btrfs", Set.of());
    return LayeredLayout.layout(s, SIZER, Progress.NONE);
  }

  /** The whole system at low detail: its scope and the depth layout. */
  @Benchmark
  public GraphLayout wholeLowDetail(Tree t) {
    io.kmodj.gui.graph.layout.Scope s = io.kmodj.gui.graph.layout.Scope.whole(t.source, Set.of());
    return DepthLayout.layout(s, SIZER, Progress.NONE);
  }

  /** Scopes of N nodes for ELK, made once per size. */
  @State(Scope.Benchmark)
  public static class Sizes {
    /** How many nodes. */
    @Param({"250", "500", "1000", "1500", "2000", "3000"})
    public int nodes;

    io.kmodj.gui.graph.layout.Scope scope;

    @Setup(Level.Trial)
    public void make() throws IOException {
      GraphSource source = GraphSource.of(ModuleSystem.load(spec()));
      scope = io.kmodj.gui.graph.layout.Scope.search(source, "", nodes, Set.of());
      System.out.println(
          "scope: " + scope.nodes().size() + " nodes, " + scope.links().size() + " edges");
    }

    /** The layout thread's CPU time per layout, beside JMH's wall time (the machine is shared). */
    @TearDown(Level.Trial)
    public void report() {
      System.out.printf(
          Locale.ROOT, "cpu: %.0f ms per layout of %d nodes%n", cpuNanos / 1e6 / runs, nodes);
    }

    long cpuNanos;
    int runs;
  }

  /** ELK's layered layout of a scope of N nodes. */
  @Benchmark
  public GraphLayout elkOfSize(Sizes s) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long before = mx.getCurrentThreadCpuTime();
    GraphLayout g = LayeredLayout.layout(s.scope, SIZER, Progress.NONE);
    s.cpuNanos += mx.getCurrentThreadCpuTime() - before;
    s.runs++;
    return g;
  }
}
