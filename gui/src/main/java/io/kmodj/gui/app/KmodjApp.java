package io.kmodj.gui.app;

import io.kmodj.grammar.Dialect;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.model.Workers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The kmodj desktop application: one main window editing the file named on the command line, or a
 * bundled sample (see {@link StartupFile}); with nothing named, the tabs open when it last closed
 * open again. The window's size, layout, recent files and open tabs are kept between runs in {@code
 * gui.json} ({@link GuiStateStore}).
 */
public final class KmodjApp extends Application {
  private ExecutorService parsing;
  private ConfigEditor editor;
  private SystemModel model;
  private MainWindow window;
  private GuiStateStore store;

  @Override
  public void start(Stage stage) {
    parsing = Executors.newSingleThreadExecutor(Workers.daemon("kmodj-parse"));
    editor = new ConfigEditor(parsing, (file, text) -> Dialect.forFileName(file).parse(file, text));
    model = new SystemModel(Platform::runLater);
    window = new MainWindow(stage, editor, model, new Selection());
    store = new GuiStateStore(GuiStateStore.defaultDirectory());
    GuiStateStore.Loaded loaded = store.load();
    window.restore(loaded.state());
    loaded.problem().ifPresent(window::notice);
    window.setOnStateChange(
        state -> {
          try {
            store.save(state);
          } catch (IOException e) {
            window.notice("Cannot save " + store.file() + ": " + e.getMessage());
          }
        });
    Optional<Path> file;
    if (getParameters().getRaw().isEmpty() && window.reopenTabs(loaded.state())) {
      window.show();
      return;
    }
    try {
      file =
          new StartupFile(getParameters().getRaw(), StartupFile.home(), loaded.state().last())
              .path();
    } catch (IOException e) {
      // an unreadable sample directory is no reason not to start: begin untitled
      file = Optional.empty();
    }
    if (file.isEmpty() || !window.open(file.get())) {
      window.openUntitled();
    }
    window.show();
  }

  /** The main window, once started (for tests). */
  MainWindow window() {
    return window;
  }

  @Override
  public void stop() {
    if (window != null && store != null) {
      try {
        store.save(window.state());
      } catch (IOException e) {
        // the window is gone: say it where the application was started
        System.err.println("kmodj: cannot save " + store.file() + ": " + e.getMessage());
      }
    }
    // first stop the editor's pending restyles, which would submit to a closed executor
    if (editor != null) {
      editor.close();
    }
    if (window != null) {
      window.close();
    }
    if (model != null) {
      model.close();
    }
    if (parsing != null) {
      parsing.shutdownNow();
    }
  }
}
