package io.kmodj.engine.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code kmodj modprobe}, as kmod's modprobe reads them.
 *
 * @param all {@code -a}
 * @param remove {@code -r}
 * @param removeHolders {@code --remove-holders}
 * @param resolveOnly {@code -R}
 * @param firstTime {@code --first-time}
 * @param ignoreCommands {@code -i}
 * @param useBlacklist {@code -b}
 * @param showDepends {@code -D}/{@code --show-depends}
 * @param showConfig {@code -c}
 * @param dryRun {@code -n}
 * @param configPaths {@code -C}, in order
 * @param root {@code -d}
 * @param version {@code -S}
 * @param verbosity kmod's log level after {@code -q} and {@code -v}
 * @param dialect {@code kmod} or {@code modutils}
 * @param cmdline {@code --cmdline FILE}
 * @param batch {@code --batch FILE} ({@code -} for standard input)
 * @param args the module name and its options, or the names with {@code -a}/{@code -r}
 */
record ModprobeOptions(
    boolean all,
    boolean remove,
    boolean removeHolders,
    boolean resolveOnly,
    boolean firstTime,
    boolean ignoreCommands,
    boolean useBlacklist,
    boolean showDepends,
    boolean showConfig,
    boolean dryRun,
    List<String> configPaths,
    Optional<String> root,
    Optional<String> version,
    int verbosity,
    String dialect,
    Optional<String> cmdline,
    Optional<String> batch,
    List<String> args) {
  ModprobeOptions {
    configPaths = List.copyOf(configPaths);
    Objects.requireNonNull(root);
    Objects.requireNonNull(version);
    Objects.requireNonNull(dialect);
    Objects.requireNonNull(cmdline);
    Objects.requireNonNull(batch);
    args = List.copyOf(args);
  }

  /** Whether modprobe only prints (never touches a kernel). */
  boolean printsOnly() {
    return showDepends || dryRun || resolveOnly || showConfig;
  }
}
