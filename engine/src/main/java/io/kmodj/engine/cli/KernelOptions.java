package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Options every command on the kernel shares: where its state is, or the host's kernel. */
final class KernelOptions {
  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "State directory of the simulated kernel (default: $XDG_STATE_HOME/kmodj)")
  Path state;

  @Option(
      names = "--host",
      description = "Use this machine's kernel: read /proc and /sys, act through its programs")
  boolean host;

  /** The state directory. */
  Path stateDirectory() {
    return state != null ? state : StateStore.defaultDirectory(System.getenv());
  }

  /** The simulated kernel's state directory. */
  StateStore store() {
    return KernelSession.store(stateDirectory(), Clock.systemUTC());
  }
}
