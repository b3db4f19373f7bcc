package io.kmodj.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path tmp;

  StateStore store() {
    return new StateStore(tmp.resolve("state"), Clock.systemUTC(), s -> n -> false);
  }

  static Process writer(Path dir, String tag, int n) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            StateWriter.class.getName(),
            dir.toString(),
            tag,
            Integer.toString(n))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void stateSurvivesBetweenStoresAndKeepsThePreviousOne() {
    StateStore s = store();
    s.apply(
        k ->
            k.initModule(
                new SimulatedKernel.InitRequest("loop", "/m", 1, List.of(), "max_loop=8", true)));
    s.apply(k -> k.get("loop"));
    KernelState st = store().read();
    assertThat(st.modules())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.useCount()).isEqualTo(1);
              assertThat(m.flags()).contains(ModuleFlag.AUTOCLEAN, ModuleFlag.VISITED);
              assertThat(m.parameters()).containsEntry("max_loop", "8");
            });
    assertThat(tmp.resolve("state").resolve(StateStore.PREVIOUS_FILE)).exists();
  }

  @Test
  void unreadableStateFallsBackToThePreviousOneAndSaysSo() throws IOException {
    StateStore s = store();
    s.apply(
        k -> k.initModule(new SimulatedKernel.InitRequest("loop", "/m", 1, List.of(), "", false)));
    s.apply(
        k -> {
          k.setModprobePath("/sbin/modprobe");
          return 0;
        });
    Files.writeString(tmp.resolve("state").resolve(StateStore.STATE_FILE), "{ torn");
    KernelState st = s.read();
    assertThat(st.modules()).extracting(LoadedModule::name).containsExactly("loop");
    assertThat(st.log()).anyMatch(l -> l.text().contains("unreadable"));
  }

  @Test
  void twoProcessesWritingAtOnceLoseNothing() throws Exception {
    Path dir = tmp.resolve("state");
    Process a = writer(dir, "a", 40);
    Process b = writer(dir, "b", 40);
    assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    KernelState st = store().read();
    List<String> lines = new ArrayList<>();
    st.log().forEach(l -> lines.add(l.text()));
    for (int i = 0; i < 40; i++) {
      assertThat(lines).contains("a " + i, "b " + i);
    }
    assertThat(st.modules()).hasSize(80);
  }

  @Test
  void killDashNineWhileWritingLeavesAReadableState() throws Exception {
    Path dir = tmp.resolve("state");
    Process w = writer(dir, "w", 0);
    try {
      // wait (bounded) until the writer has committed a few transactions
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && !(Files.exists(dir.resolve(StateStore.PREVIOUS_FILE))
              && store().read().modules().size() >= 20)) {
        Thread.onSpinWait();
      }
    } finally {
      w.destroyForcibly();
      assertThat(w.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    KernelState st = store().read();
    assertThat(st.modules()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(st.log()).noneMatch(l -> l.text().contains("unreadable"));
    // and the next transaction works on it
    int size = store().apply(k -> k.modules().size());
    assertThat(size).isGreaterThanOrEqualTo(20);
  }
}
