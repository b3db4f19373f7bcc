package io.kmodj.gui.sim;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ModuleFlag;
import io.kmodj.engine.kernel.SystemImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The simulation pane, headless: requests load modules, the lsmod table shows them, rmmod -a reaps.
 */
class SimulationPaneTest {
  @TempDir Path tmp;
  private final FxRobot robot = new FxRobot();
  private final ExecutorService kernelThread = Executors.newSingleThreadExecutor();
  private Simulation sim;
  private SimulationPane pane;

  private void show(SystemImage system) throws Exception {
    sim = new Simulation(system, tmp.resolve("persist"), Clock.systemUTC());
    Stage stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          pane = new SimulationPane(sim, kernelThread);
          stage.setScene(new Scene(pane.node(), 1000, 640));
          stage.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupStages();
    kernelThread.shutdownNow();
    if (sim != null) {
      sim.close();
    }
  }

  static SystemImage modern() {
    Path root = FxTesting.samples().resolve("modern");
    return new SystemImage(
        root.toString(),
        "6.1.0-47-cloud-amd64",
        "kmod",
        List.of(root.resolve("etc/modprobe.d").toString()));
  }

  static SystemImage modutils() {
    Path root = FxTesting.samples().resolve("modutils");
    return new SystemImage(
        root.toString(),
        "2.4.27",
        "modutils",
        List.of(root.resolve("etc/modules.conf").toString()));
  }

  /** Types into an emptied field, as a user selecting its text and typing over it would. */
  private void type(String id, String text) {
    TextField f = robot.lookup(id).queryAs(TextField.class);
    onFx(
        () -> {
          f.clear();
          return null;
        });
    robot.clickOn(f);
    if (!text.isEmpty()) {
      robot.write(text);
    }
  }

  private void request(String name) {
    type("#sim-request-name", name);
    robot.clickOn("#sim-request");
  }

  private List<String> shownModules() {
    return onFx(() -> pane.modules().stream().map(LoadedModule::name).toList());
  }

  @SuppressWarnings("unchecked") // the lsmod table is a TableView<LoadedModule> by construction
  private TableView<LoadedModule> lsmod() {
    return robot.lookup("#sim-lsmod").queryAs(TableView.class);
  }

