package io.kmodj.engine.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kmodj modprobe} arguments read without picocli, for the plain command lines scripts and
 * benchmarks give ({@code modprobe -C DIR -d ROOT -S VERSION --show-depends NAME}): building
 * picocli's model of the command costs a fifth of a second of a short run, more than reading the
 * configuration from the cache. Anything this reader is not sure to read exactly as picocli does
 * (an option it does not know, {@code -h}, {@code --version}, an option given twice, a value
 * attached to a short option or starting with {@code -}, an {@code @file}) makes it decline, and
 * picocli reads the command line as always. {@code ModprobeArgumentsTest} checks both readers agree
 * on every command line this one accepts.
 */
final class ModprobeArguments {
  private ModprobeArguments() {}

  private static final Map<String, PlainArguments.Flag<ModprobeCommand>> FLAGS =
      Map.ofEntries(
          Map.entry("-a", c -> c.all = true),
          Map.entry("--all", c -> c.all = true),
          Map.entry("-r", c -> c.remove = true),
          Map.entry("--remove", c -> c.remove = true),
          Map.entry("--remove-holders", c -> c.removeHolders = true),
          Map.entry("--remove-dependencies", c -> c.removeHolders = true),
          Map.entry("-R", c -> c.resolve = true),
          Map.entry("--resolve-alias", c -> c.resolve = true),
          Map.entry("--first-time", c -> c.firstTime = true),
          Map.entry("-i", c -> c.ignoreCommands = true),
          Map.entry("--ignore-install", c -> c.ignoreCommands = true),
          Map.entry("--ignore-remove", c -> c.ignoreCommands = true),
          Map.entry("-b", c -> c.useBlacklist = true),
          Map.entry("--use-blacklist", c -> c.useBlacklist = true),
          Map.entry("-f", c -> c.force = true),
          Map.entry("--force", c -> c.force = true),
          Map.entry("--force-modversion", c -> c.force = true),
          Map.entry("--force-vermagic", c -> c.force = true),
          Map.entry("-D", c -> c.showDepends = true),
          Map.entry("--show-depends", c -> c.showDepends = true),
          Map.entry("-c", c -> c.showConfig = true),
          Map.entry("--showconfig", c -> c.showConfig = true),
          Map.entry("--show-config", c -> c.showConfig = true),
          Map.entry("-n", c -> c.dryRun = true),
          Map.entry("--dry-run", c -> c.dryRun = true),
          Map.entry("--show", c -> c.dryRun = true),
          Map.entry("-s", c -> c.syslog = true),
          Map.entry("--syslog", c -> c.syslog = true),
          Map.entry("-q", c -> c.quiet = true),
          Map.entry("--quiet", c -> c.quiet = true),
          Map.entry("-k", c -> c.autoclean = true),
          Map.entry("--autoclean", c -> c.autoclean = true),
          Map.entry("-l", c -> c.list = true),
          Map.entry("--list", c -> c.list = true),
          Map.entry("--allow-exec", c -> c.allowExec = true),
          Map.entry("--host", c -> c.kernelOptions.host = true));

  private static final Map<String, PlainArguments.Value<ModprobeCommand>> VALUES =
      Map.ofEntries(
          Map.entry("-w", (c, v) -> c.waitMsec = v),
          Map.entry("--wait", (c, v) -> c.waitMsec = v),
          Map.entry("-C", (c, v) -> c.config.add(v)),
          Map.entry("--config", (c, v) -> c.config.add(v)),
          Map.entry("-d", (c, v) -> c.root = v),
          Map.entry("--dirname", (c, v) -> c.root = v),
          Map.entry("-S", (c, v) -> c.version = v),
          Map.entry("--set-version", (c, v) -> c.version = v),
          Map.entry("--dialect", (c, v) -> c.dialect = v),
          Map.entry("-t", (c, v) -> c.type = v),
          Map.entry("--type", (c, v) -> c.type = v),
          Map.entry("--proc-modules", (c, v) -> c.procModules = v),
          Map.entry("--cmdline", (c, v) -> c.cmdline = v),
          Map.entry("--batch", (c, v) -> c.batch = v));

  /** The options that may be given more than once: each -C adds a path, each -v counts. */
  private static final Set<String> REPEATABLE = Set.of("config", "verbose");

  private static final List<List<String>> GROUPS =
      List.of(
          List.of("all", "-a", "--all"),
          List.of("remove", "-r", "--remove"),
          List.of("removeHolders", "--remove-holders", "--remove-dependencies"),
          List.of("resolve", "-R", "--resolve-alias"),
          List.of("ignore", "-i", "--ignore-install", "--ignore-remove"),
          List.of("blacklist", "-b", "--use-blacklist"),
          List.of("force", "-f", "--force", "--force-modversion", "--force-vermagic"),
          List.of("showDepends", "-D", "--show-depends"),
          List.of("showConfig", "-c", "--showconfig", "--show-config"),
          List.of("dryRun", "-n", "--dry-run", "--show"),
          List.of("syslog", "-s", "--syslog"),
          List.of("quiet", "-q", "--quiet"),
          List.of("autoclean", "-k", "--autoclean"),
          List.of("list", "-l", "--list"),
          List.of("wait", "-w", "--wait"),
          List.of("config", "-C", "--config"),
          List.of("root", "-d", "--dirname"),
          List.of("version", "-S", "--set-version"),
          List.of("type", "-t", "--type"));

  private static final PlainArguments<ModprobeCommand> READER =
      new PlainArguments<>(
          "modprobe",
          ModprobeCommand::new,
          FLAGS,
          VALUES,
          GROUPS,
          REPEATABLE,
          true,
          (c, a) -> c.args.add(a),
          (c, v) -> c.verbose = v);

  /** The option names this reader knows, for the test that compares them with picocli's. */
  static Set<String> names() {
    return READER.names();
  }

  /**
   * Reads {@code modprobe ARGS...}.
   *
   * @param args the whole command line ({@code modprobe} first)
   * @return the command with its fields set, or empty when picocli must read this command line
   */
  static Optional<ModprobeCommand> parse(String... args) {
    return READER.parse(args);
  }
}
