package io.kmodj.engine.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a configuration comes from.
 *
 * @param paths configuration files or directories, highest priority first; empty means the
 *     dialect's default places
 * @param moduleDirectory the module directory ({@code ROOT/lib/modules/VERSION}) as kmod names it
 * @param kernelCommandLine the kernel command line, if any is to be honoured
 * @param commandLineName the name to report for command-line entries ({@code /proc/cmdline})
 */
public record ConfigSource(
    List<String> paths,
    String moduleDirectory,
    Optional<String> kernelCommandLine,
    String commandLineName) {
  public ConfigSource {
    paths = List.copyOf(paths);
    Objects.requireNonNull(moduleDirectory);
    Objects.requireNonNull(kernelCommandLine);
    Objects.requireNonNull(commandLineName);
  }
}
