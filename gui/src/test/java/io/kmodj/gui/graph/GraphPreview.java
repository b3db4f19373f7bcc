package io.kmodj.gui.graph;

import io.kmodj.gui.graph.layout.GraphSource;
import io.kmodj.gui.graph.layout.Samples;
import java.util.List;
import java.util.Set;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The graph pane in real windows, for looking at it under a real display (Xvfb): {@code java -cp
 * ... io.kmodj.gui.graph.GraphPreview$Main [kmod|modutils|whole] [NAME]}; the default shows the
 * plan of {@code bonding} on the modern sample. Not a test.
 */
public final class GraphPreview extends Application {
  @Override
  public void start(Stage stage) throws Exception {
    List<String> args = getParameters().getRaw();
    String what = args.isEmpty() ? "kmod" : args.get(0);
    GraphSource src = what.equals("modutils") ? Samples.modutils() : Samples.modern();
    GraphPane pane = new GraphPane(src);
    pane.setLoaded(Set.of("llc", "soundcore"));
    stage.setTitle("graph");
    stage.setScene(new Scene(pane, 1500, 900));
    stage.setX(0);
    stage.setY(0);
    stage.show();
    if (what.equals("whole")) {
      var unused = pane.showWhole();
    } else {
      String name =
          args.size() > 1 ? args.get(1) : what.equals("modutils") ? "sound-slot-0" : "bonding";
      var unused = pane.showPlan(name);
    }
  }

  /** Starts the preview (JavaFX on the class path needs a main outside the Application). */
  public static final class Main {
    private Main() {}

    /**
     * Launches the preview.
     *
     * @param args what to show
     */
    public static void main(String[] args) {
      Application.launch(GraphPreview.class, args);
    }
  }
}
