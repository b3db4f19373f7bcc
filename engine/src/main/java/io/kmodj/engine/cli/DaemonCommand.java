package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kmodthread.KmodDaemon;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.RequestKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodj daemon}: the kmod thread serving {@code kmodj request} from other processes, and
 * {@code rmmod -a} on a crontab schedule, until stopped (SIGTERM, Ctrl-C).
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Serve kernel requests over a socket and autoclean on a crontab schedule.")
final class DaemonCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = "--schedule",
      paramLabel = "CRON",
      description = "When to autoclean, crontab syntax (default: '${DEFAULT-VALUE}')")
  String schedule = KmodDaemon.DEFAULT_SCHEDULE;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long modprobe may run before it is killed (default: ${DEFAULT-VALUE})")
  long timeout = 60;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (kernel.host) {
      parent.err().println("kmodj: ERROR: the daemon serves the simulated kernel only");
      return 1;
    }
    try {
      KmodDaemon.parse(schedule);
    } catch (IllegalArgumentException e) {
      parent.err().println("kmodj: ERROR: bad schedule '" + schedule + "': " + e.getMessage());
      return 1;
    }
    StateStore store = kernel.store();
    KernelState s = store.read();
    KmodThread kmod =
        KernelSession.kmodThread(
            new KmodThread.Settings(
                50, Duration.ofSeconds(timeout), KmodThread.Settings.modern().slotWait()),
            store,
            s.system(),
            store.directory());
    RequestKind modules =
        RequestKind.modules(() -> store.read().modprobePath(), () -> store.read().compat());
    CountDownLatch stop = new CountDownLatch(1);
    KmodDaemon d =
        new KmodDaemon(
            kmod,
            modules,
            () -> store.apply(k -> k.autoclean()),
            schedule,
            store.directory().resolve(KmodDaemon.SOCKET),
            Clock.system(ZoneId.systemDefault()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // SIGTERM: the JVM ends after the hooks, so the socket goes here
                  try {
                    d.close();
                  } catch (IOException e) {
                    stop.countDown();
                  }
                  stop.countDown();
                }));
    parent
        .out()
        .println("kmodj daemon: serving " + d.socket() + ", rmmod -a at '" + schedule + "'");
    parent.out().flush();
    stop.await();
    d.close();
    return 0;
  }
}
