package io.kmodj.bench;

import io.kmodj.grammar.modprobed.ModprobeDFile;
import io.kmodj.grammar.modprobed.ModprobeDSyntax;
import io.kmodj.grammar.modulesconf.ModulesConfFile;
import io.kmodj.grammar.modulesconf.ModulesConfSyntax;
import io.kmodj.grammar.text.ParseResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing a 100,000-line configuration file, once warm. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx4g"})
public class ParseBenchmark {
  /** Lines in the generated files. */
  public static final int LINES = 100_000;

  String modprobeD;
  String modulesConf;

  @Setup
  public void generate() {
    modprobeD = ConfigGenerator.modprobeD(LINES, 42);
    modulesConf = ConfigGenerator.modulesConf(LINES, 42);
  }

  @Benchmark
  public ParseResult<ModprobeDFile> modprobeD() {
    return ModprobeDSyntax.parse("big.conf", modprobeD);
  }

  @Benchmark
  public ParseResult<ModulesConfFile> modulesConf() {
    return ModulesConfSyntax.parse("modules.conf", modulesConf);
  }
}
