package io.kmodj.gui.app;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.model.Workers;
import io.kmodj.gui.problems.ProblemsPane;
import io.kmodj.gui.problems.SystemProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;

/**
 * Fills the Problems pane with the problems of the whole system: first every open tab's (syntax and
 * semantic, as its editor finds them while the user types), the tabs in their order; then those of
 * the loaded system's other configuration files ({@link SystemOfFile#files}), which no tab shows,
 * in reading order, each row's origin its file's path. The other files' problems are computed off
 * the FX thread after each load of the model ({@link SystemProblems}: the unsaved buffers' texts
 * stand in for their files); a result that a newer load overtook is dropped. A file open in a tab
 * is listed once, from its tab. Confined to the FX thread, except the computing.
 */
final class ProblemsFeed implements AutoCloseable {
  private final ProblemsPane pane;
  private final EditorTabs tabs;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Workers.daemon("kmodj-gui-problems"));
  private final ListChangeListener<Diagnostic> changed = c -> refresh();
  private long generation;
  private List<SystemProblems.FileProblems> system = List.of();

  /**
   * Starts following the tabs and the model.
   *
   * @param pane the pane to fill
   * @param tabs the open tabs
   * @param model the loaded system
   */
  ProblemsFeed(ProblemsPane pane, EditorTabs tabs, SystemModel model) {
    this.pane = Objects.requireNonNull(pane, "pane");
    this.tabs = Objects.requireNonNull(tabs, "tabs");
    for (FileBuffer b : tabs.buffers()) {
      b.editor().problems().addListener(changed);
    }
    tabs.buffers()
        .addListener(
            (ListChangeListener<FileBuffer>)
                c -> {
                  while (c.next()) {
                    c.getRemoved().forEach(b -> b.editor().problems().removeListener(changed));
                    c.getAddedSubList().forEach(b -> b.editor().problems().addListener(changed));
                  }
                  refresh();
                });
    model
        .systemProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                compute(now);
              }
            });
    model.system().ifPresent(this::compute);
    refresh();
  }

  /** Collects a system's problems in the background; the newest request's result wins. */
  private void compute(LoadedSystem loaded) {
    long g = ++generation;
    worker.execute(
        () -> {
          List<SystemProblems.FileProblems> found;
          try {
            found = new SystemProblems(loaded, SystemOfFile.files(loaded)).problems();
          } catch (RuntimeException e) {
            Workers.failed("collecting the system's problems", e);
            return;
          }
          Platform.runLater(
              () -> {
                // a newer system came in meanwhile: its own result follows
                if (g == generation) {
                  system = found;
                  refresh();
                }
              });
        });
  }

  private void refresh() {
    List<ProblemsPane.Problem> all = new ArrayList<>();
    for (FileBuffer b : tabs.buffers()) {
      // the tab's name, as the tab strip shows it (the full path is the row's tooltip)
      String file = b.name();
      for (Diagnostic d : b.editor().problems()) {
        all.add(new ProblemsPane.Problem(file, d, b));
      }
    }
    for (SystemProblems.FileProblems f : system) {
      // an open file's rows are its tab's, with the text the user is typing
      if (tabs.bufferOf(f.file()).isPresent()) {
        continue;
      }
      for (Diagnostic d : f.diagnostics()) {
        all.add(new ProblemsPane.Problem(f.name(), d, f.file()));
      }
    }
    pane.setProblems(all);
  }

  /** Stops the background work; a result under way is dropped. */
  @Override
  public void close() {
    generation++;
    worker.shutdownNow();
  }
}
