package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.LoadedModule;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kmodj lsmod}: the module table in kmod's lsmod format. */
@Command(
    name = "lsmod",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Show the loaded modules, as kmod's lsmod does.")
final class LsmodCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Override
  public Integer call() {
    List<LoadedModule> mods;
    if (kernel.host) {
      HostKernel host = HostKernel.machine();
      try {
        mods = host.modules();
      } catch (IOException e) {
        parent
            .err()
            .println("lsmod: ERROR: could not open " + host.procModules() + ": " + e.getMessage());
        return 1;
      }
    } else {
      mods = kernel.store().read().modules();
      mods = new java.util.ArrayList<>(mods);
      java.util.Collections.reverse(mods);
    }
    print(mods, parent.out());
    return 0;
  }

  /** kmod's lsmod: {@code %-19s %8lu %d} and the holders after a blank, comma-separated. */
  static void print(List<LoadedModule> newestFirst, PrintStream out) {
    out.println("Module                  Size  Used by");
    for (LoadedModule m : newestFirst) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-19s %8d  %d", m.name(), m.size(), m.refcount()));
      if (!m.holders().isEmpty()) {
        sb.append(' ').append(String.join(",", m.holders()));
      }
      out.println(sb);
    }
  }
}
