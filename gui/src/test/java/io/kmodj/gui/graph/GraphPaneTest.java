package io.kmodj.gui.graph;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.graph.EdgeKind;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.Vertex;
import io.kmodj.gui.graph.layout.DepthLayout;
import io.kmodj.gui.graph.layout.GraphLayout;
import io.kmodj.gui.graph.layout.GraphSource;
import io.kmodj.gui.graph.layout.NodeSizer;
import io.kmodj.gui.graph.layout.Progress;
import io.kmodj.gui.graph.layout.Samples;
import io.kmodj.gui.graph.layout.Scope;
import io.kmodj.gui.graph.layout.Status;
import io.kmodj.gui.model.Workers;
import io.kmodj.gui.sim.FxTesting;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The graph pane, headless: modes, selection, search, growing the view, colours, export. */
class GraphPaneTest {
  @TempDir Path tmp;
  private final FxRobot robot = new FxRobot();
  private GraphPane pane;

  private void show(GraphSource source) throws Exception {
    Stage stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          pane = new GraphPane(source);
          stage.setScene(new Scene(pane, 1200, 760));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    if (pane != null) {
      GraphPane p = pane;
      onFx(
          () -> {
            p.dispose();
            return null;
          });
    }
    FxToolkit.cleanupStages();
  }

  /** Runs a show method on the FX thread and waits until its scope is shown. */
  private Scope shown(Supplier<CompletableFuture<Scope>> show) throws Exception {
    CompletableFuture<Scope> f = onFx(show::get);
    Scope s = f.get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    return s;
  }

  private static List<String> names(List<Vertex> vs) {
    return vs.stream().map(Vertex::name).toList();
  }

  private Scope scope() {
    return onFx(() -> pane.scope().orElseThrow());
  }

  private Point2D onScreen(Vertex v) {
    return onFx(
        () ->
            pane.canvas().localToScreen(pane.pointOf(v).orElseThrow(() -> new AssertionError(v))));
  }

  private void typeInto(String id, String text) {
    TextField f = robot.lookup(id).queryAs(TextField.class);
    onFx(
        () -> {
          f.clear();
          return null;
        });
    robot.clickOn(f).write(text);
  }

  private Label label(String id) {
    return robot.lookup(id).queryAs(Label.class);
  }

  private List<String> edgeLegend() {
    return onFx(
        () ->
            pane.lookupAll("#graph-edge-legend > .label").stream()
                .map(n -> ((Label) n).getText())
                .toList());
  }

  @Test
  void theToolbarShowsWhatModprobeLoadsNumberedInItsOrder() throws Exception {
    show(Samples.modern());
    typeInto("#graph-name", "bonding");
    robot.clickOn("#graph-show");
    await(
        "the plan of bonding is shown",
        () -> pane.scope().isPresent() && !pane.busyProperty().get());

    Scope s = scope();
    assertThat(s.title()).isEqualTo("modprobe bonding");
    // kmod 30's --show-depends bonding on the sample (README), numbered as the view draws them
    assertThat(names(s.loadOrder()))
        .containsExactly("tls", "mrp", "llc", "stp", "garp", "8021q", "bonding", "dummy");
    assertThat(s.nodes()).extracting(Scope.Node::label).startsWith("1. tls", "2. mrp");
    assertThat(onFx(() -> pane.graphLayout().orElseThrow().size())).isEqualTo(8);
    assertThat(onFx(() -> label("#graph-status").getText()))
        .isEqualTo("8 nodes, " + s.links().size() + " edges");
    assertThat(onFx(() -> label("#graph-notice").isVisible())).isFalse();
    // the legend names the edge kinds shown, each drawn its own way
    assertThat(edgeLegend())
        .containsExactlyInAnyOrder("dependency", "softdep pre:", "softdep post:");
  }

