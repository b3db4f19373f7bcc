package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.RequestKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process modprobe is bounded by the helper timeout as an external one is: a run stuck
 * waiting for the state directory's lock is answered {@code -ETIME} at the timeout and leaves the
 * state as it was and the lock free; one stuck planning and deaf to interrupts gets its caller
 * answered {@code -ETIME} after the grace, and never applies when it wakes up. Every wait here is
 * on a latch that the test itself opens, each bounded; {@code @Timeout} is only a safety net.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InProcessTimeoutTest {
  // long enough for a cold modprobe run (configuration and index read) on a loaded machine
  static final Duration SHORT = Duration.ofMillis(1500);

  @TempDir Path tmp;

  static KmodThread.Settings settings() {
    return new KmodThread.Settings(50, SHORT, Duration.ofSeconds(5));
  }

  /** Waits for a latch up to 30 s, deaf to interrupts as a stuck system call is. */
  static boolean awaitDeaf(CountDownLatch latch) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean interrupted = false;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          return latch.await(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aRunWaitingForAStuckLockIsCutOffAndLeavesTheStateAsItWas() throws Exception {
    Path dir = tmp.resolve("state");
    StateStore store = KernelSession.store(dir, Clock.systemUTC());
    store.boot(KernelCommandsTest.sample());
    byte[] before = Files.readAllBytes(dir.resolve(StateStore.STATE_FILE));
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // another command holding the state directory and not letting go
    Thread holder =
        new Thread(
            () ->
                store.apply(
                    k -> {
                      held.countDown();
                      return awaitDeaf(release);
                    }));
    holder.start();
    try (KmodThread kmod =
        KernelSession.kmodThread(settings(), store, KernelCommandsTest.sample(), dir)) {
      RequestKind modules =
          RequestKind.modules(() -> SimulatedKernel.IN_PROCESS_MODPROBE, () -> true);
      assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(kmod.request(modules, "char-major-10-237")).isEqualTo(-Errno.ETIME);
      assertThat(kmod.inFlight()).isZero();
      assertThat(Files.readAllBytes(dir.resolve(StateStore.STATE_FILE))).isEqualTo(before);
      release.countDown();
      holder.join(30_000);
      assertThat(holder.isAlive()).isFalse();
      assertThat(KernelSession.awaitLogWritten(Duration.ofSeconds(30))).isTrue();
      // the lock is free again and nothing of the cut-off run was applied
      assertThat(store.read().modules()).isEmpty();
      assertThat(kmod.request(modules, "char-major-10-237")).isZero();
      assertThat(store.read().modules()).extracting(LoadedModule::name).containsExactly("loop");
      assertThat(store.read().log())
          .extracting(KernelLog.Line::text)
          .contains(
              "kmod: kmodj:modprobe -s -k -- char-major-10-237 hung, in-process modprobe stopped"
                  + " after 1500 ms, nothing applied");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRunStuckPlanningAndDeafToInterruptsIsAnsweredAndNeverAppliesLater() throws Exception {
    SystemImage sys = KernelCommandsTest.sample();
    SimulatedKernel kernel =
        new SimulatedKernel(sys, KernelSession.builtins(sys), Clock.systemUTC(), Optional.empty());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch reachedKernel = new CountDownLatch(1);
    // a kernel whose reading hangs (as a configuration on a dead mount would) until released
    KernelAccess stuck =
        new KernelAccess() {
          @Override
          public <T> T apply(Function<SimulatedKernel, T> action) {
            try {
              return action.apply(kernel);
            } finally {
              reachedKernel.countDown();
            }
          }

          @Override
          public SimulatedKernel snapshot() {
            awaitDeaf(release);
            return kernel.detached();
          }
        };
    try (KmodThread kmod =
        new KmodThread(
            settings(),
            KernelSession.launcher(stuck, sys, tmp),
            (l, t) -> kernel.log().log(l, t))) {
      RequestKind modules = RequestKind.modules(kernel::modprobePath, kernel::compat);
      assertThat(kmod.request(modules, "fs-nfsd")).isEqualTo(-Errno.ETIME);
      // the worker stays with its run, as a kernel's stuck helper keeps its slot
      assertThat(kmod.inFlight()).isEqualTo(1);
      assertThat(kernel.log().lines())
          .extracting(KernelLog.Line::text)
          .contains(
              "kmod: kmodj:modprobe -q -- fs-nfsd gave no answer in 3000 ms; its caller is answered"
                  + " -ETIME");
      // the stuck run wakes up, plans, and is refused when it reaches the kernel
      release.countDown();
      assertThat(reachedKernel.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(kernel.modules()).isEmpty();
      // the kmod thread is alive and the next request loads
      assertThat(kmod.request(modules, "fs-nfsd"))
          .as(() -> kernel.log().lines().toString())
          .isZero();
      assertThat(kernel.modules()).extracting(LoadedModule::name).contains("nfsd", "sunrpc");
    } finally {
      release.countDown();
    }
    List<String> loads =
        kernel.log().lines().stream()
            .map(KernelLog.Line::text)
            .filter(t -> t.startsWith("nfsd: loaded"))
            .toList();
    assertThat(loads).hasSize(1);
  }
}
