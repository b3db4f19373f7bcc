package io.kmodj.gui.editor;

import io.kmodj.engine.check.DeclaredParameters;
import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.sim.FxTesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The editor in a real window on the modern sample, the completion popup open on an options line:
 * for looking at it under a real display (Xvfb), {@code java -cp ...
 * io.kmodj.gui.editor.EditorPreview$Main}. Not a test.
 */
public final class EditorPreview extends Application {
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private ConfigEditor editor;

  @Override
  public void start(Stage stage) throws Exception {
    Path root = FxTesting.samples().resolve("modern");
    Path dir = root.resolve("etc/modprobe.d");
    String text =
        Files.readString(dir.resolve("10-network.conf"))
            + Files.readString(dir.resolve("20-storage.conf"))
            + "blacklist no_such_module\nnonsense here\noptions loop max";
    // the system read with the unsaved text in place of the file, as the shell reads it
    SystemEditorContext system =
        new SystemEditorContext(
            ModuleSystem.load(
                new SystemSpec(
                    Optional.of(root.toString()),
                    Optional.of("6.1.0-47-cloud-amd64"),
                    List.of(dir.toString()),
                    Optional.empty()),
                ConfigOverlay.NONE.with(
                    dir.resolve("10-network.conf"), text, StandardCharsets.UTF_8)));
    // the sample's module files are empty; these are loop's modinfo lines
    List<DeclaredParameters.Parameter> loop =
        DeclaredParameters.fromModinfo(
            List.of(
                ModinfoEntry.parse("parm=max_loop:Maximum number of loop devices"),
                ModinfoEntry.parse("parmtype=max_loop:int"),
                ModinfoEntry.parse("parm=max_part:Maximum number of partitions per loop device"),
                ModinfoEntry.parse("parmtype=max_part:int"),
                ModinfoEntry.parse("parm=hw_queue_depth:Queue depth for each hardware queue"),
                ModinfoEntry.parse("parmtype=hw_queue_depth:hw_queue_depth")));
    EditorContext context =
        new EditorContext() {
          @Override
          public List<String> moduleNames() {
            return system.moduleNames();
          }

          @Override
          public List<String> aliasNames() {
            return system.aliasNames();
          }

          @Override
          public Optional<List<DeclaredParameters.Parameter>> parameters(String module) {
            return module.equals("loop") ? Optional.of(loop) : system.parameters(module);
          }

          @Override
          public List<Definition> definitions(String name) {
            return system.definitions(name);
          }

          @Override
          public List<Finding> findings(String fileName) {
            return system.findings(fileName);
          }
        };
    editor = new ConfigEditor(background, (name, t) -> Dialect.forFileName(name).parse(name, t));
    editor.setContext(context);
    editor.load("10-network.conf", text);
    stage.setTitle("10-network.conf — kmodj");
    stage.setScene(new Scene(editor.node(), 1100, 620));
    stage.setX(0);
    stage.setY(0);
    stage.show();
    editor.area().moveTo(text.length());
    editor.area().requestFocus();
    PauseTransition later = new PauseTransition(javafx.util.Duration.seconds(2));
    later.setOnFinished(e -> editor.showCompletion());
    later.play();
  }

  @Override
  public void stop() {
    editor.close();
    background.shutdownNow();
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
      Application.launch(EditorPreview.class, args);
    }
  }
}
