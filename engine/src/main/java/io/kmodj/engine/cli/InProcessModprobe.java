package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.HelperLauncher;
import io.kmodj.engine.kmodthread.HelperResult;
import io.kmodj.engine.plan.Modprobe;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * kmodj's modprobe run in process for the kmod thread, bound to a simulated kernel: it reads the
 * argv the kernel passes ({@code -q}, {@code -s}, {@code -k}, {@code -v}, {@code --}, the name) and
 * runs {@code kmodj modprobe} on the kernel's system, its messages going where modprobe's {@code
 * -s} sends them (nowhere, here: the kernel logs what matters). Runs in the calling worker thread,
 * so the timeout bounds only helpers run as processes.
 */
final class InProcessModprobe implements HelperLauncher {
  private static final PrintStream DISCARD =
      new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.ISO_8859_1);

  private final KernelAccess access;
  private final SystemImage system;

  InProcessModprobe(KernelAccess access, SystemImage system) {
    this.access = Objects.requireNonNull(access);
    this.system = KernelSession.absolute(system);
  }

  @Override
  public HelperResult run(List<String> argv, Map<String, String> env, Duration timeout) {
    boolean quiet = false;
    boolean autoclean = false;
    int verbose = 0;
    List<String> names = new ArrayList<>();
    boolean options = true;
    for (String a : argv.subList(1, argv.size())) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-")) {
        switch (a) {
          case "-q" -> quiet = true;
          case "-k" -> autoclean = true;
          case "-s" -> {
            // to syslog: the kernel log says what matters, messages are dropped here
          }
          case "-v" -> verbose++;
          default -> {
            return HelperResult.exited(1);
          }
        }
      } else {
        names.add(a);
      }
    }
    if (names.isEmpty()) {
      return HelperResult.exited(1);
    }
    int verbosity = quiet ? Modprobe.LOG_EMERG : Modprobe.LOG_WARNING + verbose;
    ModprobeOptions o =
        new ModprobeOptions(
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            system.config(),
            system.root().isEmpty() ? Optional.empty() : Optional.of(system.root()),
            Optional.of(system.release()),
            verbosity,
            system.dialect(),
            Optional.empty(),
            Optional.empty(),
            names);
    boolean clean = autoclean;
    boolean q = quiet;
    int code =
        access.apply(
            k -> {
              Optional<ModprobeRunner.KernelTarget> target =
                  Optional.of(new ModprobeRunner.KernelTarget(k, clean));
              if (system.dialect().equals("modutils")) {
                ModutilsRunner.Options m =
                    new ModutilsRunner.Options(
                        o, clean, false, Optional.empty(), true, q, false, false, Optional.empty());
                return new ModutilsRunner(m, DISCARD, DISCARD, target).run();
              }
              return new ModprobeRunner(o, DISCARD, DISCARD, target).run();
            });
    return HelperResult.exited(code);
  }
}
