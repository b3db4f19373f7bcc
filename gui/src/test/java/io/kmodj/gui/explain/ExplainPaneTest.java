package io.kmodj.gui.explain;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection.Location;
import io.kmodj.gui.sim.FxTesting;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The explain pane on the bundled samples: what it shows, its links, stale results dropped. */
class ExplainPaneTest {
  private static final Path MODERN = FxTesting.samples().resolve("modern").toAbsolutePath();
  private static final Path LEGACY = FxTesting.samples().resolve("modutils").toAbsolutePath();
  private static final String RELEASE = "6.1.0-47-cloud-amd64";

  private final FxRobot robot = new FxRobot();
  private final List<Location> opened = new CopyOnWriteArrayList<>();
  private ExplainPane pane;

  @BeforeEach
  void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        stage -> {
          pane = new ExplainPane(opened::add);
          stage.setScene(new Scene(new javafx.scene.layout.StackPane(pane.node()), 700, 900));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.setupFixture(() -> pane.close());
    FxToolkit.cleanupStages();
  }

  private static LoadedSystem modern() throws Exception {
    return LoadedSystem.load(
        new SystemSpec(
            Optional.of(MODERN.toString()),
            Optional.of(RELEASE),
            List.of(MODERN.resolve("etc/modprobe.d").toString()),
            Optional.empty(),
            Optional.of(Dialect.KMOD)),
        ConfigOverlay.NONE);
  }

  private static LoadedSystem legacy() throws Exception {
    return LoadedSystem.load(
        new SystemSpec(
            Optional.of(LEGACY.toString()),
            Optional.of("2.4.27"),
            List.of(LEGACY.resolve("etc/modules.conf").toString()),
            Optional.empty(),
            Optional.of(Dialect.MODUTILS)),
        ConfigOverlay.NONE);
  }

  private void explain(LoadedSystem s, String... names) {
    onFx(
        () -> {
          pane.setSystem(s);
          for (String n : names) {
            pane.show(n);
          }
          return null;
        });
  }

