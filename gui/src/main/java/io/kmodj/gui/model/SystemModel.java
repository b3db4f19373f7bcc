package io.kmodj.gui.model;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The system the application shows: loaded in the background, never on the FX thread, and loaded
 * again a little after each change of an open buffer, so that every pane reflects what the user is
 * typing. The panes listen to {@link #systemProperty()}; a pane that needs more work on a new
 * system (a layout, a simulation) runs it off the FX thread too.
 *
 * <ul>
 *   <li>{@link #load(SystemSpec)} reads a system now (a new file, root or kernel);
 *   <li>{@link #bufferChanged(Path, byte[])} records an unsaved text and reloads after {@link
 *       #DEFAULT_DEBOUNCE} of quiet (each change restarts the wait);
 *   <li>{@link #bufferSaved(Path)} drops a text from the overlay once it is on disk (or closed).
 * </ul>
 *
 * <p>Every request gets a generation number; a result that arrives after a newer request was made
 * is dropped, so the properties only ever move forward. A failed load keeps the last good system
 * and sets {@link #errorProperty()}.
 *
 * <p>The methods may be called from any thread; the properties change on the {@code fx} executor
 * only ({@code Platform::runLater} in the application), so FX-thread listeners may touch nodes.
 *
 * <pre>{@code
 * SystemModel model = new SystemModel(Platform::runLater);
 * model.systemProperty().addListener((o, was, now) -> outline.show(now));
 * model.load(new SystemSpec(Optional.of(root), Optional.of("2.4.27"), List.of(conf),
 *     Optional.empty()));
 * editor.textProperty().addListener((o, a, b) -> model.bufferChanged(file, b.getBytes(charset)));
 * }</pre>
 */
public final class SystemModel implements AutoCloseable {
  /** How long the buffers must stay unchanged before the model reloads. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);

  /** Reads a system; {@link LoadedSystem#load} in the application, a fake in tests. */
  @FunctionalInterface
  public interface Loader {
    /**
     * Reads a system.
     *
     * @param spec where it is
     * @param overlay the unsaved texts standing in for files
     * @return the system
     * @throws IOException when it cannot be read
     */
    LoadedSystem load(SystemSpec spec, ConfigOverlay overlay) throws IOException;
  }

  private final Executor fx;
  private final Loader loader;
  private final Duration debounce;
  private final ScheduledExecutorService worker;

  private final ReadOnlyObjectWrapper<LoadedSystem> system =
      new ReadOnlyObjectWrapper<>(this, "system");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

  // guarded by this
  private SystemSpec spec;
  private ConfigOverlay overlay = ConfigOverlay.NONE;
  private long generation;
  private ScheduledFuture<?> pending;

  /**
   * A model that reads systems with {@link LoadedSystem#load}.
   *
   * @param fx runs property updates on the FX thread ({@code Platform::runLater})
   */
  public SystemModel(Executor fx) {
    this(fx, LoadedSystem::load, DEFAULT_DEBOUNCE);
  }

  /**
   * A model with its own loader and quiet time.
   *
   * @param fx runs property updates on the FX thread
   * @param loader reads a system (called on the model's background thread)
   * @param debounce how long buffers must stay unchanged before a reload
   */
  public SystemModel(Executor fx, Loader loader, Duration debounce) {
    this.fx = Objects.requireNonNull(fx, "fx");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.debounce = Objects.requireNonNull(debounce, "debounce");
    this.worker = Executors.newSingleThreadScheduledExecutor(Workers.daemon("kmodj-model"));
  }

  /** The system last loaded, null until the first load ends. Changes on the FX thread. */
  public ReadOnlyObjectProperty<LoadedSystem> systemProperty() {
    return system.getReadOnlyProperty();
  }

  /** The system last loaded, if one was. Read on the FX thread. */
  public Optional<LoadedSystem> system() {
    return Optional.ofNullable(system.get());
  }

  /** True from a request until its result (or a newer one's) arrives. */
  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** A line for the status bar: what is loading, what was loaded, or what went wrong. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Why the last load failed, empty when it succeeded. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /**
   * Loads a system now, keeping the overlay (call {@link #bufferSaved} for buffers that no longer
   * belong to it).
   *
   * @param spec where the system is
   */
  public void load(SystemSpec spec) {
    Objects.requireNonNull(spec, "spec");
    synchronized (this) {
      this.spec = spec;
      schedule(Duration.ZERO);
    }
  }

  /** The spec of the system being shown or loaded, if any. */
  public synchronized Optional<SystemSpec> spec() {
    return Optional.ofNullable(spec);
  }

  /** The overlay the next load reads with. */
  public synchronized ConfigOverlay overlay() {
    return overlay;
  }

  /**
   * Records a buffer's unsaved content and reloads once the buffers are quiet.
   *
   * @param file the buffer's file
   * @param content the bytes saving it would write
   */
  public void bufferChanged(Path file, byte[] content) {
    synchronized (this) {
      overlay = overlay.with(file, content);
      if (spec != null) {
        schedule(debounce);
      }
    }
  }

  /**
   * Drops a buffer from the overlay (saved, so the disk holds its text; or closed unsaved, so the
   * disk is the truth again) and reloads once the buffers are quiet.
   *
   * @param file the buffer's file
   */
  public void bufferSaved(Path file) {
    synchronized (this) {
      if (!overlay.covers(file)) {
        return;
      }
      overlay = overlay.without(file);
      if (spec != null) {
        schedule(debounce);
      }
    }
  }

  /** Reloads the current system now (after a file changed on disk). */
  public void reload() {
    synchronized (this) {
      if (spec != null) {
        schedule(Duration.ZERO);
      }
    }
  }

  // called holding the lock
  private void schedule(Duration delay) {
    long g = ++generation;
    if (pending != null) {
      pending.cancel(false);
    }
    SystemSpec s = spec;
    ConfigOverlay o = overlay;
    fx.execute(
        () -> {
          loading.set(true);
          status.set("Loading " + describe(s) + "…");
        });
    pending = worker.schedule(() -> run(g, s, o), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run(long g, SystemSpec s, ConfigOverlay o) {
    if (stale(g)) {
      return;
    }
    LoadedSystem loaded;
    String failure;
    try {
      loaded = loader.load(s, o);
      failure = "";
    } catch (IOException | RuntimeException e) {
      loaded = null;
      failure = String.valueOf(e.getMessage());
    } catch (Error e) {
      // a bug or an exhausted VM: shown as the load's failure, never left "Loading…"
      loaded = null;
      failure = e.toString();
    }
    LoadedSystem result = loaded;
    String why = failure;
    fx.execute(
        () -> {
          // checked again on the FX thread: a newer request may have come in meanwhile
          if (stale(g)) {
            return;
          }
          loading.set(false);
          if (result != null) {
            error.set("");
            system.set(result);
            status.set(
                "Loaded "
                    + describe(s)
                    + ": "
                    + result.graph().graph().vertexSet().size()
                    + " vertices"
                    + (o.isEmpty() ? "" : " (with unsaved changes)"));
          } else {
            error.set(why);
            status.set("Cannot load " + describe(s) + ": " + why);
          }
        });
  }

  private synchronized boolean stale(long g) {
    return g != generation;
  }

  private static String describe(SystemSpec s) {
    String what = s.configPaths().isEmpty() ? "the default configuration" : s.configPaths().get(0);
    return what + s.root().map(r -> " under " + r).orElse("");
  }

  /** Stops the background thread; results under way are dropped. */
  @Override
  public void close() {
    synchronized (this) {
      generation++;
    }
    worker.shutdownNow();
  }
}
