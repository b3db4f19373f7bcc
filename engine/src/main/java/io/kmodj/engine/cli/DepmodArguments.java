package io.kmodj.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kmodj depmod} arguments read without picocli, for the plain command lines scripts and
 * benchmarks give ({@code depmod -b ROOT -n VERSION}): picocli's classes are too old for class data
 * sharing, and loading them and building the command's model costs a tenth of a second, a fifth of
 * a whole depmod run. As {@link ModprobeArguments}, this reader declines whatever it is not sure to
 * read exactly as picocli does (an option it does not know, the deprecated ones, {@code -h}, {@code
 * --version}, an option given twice, short options written together, a value attached to a short
 * option or starting with {@code -}, an {@code @file}), and picocli then reads the command line.
 * {@code DepmodArgumentsTest} checks both readers agree on every command line this one accepts.
 */
final class DepmodArguments {
  private DepmodArguments() {}

  private static final Map<String, PlainArguments.Flag<DepmodCommand>> FLAGS =
      Map.ofEntries(
          Map.entry("-a", c -> c.all = true),
          Map.entry("--all", c -> c.all = true),
          Map.entry("-A", c -> c.quick = true),
          Map.entry("--quick", c -> c.quick = true),
          Map.entry("-w", c -> c.warnDups = true),
          Map.entry("--warn", c -> c.warnDups = true),
          Map.entry("-n", c -> c.dryRun = true),
          Map.entry("--show", c -> c.dryRun = true),
          Map.entry("--dry-run", c -> c.dryRun = true),
          Map.entry("-e", c -> c.errsyms = true),
          Map.entry("--errsyms", c -> c.errsyms = true));

  private static final Map<String, PlainArguments.Value<DepmodCommand>> VALUES =
      Map.ofEntries(
          Map.entry("-b", (c, v) -> c.root = v),
          Map.entry("--basedir", (c, v) -> c.root = v),
          Map.entry("-F", (c, v) -> c.systemMap = Path.of(v)),
          Map.entry("--filesyms", (c, v) -> c.systemMap = Path.of(v)),
          Map.entry("-E", (c, v) -> c.symvers = Path.of(v)),
          Map.entry("--symvers", (c, v) -> c.symvers = Path.of(v)),
          Map.entry("-P", (c, v) -> c.symPrefix = v),
          Map.entry("--symbol-prefix", (c, v) -> c.symPrefix = v),
          Map.entry("-C", (c, v) -> c.configPaths.add(v)),
          Map.entry("--config", (c, v) -> c.configPaths.add(v)));

  private static final List<List<String>> GROUPS =
      List.of(
          List.of("all", "-a", "--all"),
          List.of("quick", "-A", "--quick"),
          List.of("warn", "-w", "--warn"),
          List.of("dryRun", "-n", "--show", "--dry-run"),
          List.of("errsyms", "-e", "--errsyms"),
          List.of("root", "-b", "--basedir"),
          List.of("filesyms", "-F", "--filesyms"),
          List.of("symvers", "-E", "--symvers"),
          List.of("prefix", "-P", "--symbol-prefix"),
          List.of("config", "-C", "--config"));

  private static final PlainArguments<DepmodCommand> READER =
      new PlainArguments<>(
          "depmod",
          DepmodCommand::new,
          FLAGS,
          VALUES,
          GROUPS,
          Set.of("config"),
          false,
          (c, a) -> c.args.add(a),
          (c, v) -> c.verbose = v);

  /** The option names this reader knows, for the test that compares them with picocli's. */
  static Set<String> names() {
    return READER.names();
  }

  /**
   * Reads {@code depmod ARGS...}.
   *
   * @param args the whole command line ({@code depmod} first)
   * @return the command with its fields set, or empty when picocli must read this command line
   */
  static Optional<DepmodCommand> parse(String... args) {
    return READER.parse(args);
  }
}
