package io.kmodj.gui.sim;

import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.gui.params.ParametersPane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * Both panes in real windows on the modern sample, for looking at them under a real display (Xvfb):
 * {@code java -cp ... io.kmodj.gui.sim.PanesPreview}. Not a test.
 */
public final class PanesPreview extends Application {
  private final ExecutorService kernel = Executors.newSingleThreadExecutor();
  private Simulation sim;

  @Override
  public void start(Stage stage) throws Exception {
    Path root = FxTesting.samples().resolve("modern");
    SystemImage system =
        new SystemImage(
            root.toString(),
            "6.1.0-47-cloud-amd64",
            "kmod",
            List.of(root.resolve("etc/modprobe.d").toString()));
    sim = new Simulation(system, Files.createTempDirectory("kmodj-preview"), Clock.systemUTC());
    SimulationPane simPane = new SimulationPane(sim, kernel);
    stage.setTitle("simulation");
    stage.setScene(new Scene(simPane.node(), 1000, 640));
    stage.setX(0);
    stage.setY(0);
    stage.show();
    kernel.execute(
        () -> {
          sim.request("fs-nfsd");
          sim.request("char-major-10-237");
        });

    CodeArea area = new CodeArea(Files.readString(root.resolve("etc/modprobe.d/20-storage.conf")));
    area.setUndoManager(UndoUtils.plainTextUndoManager(area));
    ParametersPane params =
        new ParametersPane(
            ParametersPane.Document.of(area, () -> "20-storage.conf"),
            ParametersPane.Sources.of(Optional.of(system), sim.persist(), sim.kernel()),
            kernel);
    params.module().set("loop");
    Stage second = new Stage();
    second.setTitle("parameters");
    second.setScene(
        new Scene(new SplitPane(new VirtualizedScrollPane<>(area), params.node()), 900, 420));
    second.setX(1010);
    second.setY(0);
    second.show();
  }

  /** Starts the preview (JavaFX on the class path needs a main outside the Application). */
  public static final class Main {
    private Main() {}

    /**
     * Launches the preview.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
      Application.launch(PanesPreview.class, args);
    }
  }

  @Override
  public void stop() {
    kernel.shutdownNow();
    sim.close();
  }
}
