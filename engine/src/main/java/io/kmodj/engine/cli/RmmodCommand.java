package io.kmodj.engine.cli;

import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.LoadedModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodj rmmod [-a] NAME...}: removes modules as kmod's rmmod; {@code -a} is 2.2/2.4's
 * autoclean step ({@code delete_module(NULL)}), meant for root's crontab as kmod.txt says.
 */
@Command(
    name = "rmmod",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Remove modules; -a reaps unused autoclean modules (one 2.4 two-pass step).")
final class RmmodCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = {"-a", "--all"},
      description = "Autoclean: remove modules unused since the previous rmmod -a")
  boolean all;

  @Option(
      names = {"-v", "--verbose"},
      description = "Say what is removed")
  boolean verbose;

  @Option(
      names = {"-s", "--syslog"},
      description = "Accepted for compatibility")
  boolean syslog;

  @Parameters(paramLabel = "NAME", description = "Modules (names or files)")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    if (kernel.host) {
      if (all) {
        parent.err().println("rmmod: ERROR: -a needs a 2.2/2.4 kernel; not on this host");
        return 1;
      }
      if (names.isEmpty()) {
        parent.err().println("rmmod: ERROR: missing module name.");
        return 1;
      }
      List<String> a = new ArrayList<>();
      if (verbose) {
        a.add("-v");
      }
      if (syslog) {
        a.add("-s");
      }
      return HostKernel.run(HostKernel.machine().rmmod(), a, names, parent.err());
    }
    if (!all && names.isEmpty()) {
      parent.err().println("rmmod: ERROR: missing module name.");
      return 1;
    }
    return kernel.store().apply(k -> all ? autoclean(k) : remove(k));
  }

  private int autoclean(io.kmodj.engine.kernel.SimulatedKernel k) {
    List<String> freed = k.autoclean();
    if (verbose) {
      for (String f : freed) {
        parent.out().println("rmmod: removed " + f);
      }
    }
    return 0;
  }

  private int remove(io.kmodj.engine.kernel.SimulatedKernel k) {
    int code = 0;
    // a 2.4 kernel's names are as modules.dep has them (ne2k-pci): no '-' to '_' as kmod does
    boolean modutils = k.system().dialect().equals("modutils");
    for (String n : names) {
      String name = modutils ? DepFile24.stripo(n) : ModuleNames.fromPath(n);
      Optional<LoadedModule> m = k.module(name);
      if (m.isEmpty()) {
        parent
            .err()
            .println(
                k.isBuiltin(name)
                    ? "rmmod: ERROR: Module " + name + " is builtin."
                    : "rmmod: ERROR: Module " + name + " is not currently loaded");
        code = 1;
        continue;
      }
      if (!m.get().holders().isEmpty()) {
        parent
            .err()
            .println(
                "rmmod: ERROR: Module "
                    + name
                    + " is in use by: "
                    + String.join(" ", m.get().holders()));
        code = 1;
        continue;
      }
      int r = k.deleteModule(name);
      if (r == -Errno.EBUSY) {
        parent.err().println("rmmod: ERROR: Module " + name + " is in use");
        code = 1;
      } else if (r < 0) {
        parent
            .err()
            .println("rmmod: ERROR: could not remove module " + name + ": " + Errno.message(r));
        code = 1;
      } else if (verbose) {
        parent.out().println("rmmod: removed " + name);
      }
    }
    return code;
  }
}
