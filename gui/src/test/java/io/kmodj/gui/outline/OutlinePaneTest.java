package io.kmodj.gui.outline;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.Selection.Location;
import io.kmodj.gui.model.Selection.Selected;
import io.kmodj.gui.sim.FxTesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The outline pane on the bundled samples: what it lists, what it marks, the selection. */
class OutlinePaneTest {
  private static final Path MODERN = FxTesting.samples().resolve("modern").toAbsolutePath();
  private static final Path LEGACY = FxTesting.samples().resolve("modutils").toAbsolutePath();
  private static final String RELEASE = "6.1.0-47-cloud-amd64";

  @TempDir Path dir;
  private final FxRobot robot = new FxRobot();
  private final Selection selection = new Selection();
  private OutlinePane pane;

  @BeforeEach
  void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        stage -> {
          pane = new OutlinePane(selection);
          stage.setScene(new Scene(new StackPane(pane.node()), 700, 900));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.setupFixture(() -> pane.close());
    FxToolkit.cleanupStages();
  }

  private LoadedSystem kmod(List<String> configPaths, ConfigOverlay overlay) throws Exception {
    Path cmdline = dir.resolve("cmdline");
    Files.writeString(cmdline, "quiet loop.max_part=8\n");
    return LoadedSystem.load(
        new SystemSpec(
            Optional.of(MODERN.toString()),
            Optional.of(RELEASE),
            configPaths,
            Optional.of(cmdline.toString()),
            Optional.of(Dialect.KMOD)),
        overlay);
  }

  private LoadedSystem modern() throws Exception {
    return kmod(List.of(MODERN.resolve("etc/modprobe.d").toString()), ConfigOverlay.NONE);
  }

  private static LoadedSystem legacy(ConfigOverlay overlay) throws Exception {
    return LoadedSystem.load(
        new SystemSpec(
            Optional.of(LEGACY.toString()),
            Optional.of("2.4.27"),
            List.of(LEGACY.resolve("etc/modules.conf").toString()),
            Optional.empty(),
            Optional.of(Dialect.MODUTILS)),
        overlay);
  }

  private void show(LoadedSystem s) {
    onFx(
        () -> {
          pane.setSystem(s);
          return null;
        });
    await("the outline of the system", () -> pane.system().map(x -> x.equals(s)).orElse(false));
  }

