package io.kmodj.engine.kernel;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A child process for the state tests: {@code StateWriter DIR TAG N} runs N transactions, each
 * loading a module TAG-i with a long option string and logging a line; N = 0 runs forever.
 */
public final class StateWriter {
  private StateWriter() {}

  public static void main(String[] args) {
    StateStore store = new StateStore(Path.of(args[0]), Clock.systemUTC(), s -> n -> false);
    String tag = args[1];
    int n = Integer.parseInt(args[2]);
    String options = "p=" + "x".repeat(2000);
    for (int i = 0; n == 0 || i < n; i++) {
      int index = i;
      store.apply(
          k -> {
            k.log().log(KernelLog.Level.INFO, tag + " " + index);
            return k.initModule(
                new SimulatedKernel.InitRequest(
                    tag + "_" + (index % 300), "/m", 1, List.of(), options, false));
          });
    }
  }
}
