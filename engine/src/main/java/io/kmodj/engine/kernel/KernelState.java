package io.kmodj.engine.kernel;

import java.util.List;
import java.util.Objects;

/**
 * Everything the simulated kernel keeps between commands, as saved in the state directory.
 *
 * @param system the system it was booted on
 * @param bootMillis when it booted, in epoch milliseconds
 * @param modprobePath the {@code kernel.modprobe} sysctl
 * @param compat 2.2/2.4 compatibility: the kmod thread runs {@code modprobe -s -k -- NAME}
 * @param persistDir the persist directory for saved parameters, empty for the state directory's
 *     {@code persist/}
 * @param modules the module table, oldest first
 * @param log the kernel log, oldest first
 */
public record KernelState(
    SystemImage system,
    long bootMillis,
    String modprobePath,
    boolean compat,
    String persistDir,
    List<LoadedModule> modules,
    List<KernelLog.Line> log) {
  public KernelState {
    Objects.requireNonNull(system);
    Objects.requireNonNull(modprobePath);
    Objects.requireNonNull(persistDir);
    modules = List.copyOf(modules);
    log = List.copyOf(log);
  }
}