  @Test
  void clickingANodeSelectsItAndTheArrowKeysWalkTheGraph() throws Exception {
    show(Samples.modern());
    shown(() -> pane.showPlan("bonding"));
    Vertex bonding = new Vertex.Module("bonding");

    robot.clickOn(onScreen(bonding));
    assertThat(onFx(() -> pane.selectedProperty().get())).isEqualTo(bonding);
    // the hover line names the node and counts its edges
    assertThat(onFx(() -> label("#graph-status").getText())).startsWith("bonding (module) — ");

    robot.clickOn(onScreen(new Vertex.Module("stp")));
    assertThat(onFx(() -> pane.selectedProperty().get())).isEqualTo(new Vertex.Module("stp"));
    // stp needs llc: right goes to its child, left back to where it came from
    robot.type(KeyCode.RIGHT);
    assertThat(onFx(() -> pane.selectedProperty().get())).isEqualTo(new Vertex.Module("llc"));
    robot.type(KeyCode.LEFT);
    assertThat(onFx(() -> pane.selectedProperty().get())).isEqualTo(new Vertex.Module("stp"));

    // a selection made elsewhere (the editor, the outline) is followed
    onFx(
        () -> {
          pane.selectedProperty().set(new Vertex.Module("tls"));
          return null;
        });
    robot.type(KeyCode.RIGHT);
    assertThat(onFx(() -> pane.selectedProperty().get()))
        .as("tls needs nothing")
        .isEqualTo(new Vertex.Module("tls"));
  }

  @Test
  void theModesShowWhoNeedsANameAndTheWholeSystem() throws Exception {
    GraphSource src = Samples.modern();
    show(src);
    @SuppressWarnings("unchecked") // the mode box is a ComboBox<Mode> by construction
    ComboBox<GraphPane.Mode> mode = robot.lookup("#graph-mode").queryAs(ComboBox.class);
    onFx(
        () -> {
          mode.setValue(GraphPane.Mode.NEEDED_BY);
          return null;
        });
    typeInto("#graph-name", "llc");
    robot.type(KeyCode.ENTER);
    await("who needs llc is shown", () -> pane.scope().isPresent() && !pane.busyProperty().get());

    Scope needers = scope();
    assertThat(needers.title()).isEqualTo("who needs llc");
    // llc and every module with a path to it, nothing else
    assertThat(needers.nodes())
        .extracting(n -> n.vertex().name())
        .contains("llc", "stp", "8021q", "bonding")
        .doesNotContain("tls", "dummy");
    for (Scope.Node n : needers.nodes()) {
      assertThat(Scope.neededBy(src, "llc", Set.of()).indexOf(n.vertex())).isPresent();
    }

    onFx(
        () -> {
          mode.setValue(GraphPane.Mode.WHOLE);
          return null;
        });
    robot.clickOn("#graph-show");
    await(
        "the whole system is shown",
        () ->
            pane.scope().map(s -> s.detail() == Scope.Detail.LOW).orElse(false)
                && !pane.busyProperty().get());
    Scope whole = scope();
    assertThat(whole.nodes()).hasSize(src.whole().graph().vertexSet().size());
    // the whole system is meant to be low detail: no notice
    assertThat(onFx(() -> label("#graph-notice").isVisible())).isFalse();
  }

  @Test
  void searchShowsTheMatchingNamesAndFindMovesToOne() throws Exception {
    show(Samples.modern());
    Scope s = shown(() -> pane.showSearch("virtio"));

    assertThat(s.nodes()).isNotEmpty().allMatch(n -> n.vertex().name().contains("virtio"));
    assertThat(s.nodes()).extracting(n -> n.vertex().name()).contains("virtio_blk", "virtio_net");

    typeInto("#graph-find", "virtio_blk");
    robot.type(KeyCode.ENTER);
    Vertex blk = new Vertex.Module("virtio_blk");
    assertThat(onFx(() -> pane.selectedProperty().get())).isEqualTo(blk);
    // centred in the view
    Point2D at = onFx(() -> pane.pointOf(blk).orElseThrow());
    double w = onFx(() -> pane.canvas().getWidth());
    double h = onFx(() -> pane.canvas().getHeight());
    assertThat(at.getX()).isCloseTo(w / 2, org.assertj.core.data.Offset.offset(1.0));
    assertThat(at.getY()).isCloseTo(h / 2, org.assertj.core.data.Offset.offset(1.0));

    assertThat(onFx(() -> pane.findInView("no-such-thing"))).isFalse();
    assertThat(onFx(() -> label("#graph-status").getText()))
        .isEqualTo("no shown name contains no-such-thing");
  }

