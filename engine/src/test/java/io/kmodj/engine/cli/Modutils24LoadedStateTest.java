package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modutils 2.4 records that ran with modules loaded ({@code FAKE_LOADED}) replayed on the
 * simulated kernel: the modules are loaded (with their use counts) in a state directory, and {@code
 * kmodj modprobe --state DIR} plans against it, answering as modutils did.
 */
class Modutils24LoadedStateTest {
  @TempDir static Path dir;

  @BeforeAll
  static void corpus() throws IOException {
    Modutils24ConformanceTest.tmp = Files.createDirectories(dir.resolve("corpus"));
    Modutils24ConformanceTest.copyCorpus();
  }

  static List<Modutils24ConformanceTest.Run> loadedRecords() throws IOException {
    return Modutils24ConformanceTest.records().stream()
        .filter(r -> r.fakeLoaded() != null)
        .toList();
  }

  @Test
  void theCorpusHasRecordsWithLoadedModules() throws IOException {
    assertThat(loadedRecords()).hasSizeGreaterThanOrEqualTo(2);
  }

  @TestFactory
  Stream<DynamicTest> recordsWithLoadedModulesAnswerTheSameOnTheSimulatedKernel()
      throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (Modutils24ConformanceTest.Run r : loadedRecords()) {
      Path state = dir.resolve("state-" + n++);
      tests.add(DynamicTest.dynamicTest(r.title(), () -> replay(r, state)));
    }
    return tests.stream();
  }

  private static void replay(Modutils24ConformanceTest.Run r, Path state) throws IOException {
    StateStore store = KernelSession.store(state, Clock.systemUTC());
    store.boot(
        new SystemImage(
            Modutils24ConformanceTest.root.toString(), "2.4.27", "modutils", List.of()));
    int loaded = store.apply(k -> load(k, r.fakeLoaded()));
    assertThat(loaded).isZero();
    List<String> args = new ArrayList<>(Modutils24ConformanceTest.arguments(r));
    int proc = args.indexOf("--proc-modules");
    args.remove(proc + 1);
    args.remove(proc);
    args.addAll(1, List.of("--state", state.toString()));
    Kmod30ConformanceTest.Result got = Kmod30ConformanceTest.modprobe(args.toArray(new String[0]));
    String err = got.err().replace(Modutils24ConformanceTest.tmp + "/", "");
    assertThat(got.out()).isEqualTo(Modutils24ConformanceTest.substitute(r.out()));
    assertThat(got.exit()).isEqualTo(r.exit());
    assertThat(err).isEqualTo(Modutils24ConformanceTest.substitute(r.err()));
  }

  /** FAKE_LOADED's list: {@code name} or {@code name:usecount}. */
  private static int load(SimulatedKernel k, String fake) {
    int err = 0;
    for (String w : fake.trim().split("\\s+", -1)) {
      int colon = w.indexOf(':');
      String name = colon < 0 ? w : w.substring(0, colon);
      int uses = colon < 0 ? 0 : Integer.parseInt(w.substring(colon + 1));
      err |=
          k.initModule(
              new SimulatedKernel.InitRequest(name, "/" + name + ".o", 1024, List.of(), "", false));
      for (int i = 0; i < uses; i++) {
        err |= k.get(name);
      }
    }
    return err;
  }
}
