package io.kmodj.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.kmodj.bench.CpuProfiler}) that reports the benchmark process's
 * CPU time (user and system, every thread: callers, workers, timers, GC, compiler) per operation,
 * {@code cpu.per.op} in µs, and the CPUs it kept busy on average, {@code cpu.busy}. Unlike
 * wall-clock figures, CPU per operation hardly moves when other processes load the machine, so two
 * runs can be compared on a shared machine.
 */
public final class CpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuBefore;
  private long wallBefore;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore = os.getProcessCpuTime();
    wallBefore = System.nanoTime();
  }

  // JMH's own signature uses the raw Result
  @SuppressWarnings("rawtypes")
  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuBefore;
    long wall = System.nanoTime() - wallBefore;
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(
            "cpu.per.op", ops == 0 ? Double.NaN : cpu / 1e3 / ops, "us/op", AggregationPolicy.AVG),
        new ScalarResult(
            "cpu.busy",
            wall == 0 ? Double.NaN : (double) cpu / wall,
            "CPUs",
            AggregationPolicy.AVG));
  }
}