  @Test
  void doubleClickingANodeAddsItsNeighbours() throws Exception {
    GraphSource src = Samples.modern();
    show(src);
    Scope before = shown(() -> pane.showPlan("stp"));
    Vertex llc = new Vertex.Module("llc");
    var whole = src.whole().graph();
    assertThat(whole.edgesOf(llc).size())
        .as("llc has neighbours the plan of stp does not show")
        .isGreaterThan(before.nodes().size() - 1);

    robot.doubleClickOn(onScreen(llc));
    await(
        "the view grew",
        () ->
            pane.scope().orElseThrow().nodes().size() > before.nodes().size()
                && !pane.busyProperty().get());

    Scope after = scope();
    for (var e : whole.edgesOf(llc)) {
      assertThat(after.indexOf(whole.getEdgeSource(e))).isPresent();
      assertThat(after.indexOf(whole.getEdgeTarget(e))).isPresent();
    }
    // what was shown stays, numbered as before, and the node grown from is still selected
    assertThat(names(after.loadOrder())).isEqualTo(names(before.loadOrder()));
    assertThat(onFx(() -> pane.selectedProperty().get())).isEqualTo(llc);
    assertThat(onFx(() -> pane.graphLayout().orElseThrow().size())).isEqualTo(after.nodes().size());
  }

  @Test
  void loadedModulesAreColouredAsSuch() throws Exception {
    show(Samples.modern());
    onFx(
        () -> {
          pane.setLoaded(Set.of("llc"));
          return null;
        });
    Scope s = shown(() -> pane.showPlan("bonding"));
    int llc = s.indexOf(new Vertex.Module("llc")).orElseThrow();
    int stp = s.indexOf(new Vertex.Module("stp")).orElseThrow();
    assertThat(s.nodes().get(llc).status()).isEqualTo(Status.LOADED);
    assertThat(s.nodes().get(stp).status()).isEqualTo(Status.MODULE);

    // and drawn so: the fill just inside each box's left border
    assertThat(fillOf(new Vertex.Module("llc"))).isEqualTo(Color.web(Status.LOADED.colour()));
    assertThat(fillOf(new Vertex.Module("stp"))).isEqualTo(Color.web(Status.MODULE.colour()));
    assertThat(fillOf(new Vertex.Module("dummy")))
        .isEqualTo(Color.web(Status.BLACKLISTED.colour()));
  }

  /** The colour drawn a few pixels inside a node's box, left of its label. */
  private Color fillOf(Vertex v) {
    return onFx(
        () -> {
          GraphLayout g = pane.graphLayout().orElseThrow();
          int i = pane.scope().orElseThrow().indexOf(v).orElseThrow();
          Point2D centre = pane.pointOf(v).orElseThrow();
          double left = centre.getX() - g.w()[i] / 2 * pane.zoom();
          Image shot = pane.canvas().snapshot(null, null);
          Color c = shot.getPixelReader().getColor((int) Math.round(left + 4), (int) centre.getY());
          return Color.color(
              Math.round(c.getRed() * 255) / 255.0,
              Math.round(c.getGreen() * 255) / 255.0,
              Math.round(c.getBlue() * 255) / 255.0);
        });
  }

