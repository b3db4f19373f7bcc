package io.kmodj.engine.kernel;

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
import java.util.Set;
import java.util.TreeMap;

/**
 * This machine's kernel, for {@code --host}: read from {@code /proc/modules} and {@code
 * /sys/module/NAME/parameters}, and acted on only by running its own programs ({@code
 * /sbin/modprobe}, {@code /sbin/rmmod}, {@code /sbin/insmod}) with an argv array. Never written
 * directly.
 */
public final class HostKernel {
  /** The host's modprobe. */
  public static final String MODPROBE = "/sbin/modprobe";

  /** The host's rmmod. */
  public static final String RMMOD = "/sbin/rmmod";

  /** The host's insmod. */
  public static final String INSMOD = "/sbin/insmod";

  private final Path proc;
  private final Path sys;

  /**
   * The host as seen through its /proc and /sys (other roots for tests).
   *
   * @param proc where /proc is
   * @param sys where /sys is
   */
  public HostKernel(Path proc, Path sys) {
    this.proc = proc;
    this.sys = sys;
  }

  /** The machine's kernel. */
  public static HostKernel machine() {
    return new HostKernel(Path.of("/proc"), Path.of("/sys"));
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
    for (String line : Files.readAllLines(proc.resolve("modules"), StandardCharsets.UTF_8)) {
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
              Map.of()));
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
