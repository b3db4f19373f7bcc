package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.modutils.ModulesConfReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmodj boot}: (re)boots the simulated kernel on a system: nothing loaded, a new log. */
@Command(
    name = "boot",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Boot the simulated kernel on a system (its module tree and configuration).")
final class BootCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = {"-d", "--dirname"},
      paramLabel = "DIR",
      description = "Root of the system")
  String root = "";

  @Option(
      names = {"-S", "--set-version"},
      paramLabel = "VERSION",
      description = "Kernel release (default: this machine's)")
  String release = System.getProperty("os.version");

  @Option(
      names = {"-C", "--config"},
      paramLabel = "FILE|DIR",
      description = "Configuration files or directories")
  List<String> config = new ArrayList<>();

  @Option(
      names = "--dialect",
      paramLabel = "kmod|modutils",
      description =
          "Configuration dialect (default: modutils when -C names a modules.conf or"
              + " conf.modules, else kmod)")
  String dialect;

  @Option(
      names = "--compat",
      description = "2.2/2.4 compatibility: request_module runs modprobe -s -k (autoclean)")
  boolean compat;

  @Override
  public Integer call() {
    StateStore store = kernel.store();
    KernelState s =
        store.boot(
            KernelSession.absolute(
                new SystemImage(
                    root, release, ModprobeCommand.chosenDialect(dialect, config), config)));
    Optional<Path> persist = modutilsPersistDir(s.system(), store.directory());
    if (compat || persist.isPresent()) {
      store.apply(
          k -> {
            k.setCompat(k.compat() || compat);
            persist.ifPresent(p -> k.setPersistDir(p.toString()));
            return k.compat();
          });
    }
    parent
        .out()
        .println(
            "kmodj: simulated kernel "
                + s.system().release()
                + " booted on "
                + s.system().moduleDirectory()
                + " (state in "
                + store.directory()
                + ")");
    persist.ifPresent(
        p -> parent.out().println("kmodj: modules.conf persistdir: parameters saved in " + p));
    return 0;
  }

  /**
   * modules.conf's {@code persistdir}, kept inside the state directory ({@code sysroot/} + the
   * path) so that the simulation never writes to the machine's /var/lib.
   */
  static Optional<Path> modutilsPersistDir(SystemImage system, Path stateDir) {
    if (!system.dialect().equals("modutils")) {
      return Optional.empty();
    }
    String dir =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    system.config().stream().findFirst(),
                    system.release(),
                    system.moduleDirectory(),
                    false,
                    false))
            .read()
            .persistdir();
    String relative = dir.replaceFirst("^/+", "");
    if (relative.isEmpty() || relative.contains("..")) {
      return Optional.empty();
    }
    return Optional.of(stateDir.resolve("sysroot").resolve(relative));
  }
}