  private void awaitShown(String query) {
    await(
        "the explanation of " + query,
        () -> pane.explanation().map(e -> e.query().equals(query)).orElse(false));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private List<String> texts(String styleClass) {
    return onFx(
        () ->
            robot.lookup("." + styleClass).queryAll().stream().map(ExplainPaneTest::text).toList());
  }

  private static String text(Node n) {
    if (n instanceof Label l) {
      return l.getText();
    }
    if (n instanceof FlowPane f) {
      StringBuilder sb = new StringBuilder();
      for (Node c : f.getChildren()) {
        sb.append(sb.length() == 0 ? "" : " ").append(text(c));
      }
      return sb.toString();
    }
    if (n instanceof Hyperlink h) {
      return h.getText();
    }
    return "";
  }

  private Hyperlink link(String text) {
    return onFx(
        () ->
            robot.lookup(".explain-link").queryAllAs(Hyperlink.class).stream()
                .filter(h -> h.getText().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link " + text)));
  }

  @Test
  void nfsdShowsItsLookupPlanAndConfigurationLineAsALink() throws Exception {
    explain(modern(), "nfsd");
    awaitShown("nfsd");
    assertThat(robot.lookup("#explain-heading").queryAs(Label.class).getText())
        .isEqualTo("nfsd (kmod)");
    assertThat(texts("explain-lookup-step"))
        .anySatisfy(t -> assertThat(t).startsWith("2. module names").contains("answers: nfsd"));
    assertThat(texts("explain-plan-step"))
        .contains(
            "insmod sunrpc: hard dependency of nfsd (modules.dep)",
            "insmod nfsd: the module nfsd names");
    Path ko = MODERN.resolve("lib/modules/" + RELEASE);
    assertThat(texts("explain-plan-line"))
        .containsExactly(
            "insmod " + ko.resolve("kernel/net/sunrpc/sunrpc.ko") + " ",
            "insmod " + ko.resolve("kernel/fs/nfs_common/grace.ko") + " ",
            "insmod " + ko.resolve("kernel/fs/lockd/lockd.ko") + " ",
            "insmod " + ko.resolve("kernel/fs/nfs_common/nfs_acl.ko") + " ",
            "insmod " + ko.resolve("kernel/net/sunrpc/auth_gss/auth_rpcgss.ko") + " ",
            "builtin md5",
            "insmod " + ko.resolve("kernel/fs/nfsd/nfsd.ko") + " ");
    assertThat(texts("explain-config-line"))
        .containsExactly(RELEASE + "/modules.softdep:2 softdep nfsd pre: crypto-md5");
    assertThat(texts("explain-config-reason"))
        .containsExactly("    applied: loads its modules around nfsd");

    // following the link asks to open the file at the line
    Hyperlink softdep = link(RELEASE + "/modules.softdep:2");
    robot.clickOn(softdep);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(opened).contains(new Location(ko.resolve("modules.softdep"), 2));
  }

  @Test
  void anOptionsLineOfAConfigurationFileLinksToItsLine() throws Exception {
    explain(modern(), "loop");
    awaitShown("loop");
    assertThat(texts("explain-config-line"))
        .containsExactly("modprobe.d/20-storage.conf:2 options loop max_loop=16");
    onFx(
        () -> {
          link("modprobe.d/20-storage.conf:2").fire();
          return null;
        });
    assertThat(opened)
        .containsExactly(new Location(MODERN.resolve("etc/modprobe.d/20-storage.conf"), 2));
  }

  @Test
  void aResultForAnEarlierNameIsDropped() throws Exception {
    explain(modern(), "loop", "btrfs", "nfsd");
    awaitShown("nfsd");
    // the earlier requests finished before the last one and were never shown after it
    Thread.sleep(200);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> pane.explanation().orElseThrow().query())).isEqualTo("nfsd");
    assertThat(texts("explain-plan-step")).contains("insmod nfsd: the module nfsd names");
    assertThat(texts("explain-plan-step")).noneMatch(t -> t.contains("loop"));
  }

  @Test
  void aNameUnknownToTheSystemSaysModprobeFails() throws Exception {
    explain(modern(), "no-such-thing");
    awaitShown("no-such-thing");
    assertThat(robot.lookup("#explain-heading").queryAs(Label.class).getText())
        .isEqualTo("no-such-thing (kmod): modprobe fails (exit 1)");
    assertThat(texts("explain-note"))
        .containsExactly("nothing answered: modprobe reports the name as not found");
    assertThat(texts("explain-message"))
        .anySatisfy(
            m -> assertThat(m).startsWith("modprobe: FATAL: Module no-such-thing not found"));
  }

  @Test
  void modutilsAliasChainsAndBuiltInDefaultsAreExplained() throws Exception {
    explain(legacy(), "sound-slot-0");
    awaitShown("sound-slot-0");
    assertThat(robot.lookup("#explain-heading").queryAs(Label.class).getText())
        .isEqualTo("sound-slot-0 (modutils)");
    assertThat(texts("explain-lookup-step"))
        .anySatisfy(
            t ->
                assertThat(t).contains("alias sound-slot-0 -> sb").endsWith("etc/modules.conf:24"));
    assertThat(texts("explain-plan-step"))
        .anySatisfy(t -> assertThat(t).startsWith("pre-install sb: the pre-install command of sb"));
    // the built-in defaults have no file to open: plain text, not a link
    assertThat(texts("explain-config-line"))
        .anySatisfy(t -> assertThat(t).startsWith("(built-in defaults):95 alias char-major-14"));
    assertThat(
            onFx(
                () ->
                    robot.lookup(".explain-link").queryAllAs(Hyperlink.class).stream()
                        .map(Hyperlink::getText)
                        .toList()))
        .contains("etc/modules.conf:24")
        .noneMatch(t -> t.startsWith("(built-in"));
    onFx(
        () -> {
          link("etc/modules.conf:26").fire();
          return null;
        });
    assertThat(opened).containsExactly(new Location(LEGACY.resolve("etc/modules.conf"), 26));
  }
}
