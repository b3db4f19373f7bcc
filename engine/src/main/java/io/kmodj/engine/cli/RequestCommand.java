package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kmodthread.KmodDaemon;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.ProcessLauncher;
import io.kmodj.engine.kmodthread.RequestKind;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodj request NAME}: the kernel asks for a module, as a device open would: through the
 * daemon's socket when a daemon serves the state directory, else through a kmod thread of its own;
 * with {@code --host}, the host's {@code kernel.modprobe} run as its kernel would run it.
 */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Make the kernel request a module (request_module), as a device open would.")
final class RequestCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long modprobe may run before it is killed (default: ${DEFAULT-VALUE})")
  long timeout = 60;

  @Option(names = "--no-daemon", description = "Do not use a running daemon")
  boolean noDaemon;

  @Parameters(paramLabel = "NAME", description = "The name the kernel asks for")
  String name;

  @Override
  public Integer call() {
    int r;
    KmodThread.Settings settings =
        new KmodThread.Settings(
            50, Duration.ofSeconds(timeout), KmodThread.Settings.modern().slotWait());
    if (kernel.host) {
      // as the host kernel would: its kernel.modprobe, -q -- NAME, the fixed environment
      String helper = HostKernel.machine().requestHelper();
      try (KmodThread kmod =
          new KmodThread(
              settings, new ProcessLauncher(), (level, text) -> parent.err().println(text))) {
        r = kmod.request(RequestKind.modules(() -> helper, () -> false), name);
      }
    } else {
      StateStore store = kernel.store();
      OptionalInt viaDaemon =
          noDaemon
              ? OptionalInt.empty()
              : KmodDaemon.request(store.directory().resolve(KmodDaemon.SOCKET), name);
      if (viaDaemon.isPresent()) {
        r = viaDaemon.getAsInt();
      } else {
        KernelState s = store.read();
        try (KmodThread kmod =
            KernelSession.kmodThread(settings, store, s.system(), store.directory())) {
          r =
              kmod.request(
                  RequestKind.modules(
                      () -> store.read().modprobePath(), () -> store.read().compat()),
                  name);
        }
      }
    }
    if (r != 0) {
      parent
          .err()
          .println(
              "kmodj: request_module("
                  + name
                  + ") = -"
                  + Errno.name(r)
                  + " ("
                  + Errno.message(r)
                  + ")");
      return 1;
    }
    return 0;
  }
}
