package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.SimulatedKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodj sysctl [NAME[=VALUE]]...}: the simulated kernel's settings: {@code kernel.modprobe}
 * (the program request_module runs; empty disables autoloading; {@code kmodj:modprobe} is kmodj's
 * own in process, {@code kmodj:launcher} kmodj's launcher as a process), {@code kmodj.compat} (1:
 * 2.2/2.4 argv, {@code -s -k}), {@code kmodj.persistdir} (where unloads save parameters).
 */
@Command(
    name = "sysctl",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Show or set kernel.modprobe, kmodj.compat and kmodj.persistdir.")
final class SysctlCommand implements Callable<Integer> {
  static final List<String> KEYS = List.of("kernel.modprobe", "kmodj.compat", "kmodj.persistdir");

  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Parameters(paramLabel = "NAME[=VALUE]", description = "Settings to show or set")
  List<String> settings = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> asked = settings.isEmpty() ? KEYS : settings;
    return kernel
        .store()
        .apply(
            k -> {
              int code = 0;
              for (String a : asked) {
                int eq = a.indexOf('=');
                String key = (eq < 0 ? a : a.substring(0, eq)).strip();
                if (!KEYS.contains(key)) {
                  parent
                      .err()
                      .println(
                          "sysctl: cannot stat /proc/sys/"
                              + key.replace('.', '/')
                              + ": No such file or directory");
                  code = 1;
                  continue;
                }
                if (eq >= 0) {
                  Optional<String> bad = set(k, key, a.substring(eq + 1).strip());
                  if (bad.isPresent()) {
                    parent.err().println("sysctl: setting key \"" + key + "\": " + bad.get());
                    code = 1;
                    continue;
                  }
                }
                parent.out().println(key + " = " + get(k, key));
              }
              return code;
            });
  }

  private static String get(SimulatedKernel k, String key) {
    return switch (key) {
      case "kernel.modprobe" -> k.modprobePath();
      case "kmodj.compat" -> k.compat() ? "1" : "0";
      default -> k.persistDir();
    };
  }

  private static Optional<String> set(SimulatedKernel k, String key, String value) {
    switch (key) {
      case "kernel.modprobe" -> k.setModprobePath(value);
      case "kmodj.compat" -> {
        if (!value.equals("0") && !value.equals("1")) {
          return Optional.of("Invalid argument");
        }
        k.setCompat(value.equals("1"));
      }
      default -> {
        if (!value.isEmpty() && !value.startsWith("/")) {
          return Optional.of("Invalid argument (an absolute path, or empty for the default)");
        }
        k.setPersistDir(value);
      }
    }
    return Optional.empty();
  }
}
