package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelLog;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmodj dmesg}: the simulated kernel's log. */
@Command(
    name = "dmesg",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Print the simulated kernel's log.")
final class DmesgCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = {"-c", "--read-clear"},
      description = "Clear the log after printing it")
  boolean clear;

  @Option(
      names = {"-x", "--decode"},
      description = "Show each line's level")
  boolean levels;

  @Override
  public Integer call() {
    if (kernel.host) {
      parent.err().println("kmodj: dmesg --host: use the host's dmesg");
      return 1;
    }
    List<KernelLog.Line> lines =
        clear
            ? kernel
                .store()
                .apply(
                    k -> {
                      List<KernelLog.Line> l = k.log().lines();
                      k.log().clear();
                      return l;
                    })
            : kernel.store().read().log();
    for (KernelLog.Line l : lines) {
      if (levels) {
        parent
            .out()
            .print(String.format(Locale.ROOT, "%-7s: ", l.level().name().toLowerCase(Locale.ROOT)));
      }
      parent.out().println(l.formatted());
    }
    return 0;
  }
}