  private static OutlineItem group(List<OutlineItem> items, String prefix) {
    return items.stream()
        .filter(i -> i.kind() == OutlineItem.Kind.GROUP && i.text().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + prefix + " in " + titles(items)));
  }

  private static List<String> titles(List<OutlineItem> items) {
    return items.stream().map(OutlineItem::text).toList();
  }

  private static OutlineItem line(OutlineItem group, String text) {
    return group.children().stream()
        .filter(i -> i.text().equals(text))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no line " + text + " in " + titles(group.children())));
  }

  /** The rows the tree shows now, each as its text. */
  private List<String> rows() {
    return onFx(
        () -> {
          List<String> out = new ArrayList<>();
          collect(pane.tree().getRoot(), out);
          return out;
        });
  }

  private static void collect(TreeItem<OutlineItem> t, List<String> out) {
    if (t == null) {
      return;
    }
    for (TreeItem<OutlineItem> c : t.getChildren()) {
      out.add(c.getValue().text());
      collect(c, out);
    }
  }

  @Test
  void theModernSampleIsGroupedByKindEachLineWithItsFileAndLine() throws Exception {
    show(modern());
    List<OutlineItem> o = onFx(pane::outline);
    assertThat(titles(o))
        .containsExactly(
            "Aliases (2)",
            "Options (4)",
            "Install commands (1)",
            "Blacklist (2)",
            "Softdeps (" + group(o, "Softdeps").children().size() + ")",
            "Files (" + group(o, "Files").children().size() + ")");
    OutlineItem alias = line(group(o, "Aliases"), "alias eth_virtio virtio_net");
    Path network = MODERN.resolve("etc/modprobe.d/10-network.conf");
    assertThat(alias.place()).isEqualTo(network + ":2");
    assertThat(alias.location()).contains(new Location(network, 2));
    // names as kmod stores them
    assertThat(alias.name()).contains("eth_virtio");
    assertThat(alias.applied()).isTrue();
    assertThat(line(group(o, "Options"), "options loop max_loop=16").place())
        .endsWith("20-storage.conf:2");
    // the kernel command line has no line to go to
    OutlineItem cmdline = line(group(o, "Options"), "options loop max_part=8");
    assertThat(cmdline.place()).isEqualTo(dir.resolve("cmdline").toString());
    assertThat(cmdline.location()).isEmpty();
    // modules.softdep of the module directory takes part under its own name
    assertThat(group(o, "Softdeps").children())
        .anySatisfy(s -> assertThat(s.place()).contains("modules.softdep:"))
        .anySatisfy(s -> assertThat(s.text()).isEqualTo("softdep bonding pre: 8021q post: dummy"));
    // kmod takes the first softdep of a module: modules.softdep's second btrfs line is not applied
    Path softdeps = MODERN.resolve("lib/modules/" + RELEASE + "/modules.softdep");
    OutlineItem sha = line(group(o, "Softdeps"), "softdep btrfs pre: sha256");
    assertThat(sha.applied()).isFalse();
    assertThat(sha.note()).isEqualTo("not applied: the earlier line " + softdeps + ":3 wins");
    assertThat(line(group(o, "Softdeps"), "softdep btrfs pre: blake2b-256").applied()).isTrue();
    assertThat(onFx(() -> robot.lookup("#outline-heading").queryLabeled().getText()))
        .startsWith("kmod: ");
  }

  @Test
  void aHiddenFileAndASecondInstallAreShownAsNotApplied() throws Exception {
    Path first = Files.createDirectories(dir.resolve("etc/modprobe.d"));
    Path second = Files.createDirectories(dir.resolve("lib/modprobe.d"));
    Files.writeString(first.resolve("a.conf"), "install loop /bin/true\n");
    Files.writeString(second.resolve("a.conf"), "alias hidden-alias loop\n");
    Files.writeString(second.resolve("b.conf"), "install loop /bin/false\n");
    show(kmod(List.of(first.toString(), second.toString()), ConfigOverlay.NONE));
    List<OutlineItem> o = onFx(pane::outline);

    OutlineItem installs = group(o, "Install commands");
    assertThat(line(installs, "install loop /bin/true").applied()).isTrue();
    OutlineItem lost = line(installs, "install loop /bin/false");
    assertThat(lost.applied()).isFalse();
    assertThat(lost.note()).isEqualTo("not applied: the earlier line " + first + "/a.conf:1 wins");
    OutlineItem hidden = line(group(o, "Aliases"), "alias hidden_alias loop");
    assertThat(hidden.applied()).isFalse();
    assertThat(hidden.note()).isEqualTo("not applied: the file is hidden by " + first + "/a.conf");
    assertThat(group(o, "Files").children())
        .anySatisfy(
            f -> {
              assertThat(f.text()).isEqualTo(second + "/a.conf");
              assertThat(f.applied()).isFalse();
            });
    // the tree shows the lost lines struck through
    await(
        "a row marked not applied",
        () ->
            robot.lookup(".outline-not-applied").queryAll().stream()
                .anyMatch(n -> n.lookup(".label") != null));
  }

  @Test
  void typingInTheBufferIsOutlinedWithTheUnsavedText() throws Exception {
    Path storage = MODERN.resolve("etc/modprobe.d/20-storage.conf");
    ConfigOverlay overlay =
        ConfigOverlay.NONE.with(
            storage, "options loop max_loop=64\n".getBytes(StandardCharsets.ISO_8859_1));
    show(kmod(List.of(MODERN.resolve("etc/modprobe.d").toString()), overlay));
    OutlineItem options = group(onFx(pane::outline), "Options");
    assertThat(line(options, "options loop max_loop=64").location())
        .contains(new Location(storage, 1));
    assertThat(titles(onFx(pane::outline))).noneMatch(t -> t.startsWith("Install"));
  }

  @Test
  void selectingALinePublishesItsNameAndPlaceAndASelectionElsewhereSelectsItsLine()
      throws Exception {
    show(modern());
    Path storage = MODERN.resolve("etc/modprobe.d/20-storage.conf");
    robot.clickOn("options loop max_loop=16");
    await(
        "the line is selected everywhere",
        () ->
            selection
                .current()
                .equals(
                    new Selected(
                        Optional.of("loop"),
                        Optional.of(new Location(storage, 2)),
                        OutlinePane.SOURCE)));

    // the graph selects a name: its first applied line is selected
    onFx(
        () -> {
          selection.select(Selected.name("eth-virtio", "graph"));
          return null;
        });
    await(
        "the alias line is selected",
        () ->
            pane.selected().map(i -> i.text().equals("alias eth_virtio virtio_net")).orElse(false));
    // the editor's caret on a line selects the line there
    onFx(
        () -> {
          selection.select(Selected.line(storage, 3, "editor"));
          return null;
        });
    await(
        "the install line is selected",
        () -> pane.selected().map(i -> i.text().startsWith("install virtio_blk")).orElse(false));
    // following never echoes back
    assertThat(selection.current().source()).isEqualTo("editor");
  }

  @Test
  void theFilterKeepsMatchingLinesAndTheirGroups() throws Exception {
    show(modern());
    robot.clickOn("#outline-filter").write("bond");
    await(
        "only the bonding lines are left",
        () -> {
          List<String> r = rows();
          return !r.isEmpty()
              && r.stream().noneMatch(t -> t.contains("loop"))
              && r.contains("alias bond* bonding");
        });
    assertThat(rows())
        .contains(
            "Aliases (1)", "alias bond* bonding", "options bonding mode=active-backup miimon=100");
  }

  @Test
  void modutilsShowsTheDefaultsLayerTheBranchesTakenAndTheLinesReplaced() throws Exception {
    show(legacy(ConfigOverlay.NONE));
    List<OutlineItem> o = onFx(pane::outline);
    assertThat(titles(o).get(0)).startsWith("Built-in defaults (modutils)");
    Path conf = LEGACY.resolve("etc/modules.conf");

    OutlineItem defaults = group(o, "Built-in defaults");
    OutlineItem defaultAliases = group(defaults.children(), "Aliases");
    OutlineItem floppy = line(defaultAliases, "alias block-major-2 floppy");
    // modules.conf says the same again: its line replaces the default's
    assertThat(floppy.applied()).isFalse();
    assertThat(floppy.place()).startsWith("(built-in defaults):");
    assertThat(floppy.location()).isEmpty();
    assertThat(floppy.note()).isEqualTo("not applied: replaced by " + conf + ":42");
    OutlineItem rd = line(defaultAliases, "alias block-major-1 rd");
    assertThat(rd.applied()).isTrue();
    assertThat(rd.note()).isEqualTo("built-in default");

    OutlineItem sb = line(group(o, "Aliases"), "alias sound-slot-0 sb");
    assertThat(sb.location()).contains(new Location(conf, 24));
    assertThat(
            line(
                    group(o, "Commands"),
                    "pre-install sb /bin/echo \"kmodj sample: setting up the SoundBlaster\"")
                .applied())
        .isTrue();
    assertThat(line(group(o, "Probes"), "probeall usb-interface usb-uhci usb-ohci").name())
        .contains("usb-interface");
    assertThat(line(group(o, "Below/above"), "below sb sound uart401").applied()).isTrue();

    OutlineItem branches = group(o, "Conditionals");
    OutlineItem uname = line(branches, "if `uname -r` == 2.4.27");
    assertThat(uname.applied()).isTrue();
    assertThat(uname.note()).isEqualTo("taken");
    assertThat(titles(uname.children())).containsExactly("alias net-pf-17 af_packet");
    OutlineItem orElse = line(branches, "else");
    assertThat(orElse.applied()).isFalse();
    assertThat(orElse.note()).isEqualTo("not taken: an earlier branch was");
    OutlineItem off = orElse.children().get(0);
    assertThat(off.text()).isEqualTo("alias net-pf-17 off");
    assertThat(off.applied()).isFalse();
    assertThat(off.note()).startsWith("not applied: in a branch not taken (else, " + conf + ":");
    // the options line under if -n $SOUND_DEBUG > 0 (0 > 0: not taken)
    OutlineItem debug = line(branches, "if -n $SOUND_DEBUG > 0");
    assertThat(debug.applied()).isFalse();
    assertThat(line(group(o, "Options"), "options soundcore debug=$SOUND_DEBUG").applied())
        .isFalse();
  }

  @Test
  void modutilsExpansionsAndAddLinesAreShown() throws Exception {
    Path conf = LEGACY.resolve("etc/modules.conf");
    String text =
        Files.readString(conf, StandardCharsets.ISO_8859_1)
            + "define IO 0x300\noptions ne2k-pci io=$IO\nadd options ne2k-pci irq=9\n";
    show(legacy(ConfigOverlay.NONE.with(conf, text.getBytes(StandardCharsets.ISO_8859_1))));
    OutlineItem options = group(onFx(pane::outline), "Options");
    assertThat(line(options, "options ne2k-pci full_duplex=1").note())
        .startsWith("not applied: replaced by " + conf + ":");
    OutlineItem io = line(options, "options ne2k-pci io=$IO");
    assertThat(io.applied()).isTrue();
    assertThat(io.note()).isEqualTo("expands to: io=0x300");
    assertThat(line(options, "add options ne2k-pci irq=9").applied()).isTrue();
  }
}