  @Test
  void aRequestLoadsTheModulesAndTheLsmodTableShowsThem() throws Exception {
    show(modern());
    request("fs-nfsd");
    await(
        "nfsd is in the table",
        () -> pane.modules().stream().anyMatch(m -> m.name().equals("nfsd")));
    // the same modules, in the same order, as the kernel holds them
    assertThat(shownModules()).isEqualTo(sim.modules().stream().map(LoadedModule::name).toList());
    // newest first, as lsmod lists them
    assertThat(shownModules()).contains("sunrpc", "lockd").startsWith("nfsd").endsWith("sunrpc");
    // the rows are drawn: a cell of the table shows the module and another sunrpc's holders
    await(
        "the table draws nfsd",
        () ->
            robot.lookup("#sim-lsmod .table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> "nfsd".equals(c.getText())));
    assertThat(
            robot.lookup("#sim-lsmod .table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText)
                .toList())
        .anyMatch(t -> t != null && t.contains("lockd") && t.contains("nfsd"));
    List<String> trace = onFx(() -> List.copyOf(pane.trace()));
    assertThat(trace.get(0)).isEqualTo("request_module(\"fs-nfsd\")");
    assertThat(trace.get(1)).isEqualTo("  → kmod thread runs: kmodj:modprobe -q -- fs-nfsd");
    assertThat(trace).anyMatch(l -> l.startsWith("  → insmod ") && l.contains("/nfsd.ko"));
    // in load order: sunrpc first, nfsd last
    assertThat(trace.get(2)).contains("/sunrpc.ko");
    assertThat(trace.get(trace.size() - 2)).contains("/nfsd.ko");
    assertThat(trace).last().isEqualTo("  = 0");
    assertThat(onFx(() -> List.copyOf(pane.kernelLog())))
        .anyMatch(l -> l.endsWith("] nfsd: loaded"));

    request("char-major-10-237");
    await("loop is loaded", () -> shownModules().contains("loop"));
    assertThat(onFx(() -> List.copyOf(pane.trace())))
        .anyMatch(l -> l.startsWith("  → insmod ") && l.endsWith("/loop.ko max_loop=16"));
    FxTesting.screenshot(pane.node(), "simulation.png");
  }

  @Test
  void aFailedRequestShowsTheErrorAndAnEmptyModprobePathDisablesAutoloading() throws Exception {
    show(modern());
    request("no-such-thing");
    await("the error is shown", () -> pane.trace().size() > 2);
    assertThat(onFx(() -> List.copyOf(pane.trace())))
        .last()
        .isEqualTo("  = -ENOENT (No such file or directory)");

    type("#sim-modprobe-path", "");
    robot.clickOn("#sim-modprobe-set");
    await("the path is empty", () -> sim.modprobePath().isEmpty());
    request("fs-nfsd");
    await(
        "the request answered",
        () -> pane.trace().size() >= 3 && pane.trace().get(0).contains("fs-nfsd"));
    assertThat(sim.modules()).isEmpty();
    assertThat(onFx(() -> List.copyOf(pane.trace()))).last().asString().contains("ENOENT");
  }

  @Test
  void rmmodAReapsAutocleanModulesUnusedForTwoPasses() throws Exception {
    show(modutils());
    request("char-major-14");
    await("soundcore is loaded", () -> shownModules().contains("soundcore"));
    assertThat(sim.modules().get(0).flags()).contains(ModuleFlag.AUTOCLEAN);
    await(
        "the table draws soundcore",
        () ->
            robot.lookup("#sim-lsmod .table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> "soundcore".equals(c.getText())));
    robot.clickOn(
        robot.lookup("#sim-lsmod .table-cell").queryAllAs(Labeled.class).stream()
            .filter(c -> "soundcore".equals(c.getText()))
            .findFirst()
            .orElseThrow());
    await("soundcore is selected", () -> lsmod().getSelectionModel().getSelectedItem() != null);
    robot.clickOn("#sim-use");
    await("in use", () -> pane.modules().get(0).useCount() == 1);
    robot.clickOn("#sim-release");
    await("released", () -> pane.modules().get(0).useCount() == 0);

    robot.clickOn("#sim-autoclean");
    await(
        "the first pass only clears VISITED",
        () -> !pane.modules().get(0).flags().contains(ModuleFlag.VISITED));
    assertThat(shownModules()).containsExactly("soundcore");
    robot.clickOn("#sim-autoclean");
    await("the second pass reaps it", () -> pane.modules().isEmpty());
    assertThat(onFx(() -> robot.lookup("#sim-status").queryAs(Labeled.class).getText()))
        .isEqualTo("rmmod -a: removed soundcore");
    assertThat(onFx(() -> List.copyOf(pane.kernelLog())))
        .anyMatch(l -> l.endsWith("soundcore: unloaded (autoclean)"));
  }

  @Test
  void theAutocleanScheduleTakesACrontabExpression() throws Exception {
    show(modutils());
    type("#sim-cron", "not cron");
    robot.clickOn("#sim-schedule");
    await(
        "the bad expression is refused",
        () ->
            robot
                .lookup("#sim-status")
                .queryAs(Labeled.class)
                .getText()
                .startsWith("not a crontab"));
    assertThat(sim.nextAutoclean()).isEmpty();
    type("#sim-cron", "0-59/5 * * * *");
    robot.clickOn("#sim-schedule");
    await("the schedule is on", () -> sim.nextAutoclean().isPresent());
    assertThat(sim.nextAutoclean().get().getMinute() % 5).isZero();
    robot.clickOn("#sim-schedule");
    await("the schedule is off", () -> sim.nextAutoclean().isEmpty());
  }
}
