package io.kmodj.bench;

import io.kmodj.engine.cli.KernelSession;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.RequestKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * request_module() through the kmod thread and the in-process modprobe, on the bundled samples
 * (samples/modern with modprobe.d, samples/modutils with modules.conf; -Dkmodj.samples=DIR for
 * another samples folder), with 1, 8 and 50 concurrent callers. Each caller cycles through aliases
 * of modules the kernel already has, so every request runs a whole modprobe (configuration, lookup,
 * plan) that finds its module loaded, as repeated device opens do.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RequestModuleBenchmark {
  static final List<String> MODERN =
      List.of("char-major-10-237", "fs-nfsd", "eth-virtio", "fs-btrfs", "bond0", "loop");

  static final List<String> MODUTILS =
      List.of("eth0", "char-major-14", "sound-slot-0", "block-major-7", "char-major-6", "ppp0");

  /** One kernel and kmod thread shared by all callers. */
  @State(Scope.Benchmark)
  public static class Kernel {
    /** Which sample. */
    @Param({"modern", "modutils"})
    public String system;

    List<String> names;
    SimulatedKernel kernel;
    KmodThread kmod;
    RequestKind modules;

    @Setup(Level.Trial)
    public void boot() throws Exception {
      Path root =
          Path.of(System.getProperty("kmodj.samples", "samples"))
              .resolve(system)
              .toAbsolutePath()
              .normalize();
      boolean modutils = system.equals("modutils");
      names = modutils ? MODUTILS : MODERN;
      SystemImage sys =
          modutils
              ? new SystemImage(
                  root.toString(),
                  "2.4.27",
                  "modutils",
                  List.of(root.resolve("etc/modules.conf").toString()))
              : new SystemImage(
                  root.toString(),
                  "6.1.0-47-cloud-amd64",
                  "kmod",
                  List.of(root.resolve("etc/modprobe.d").toString()));
      kernel =
          new SimulatedKernel(
              sys, KernelSession.builtins(sys), Clock.systemUTC(), Optional.empty());
      Path tmp = Files.createTempDirectory("kmodj-bench");
      kmod =
          new KmodThread(
              KmodThread.Settings.modern(),
              KernelSession.launcher(KernelAccess.of(kernel), sys, tmp),
              (l, t) -> kernel.log().log(l, t));
      modules = RequestKind.modules(kernel::modprobePath, kernel::compat);
      for (String n : names) {
        if (kmod.request(modules, n) != 0) {
          throw new IllegalStateException("cannot load " + n + " from " + root);
        }
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      kmod.close();
    }
  }

  /** Each caller's position in the list of names. */
  @State(Scope.Thread)
  public static class Caller {
    int next;

    String name(List<String> names) {
      next = (next + 1) % names.size();
      return names.get(next);
    }
  }

  @Benchmark
  @Threads(1)
  public int callers01(Kernel k, Caller c) {
    return k.kmod.request(k.modules, c.name(k.names));
  }

  @Benchmark
  @Threads(8)
  public int callers08(Kernel k, Caller c) {
    return k.kmod.request(k.modules, c.name(k.names));
  }

  @Benchmark
  @Threads(50)
  public int callers50(Kernel k, Caller c) {
    return k.kmod.request(k.modules, c.name(k.names));
  }
}
