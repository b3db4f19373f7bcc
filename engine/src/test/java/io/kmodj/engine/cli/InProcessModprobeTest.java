package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.HelperResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The in-process modprobe of the kmod thread: a run that loads takes the kernel to apply what it
 * planned on a copy; a run that finds everything loaded answers from the copy and never takes the
 * kernel, on both dialects (modutils' modprobe asks insmod again for a loaded module, which the
 * kernel refuses with EEXIST and nothing else: that call is not one to make again).
 */
class InProcessModprobeTest {
  /** A kernel that counts how often it is taken. */
  private static final class Counting implements KernelAccess {
    final SimulatedKernel kernel;
    final AtomicInteger taken = new AtomicInteger();

    Counting(SystemImage sys) {
      kernel =
          new SimulatedKernel(
              sys, KernelSession.builtins(sys), Clock.systemUTC(), Optional.empty());
    }

    @Override
    public <T> T apply(Function<SimulatedKernel, T> action) {
      taken.incrementAndGet();
      return action.apply(kernel);
    }
  }

  private static HelperResult request(Counting k, SystemImage sys, String name) {
    return new InProcessModprobe(k, sys)
        .run(List.of("kmodj:modprobe", "-q", "--", name), Map.of(), Duration.ofSeconds(30));
  }

  private static void check(SystemImage sys, String name, String module) {
    Counting k = new Counting(sys);
    assertThat(request(k, sys, name)).isEqualTo(HelperResult.exited(0));
    assertThat(k.kernel.modules()).extracting(LoadedModule::name).contains(module);
    // the copy, then the kernel to apply the loads
    assertThat(k.taken).hasValue(2);
    int before = k.kernel.modules().size();
    k.taken.set(0);
    assertThat(request(k, sys, name)).isEqualTo(HelperResult.exited(0));
    assertThat(k.kernel.modules()).hasSize(before);
    // the copy only: nothing to apply
    assertThat(k.taken).hasValue(1);
  }

  @Test
  void aModernRequestForALoadedModuleDoesNotTakeTheKernel() {
    Path root = SampleSystemTest.SAMPLE;
    check(
        new SystemImage(
            root.toString(),
            Kmod30ConformanceTest.VERSION,
            "kmod",
            List.of(root.resolve("etc/modprobe.d").toString())),
        "bond0",
        "bonding");
  }

  @Test
  void aModutilsRequestForALoadedModuleDoesNotTakeTheKernel() {
    Path root = ModutilsSampleTest.SAMPLE;
    check(
        new SystemImage(
            root.toString(),
            "2.4.27",
            "modutils",
            List.of(root.resolve("etc/modules.conf").toString())),
        "sound-slot-0",
        "sb");
  }
}