  @Test
  void exportsWritePngSvgAndDotAtomicallyKeepingThePreviousVersion() throws Exception {
    show(Samples.modern());
    Scope s = shown(() -> pane.showPlan("bonding"));
    Path png = tmp.resolve("bonding.png");
    Path svg = tmp.resolve("bonding.svg");
    Path dot = tmp.resolve("bonding.dot");
    Files.writeString(dot, "old\n");

    onFx(
        () -> {
          pane.exportPng(png);
          pane.exportSvg(svg);
          pane.exportDot(dot);
          return null;
        });

    var image = ImageIO.read(png.toFile());
    GraphLayout g = onFx(() -> pane.graphLayout().orElseThrow());
    assertThat(image.getWidth()).isGreaterThanOrEqualTo((int) g.width());
    assertThat(image.getHeight()).isGreaterThanOrEqualTo((int) g.height());
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
    assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(8);
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(s.links().size());
    String dotText = Files.readString(dot, StandardCharsets.UTF_8);
    assertThat(dotText).startsWith("digraph").contains("bonding", "8021q", "tls");
    // the previous version is kept beside it, and no temporary file is left
    assertThat(tmp.resolve("bonding.dot~")).hasContent("old");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("bonding.png", "bonding.svg", "bonding.dot", "bonding.dot~");
    }

