package io.kmodj.engine.kernel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The state directory: the simulated kernel saved as {@code kernel.json} between commands. Each
 * transaction holds an exclusive lock on {@code lock} (a file lock for other processes, a JVM lock
 * for other threads, both given up when the waiting thread is interrupted), reads the kernel, runs
 * an action and writes the kernel back atomically (temporary file, fsync, rename), keeping the
 * previous state as {@code kernel.json.prev}. A state file that cannot be read (a torn write on a
 * file system without atomic rename, or an edit) falls back to the previous one, and the kernel log
 * says so.
 */
public final class StateStore implements KernelAccess {
  /** The saved kernel. */
  public static final String STATE_FILE = "kernel.json";

  /** The state before the last transaction. */
  public static final String PREVIOUS_FILE = "kernel.json.prev";

  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Clock clock;
  private final Function<SystemImage, Predicate<String>> builtins;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * A state directory.
   *
   * @param dir the directory (created on first use)
   * @param clock the wall clock
   * @param builtins the built-in modules of a system (its modules.builtin)
   */
  public StateStore(Path dir, Clock clock, Function<SystemImage, Predicate<String>> builtins) {
    this.dir = dir.toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock);
    this.builtins = Objects.requireNonNull(builtins);
  }

  /**
   * The default state directory: {@code $XDG_STATE_HOME/kmodj}, else {@code ~/.local/state/kmodj}.
   *
   * @param env the environment
   * @return the directory
   */
  public static Path defaultDirectory(Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Path.of(xdg, "kmodj");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "kmodj");
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** The persist directory a kernel of this state uses. */
  ParameterStore persist(String persistDir) {
    return new ParameterStore(persistDir.isEmpty() ? dir.resolve("persist") : Path.of(persistDir));
  }

  @Override
  public SimulatedKernel snapshot() {
    return view(SimulatedKernel::detached);
  }

  @Override
  public <T> T apply(Function<SimulatedKernel, T> action) {
    return transaction(
        k -> {
          T answer = action.apply(k);
          return new Outcome<>(answer, k.state());
        });
  }

  /**
   * Replaces the kernel by one freshly booted on a system, under the lock; the sysctl settings
   * survive the reboot.
   *
   * @param system the system
   * @return the new kernel's state
   */
  public KernelState boot(SystemImage system) {
    return transaction(
        old -> {
          SimulatedKernel k =
              new SimulatedKernel(system, builtins.apply(system), clock, Optional.empty());
          k.setModprobePath(old.modprobePath());
          k.setCompat(old.compat());
          k.setPersistDir(old.persistDir());
          KernelState s = k.state();
          return new Outcome<>(s, s);
        });
  }

  /** What a transaction answers and the state it leaves. */
  private record Outcome<T>(T answer, KernelState saved) {}

  private <T> T transaction(Function<SimulatedKernel, Outcome<T>> action) {
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    if (jvm.isHeldByCurrentThread()) {
      throw new IllegalStateException("nested transaction on " + dir);
    }
    try {
      // a run cut off by its timeout is interrupted here, or in the file lock below
      jvm.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException("state directory " + dir + ": interrupted waiting for the lock", e);
    }
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
          FileChannel.open(
              dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        // other processes wait here; closing the channel releases the lock
        FileLock lock = ch.lock();
        if (!lock.isValid()) {
          throw new IOException("lost the lock on " + dir.resolve("lock"));
        }
        Outcome<T> outcome = action.apply(load());
        save(outcome.saved());
        return outcome.answer();
      }
    } catch (IOException e) {
      throw new StateException("state directory " + dir + ": " + e.getMessage(), e);
    } finally {
      jvm.unlock();
    }
  }

  /**
   * Looks at the saved kernel without changing it: no lock, nothing written (a dry run that plans
   * against what is loaded).
   *
   * @param action what to ask
   * @param <T> its answer
   * @return the answer
   */
  public <T> T view(Function<SimulatedKernel, T> action) {
    try {
      return action.apply(load());
    } catch (IOException e) {
      throw new StateException("state directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the saved kernel without locking: the rename makes every read see a whole file.
   *
   * @return the state, or that of a kernel just booted on this machine's tree when there is none
   */
  public KernelState read() {
    try {
      return load().state();
    } catch (IOException e) {
      throw new StateException("state directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private SimulatedKernel load() throws IOException {
    Optional<String> problem = Optional.empty();
    KernelState state = null;
    try {
      state = json.readValue(Files.readAllBytes(dir.resolve(STATE_FILE)), KernelState.class);
    } catch (NoSuchFileException e) {
      state = null;
    } catch (IOException e) {
      problem = Optional.of(e.getMessage().lines().findFirst().orElse(""));
      try {
        state = json.readValue(Files.readAllBytes(dir.resolve(PREVIOUS_FILE)), KernelState.class);
      } catch (IOException e2) {
        state = null;
      }
    }
    SimulatedKernel kernel;
    if (state == null) {
      SystemImage sys = SystemImage.machine();
      kernel = new SimulatedKernel(sys, builtins.apply(sys), clock, Optional.empty());
      kernel = rebind(kernel.state());
    } else {
      kernel = rebind(state);
    }
    if (problem.isPresent()) {
      kernel.log().log(
          KernelLog.Level.ERR,
          "kmodj: " + STATE_FILE + " unreadable (" + problem.get() + "), previous state used");
    }
    return kernel;
  }

  private SimulatedKernel rebind(KernelState state) {
    return new SimulatedKernel(
        state, builtins.apply(state.system()), clock, Optional.of(persist(state.persistDir())));
  }

  private void save(KernelState state) throws IOException {
    byte[] bytes = json.writeValueAsBytes(state);
    Path file = dir.resolve(STATE_FILE);
    if (Files.isRegularFile(file)) {
      ParameterStore.writeAtomically(dir.resolve(PREVIOUS_FILE), Files.readAllBytes(file));
    }
    ParameterStore.writeAtomically(file, bytes);
  }

  /** The state directory cannot be used (unwritable, not a directory). */
  public static final class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
