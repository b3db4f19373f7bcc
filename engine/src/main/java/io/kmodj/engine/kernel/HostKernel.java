package io.kmodj.engine.kernel;

import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModuleState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * This machine's kernel, for {@code --host}: read from {@code /proc/modules} and {@code
 * /sys/module/NAME/parameters}, and acted on only by running its own programs ({@code
 * /sbin/modprobe}, {@code /sbin/rmmod}, {@code /sbin/insmod}) with an argv array, the names after a
 * {@code --}. Never written directly.
 *
 * <p>Where /proc and /sys are and which programs run can be set with system properties ({@value
 * #PROC_PROPERTY}, {@value #SYS_PROPERTY}, {@value #MODPROBE_PROPERTY}, {@value #RMMOD_PROPERTY},
 * {@value #INSMOD_PROPERTY}), so host mode can be run against a copy of /proc and /sys and programs
 * that only log what they are given. Immutable.
 */
public final class HostKernel {
  /** The host's modprobe. */
  public static final String MODPROBE = "/sbin/modprobe";

  /** The host's rmmod. */
  public static final String RMMOD = "/sbin/rmmod";

  /** The host's insmod. */
  public static final String INSMOD = "/sbin/insmod";

  /** The system property naming the /proc to read instead of /proc. */
  public static final String PROC_PROPERTY = "kmodj.host.proc";

  /** The system property naming the /sys to read instead of /sys. */
  public static final String SYS_PROPERTY = "kmodj.host.sys";

  /** The system property naming the modprobe to run instead of /sbin/modprobe. */
  public static final String MODPROBE_PROPERTY = "kmodj.host.modprobe";

  /** The system property naming the rmmod to run instead of /sbin/rmmod. */
  public static final String RMMOD_PROPERTY = "kmodj.host.rmmod";

  /** The system property naming the insmod to run instead of /sbin/insmod. */
  public static final String INSMOD_PROPERTY = "kmodj.host.insmod";

  private final Path proc;
  private final Path sys;
  private final String modprobe;
  private final String rmmod;
  private final String insmod;

  /**
   * The host as seen through its /proc and /sys (other roots for tests), acted on through /sbin's
   * programs.
   *
   * @param proc where /proc is
   * @param sys where /sys is
   */
  public HostKernel(Path proc, Path sys) {
    this(proc, sys, MODPROBE, RMMOD, INSMOD);
  }

  /**
   * The host as seen through its /proc and /sys, acted on through the given programs.
   *
   * @param proc where /proc is
   * @param sys where /sys is
   * @param modprobe the modprobe program, an absolute path
   * @param rmmod the rmmod program
   * @param insmod the insmod program
   */
  public HostKernel(Path proc, Path sys, String modprobe, String rmmod, String insmod) {
    this.proc = Objects.requireNonNull(proc);
    this.sys = Objects.requireNonNull(sys);
    this.modprobe = Objects.requireNonNull(modprobe);
    this.rmmod = Objects.requireNonNull(rmmod);
    this.insmod = Objects.requireNonNull(insmod);
  }

  /**
   * The machine's kernel: /proc, /sys and /sbin's programs, unless the system properties name
   * others.
   *
   * @return the host
   */
  public static HostKernel machine() {
    return new HostKernel(
        Path.of(System.getProperty(PROC_PROPERTY, "/proc")),
        Path.of(System.getProperty(SYS_PROPERTY, "/sys")),
        System.getProperty(MODPROBE_PROPERTY, MODPROBE),
        System.getProperty(RMMOD_PROPERTY, RMMOD),
        System.getProperty(INSMOD_PROPERTY, INSMOD));
  }

  /**
   * The loaded modules as kmod's modprobe sees them when it plans ({@code -n}, {@code
   * --first-time}, {@code -r}): each module's {@code /sys/module/NAME/initstate}, {@code refcnt}
   * and {@code holders/}, read when asked. Not /proc/modules: real kmod 30 treats a module whose
   * initstate is missing as not loaded even when /proc/modules lists it.
   *
   * @return the view
   */
  public LoadedModules planningView() {
    return new SysfsModules(sys.resolve("module"));
  }

  /** The /proc/modules file read. */
  public Path procModules() {
    return proc.resolve("modules");
  }

  /** The modprobe program run. */
  public String modprobe() {
    return modprobe;
  }

  /** The rmmod program run. */
  public String rmmod() {
    return rmmod;
  }

  /** The insmod program run. */
  public String insmod() {
    return insmod;
  }

  /**
   * The program the host kernel's request_module runs: {@code /proc/sys/kernel/modprobe} when it
   * can be read (empty: autoloading is off), else the configured modprobe.
   *
   * @return the program, or empty when autoloading is disabled
   */
  public String requestHelper() {
    Path file = proc.resolve("sys/kernel/modprobe");
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return modprobe;
    }
  }

  /**
   * The loaded modules, as /proc/modules lists them ({@code name size refcnt holders, state
   * address}), newest first.
   *
   * @return the modules
   * @throws IOException if /proc/modules cannot be read
   */
  public List<LoadedModule> modules() throws IOException {
    List<LoadedModule> out = new ArrayList<>();
    for (String line : Files.readAllLines(procModules(), StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length < 5) {
        continue;
      }
      List<String> holders = new ArrayList<>();
      if (!f[3].equals("-")) {
        for (String h : f[3].split(",", -1)) {
          if (!h.isEmpty()) {
            holders.add(h);
          }
        }
      }
      ModuleState state =
          switch (f[4]) {
            case "Loading" -> ModuleState.COMING;
            case "Unloading" -> ModuleState.GOING;
            default -> ModuleState.LIVE;
          };
      int refcnt = parseInt(f[2]);
      out.add(
          new LoadedModule(
              f[0],
              "",
              Long.parseLong(f[1]),
              state,
              Math.max(0, refcnt - holders.size()),
              holders,
              List.of(),
              Set.of(),
              Map.of(),
              // the host's kernel does not say who asked for a module
              null));
    }
    return out;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The readable parameters of a module, from /sys/module/NAME/parameters.
   *
   * @param module the module
   * @return name to value, sorted by name; unreadable ones left out
   */
  public Map<String, String> parameters(String module) {
    Map<String, String> out = new TreeMap<>();
    Path dir = sys.resolve("module").resolve(module).resolve("parameters");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        try {
          out.put(
              p.getFileName().toString(),
              new String(Files.readAllBytes(p), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          // write-only or unreadable parameter (mode 0200, or not root): left out
          out.remove(p.getFileName().toString());
        }
      }
    } catch (IOException e) {
      return new LinkedHashMap<>(out);
    }
    return out;
  }

  /**
   * Runs one of the host's programs with the caller's standard streams, never through a shell: the
   * program, its options, {@code --}, then the operands (module names, files), so a name starting
   * with {@code -} is never read as an option.
   *
   * @param program its absolute path
   * @param options its options
   * @param operands what comes after the {@code --}
   * @param err where to say it could not run
   * @return its exit status, or 1 when it could not run
   */
  public static int run(
      String program, List<String> options, List<String> operands, PrintStream err) {
    List<String> args = new ArrayList<>(options);
    args.add("--");
    args.addAll(operands);
    return run(program, args, err);
  }

  /**
   * Runs one of the host's programs with the caller's standard streams, never through a shell.
   *
   * @param program its absolute path
   * @param args its arguments
   * @param err where to say it could not run
   * @return its exit status, or 1 when it could not run
   */
  public static int run(String program, List<String> args, PrintStream err) {
    List<String> argv = new ArrayList<>(Arrays.asList(program));
    argv.addAll(args);
    try {
      Process p = new ProcessBuilder(argv).inheritIO().start();
      return p.waitFor();
    } catch (IOException e) {
      err.println("kmodj: ERROR: cannot run " + program + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