    // a second export replaces the file and keeps the first as the backup
    byte[] first = Files.readAllBytes(png);
    shown(() -> pane.showPlan("virtio_blk"));
    onFx(
        () -> {
          pane.exportPng(png);
          return null;
        });
    assertThat(Files.readAllBytes(tmp.resolve("bonding.png~"))).isEqualTo(first);
    assertThat(Files.readAllBytes(png)).isNotEqualTo(first);
  }

  /** A system of {@code n} modules that all need one, {@code base}. */
  private static GraphSource star(int n) {
    ModuleGraph g = ModuleGraph.empty();
    Vertex base = new Vertex.Module("base");
    g.graph().addVertex(base);
    for (int i = 0; i < n; i++) {
      g.connect(new Vertex.Module(String.format("m%05d", i)), base, EdgeKind.HARD);
    }
    return new GraphSource() {
      @Override
      public ModuleGraph whole() {
        return g;
      }

      @Override
      public Plan plan(String name) {
        return new Plan(ModuleGraph.empty().graph(), Map.of(), List.of(name + ": not planned"));
      }

      @Override
      public Set<String> blacklisted() {
        return Set.of();
      }

      @Override
      public boolean isMissing(Vertex v) {
        return false;
      }
    };
  }

  @Test
  void aScopeTooBigForTheLayeredLayoutIsDrawnByDepthWithANotice() throws Exception {
    GraphSource src = star(GraphPane.ELK_LIMIT + 20);
    show(src);
    Scope s = shown(() -> pane.showNeededBy("base"));

    assertThat(s.detail()).isEqualTo(Scope.Detail.FULL);
    assertThat(s.nodes()).hasSize(GraphPane.ELK_LIMIT + 21);
    assertThat(onFx(() -> label("#graph-notice").isVisible())).isTrue();
    assertThat(onFx(() -> label("#graph-notice").getText()))
        .startsWith((GraphPane.ELK_LIMIT + 21) + " nodes are more than the layered layout")
        .contains("drawn by depth");
    // the layout the pane chooses for it is the depth layout's
    NodeSizer sizer = NodeSizer.estimate();
    GraphLayout chosen = GraphPane.layOut(s, sizer, Progress.NONE);
    GraphLayout depth = DepthLayout.layout(s, sizer, Progress.NONE);
    assertThat(chosen.x()).containsExactly(depth.x());
    assertThat(chosen.y()).containsExactly(depth.y());

    // a scope within the limit is ELK's again, and the notice goes
    shown(() -> pane.showSearch("m0000"));
    assertThat(onFx(() -> label("#graph-notice").isVisible())).isFalse();
  }

  @Test
  void writesTheGraphScreenshots() throws Exception {
    show(Samples.modern());
    onFx(
        () -> {
          pane.setLoaded(Set.of("llc"));
          return null;
        });
    shown(() -> pane.showPlan("bonding"));
    // hovering 8021q highlights its edges and neighbours
    robot.moveTo(onScreen(new Vertex.Module("8021q")));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(FxTesting.screenshot(pane, "graph.png")).exists();

    FxToolkit.setupFixture(() -> pane.dispose());
    FxToolkit.cleanupStages();
    show(Samples.modutils());
    shown(() -> pane.showPlan("sound-slot-0"));
    assertThat(FxTesting.screenshot(pane, "graph-modutils.png")).exists();
  }

  @Test
  void anErrorInTheLayoutWorkerEndsLayingOutAndIsReported() throws Exception {
    GraphSource modern = Samples.modern();
    GraphSource broken =
        new GraphSource() {
          @Override
          public ModuleGraph whole() {
            return modern.whole();
          }

          @Override
          public Plan plan(String name) {
            throw new StackOverflowError("planning " + name + " recursed");
          }

          @Override
          public Set<String> blacklisted() {
            return modern.blacklisted();
          }

          @Override
          public boolean isMissing(Vertex v) {
            return modern.isMissing(v);
          }
        };
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable stop = Workers.onFailure((task, e) -> reported.add(task + ": " + e));
    try {
      show(broken);
      CompletableFuture<Scope> f = onFx(() -> pane.showPlan("bonding"));
      await("the layout gave up", () -> f.isCompletedExceptionally() && !pane.busyProperty().get());
      assertThat(onFx(() -> label("#graph-status").getText()))
          .isEqualTo("layout failed: java.lang.StackOverflowError: planning bonding recursed");
      assertThat(reported)
          .containsExactly("graph layout: java.lang.StackOverflowError: planning bonding recursed");
    } finally {
      stop.run();
    }
  }

  @Test
  void showingAGraphAfterDisposeLeavesThePaneAlone() throws Exception {
    show(Samples.modern());
    Scope bonding = shown(() -> pane.showPlan("bonding"));
    String status = onFx(() -> label("#graph-status").getText());
    onFx(
        () -> {
          pane.dispose();
          return null;
        });

    CompletableFuture<Scope> f = onFx(() -> pane.showPlan("dummy"));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(f).isCancelled();
    assertThat(onFx(() -> pane.busyProperty().get())).isFalse();
    assertThat(onFx(() -> label("#graph-status").getText())).isEqualTo(status);
    assertThat(onFx(() -> pane.scope().orElseThrow().title())).isEqualTo(bonding.title());
    assertThat(onFx(() -> robot.lookup("#graph-name").queryAs(TextField.class).getText()))
        .isEqualTo("bonding");
  }

  @Test
  void disposeCancelsTheLayoutBeingMadeAndItsResultIsDropped() throws Exception {
    GraphSource modern = Samples.modern();
    java.util.concurrent.CountDownLatch planning = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch planned = new java.util.concurrent.CountDownLatch(1);
    GraphSource slow =
        new GraphSource() {
          @Override
          public ModuleGraph whole() {
            return modern.whole();
          }

          @Override
          public Plan plan(String name) {
            planning.countDown();
            // not interruptible on purpose: the result comes back after dispose
            boolean released = false;
            while (!released) {
              try {
                released = release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                // dispose interrupts the worker; finish anyway, as a busy layout would
              }
            }
            try {
              return modern.plan(name);
            } finally {
              planned.countDown();
            }
          }

          @Override
          public Set<String> blacklisted() {
            return modern.blacklisted();
          }

          @Override
          public boolean isMissing(Vertex v) {
            return modern.isMissing(v);
          }
        };
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable stop = Workers.onFailure((task, e) -> reported.add(task + ": " + e));
    try {
      show(slow);
      CompletableFuture<Scope> f = onFx(() -> pane.showPlan("bonding"));
      assertThat(planning.await(30, TimeUnit.SECONDS)).isTrue();

      // cancelled by dispose itself, not later by the worker
      assertThat(
              onFx(
                  () -> {
                    pane.dispose();
                    return f.isCancelled();
                  }))
          .isTrue();
      release.countDown();
      assertThat(planned.await(30, TimeUnit.SECONDS)).isTrue();
      WaitForAsyncUtils.waitForFxEvents();

      assertThat(onFx(() -> pane.scope())).isEmpty();
      assertThat(onFx(() -> pane.graphLayout())).isEmpty();
      assertThat(reported).isEmpty();
    } finally {
      release.countDown();
      stop.run();
    }
  }
}
