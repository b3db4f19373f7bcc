package io.kmodj.gui.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A simulation in a temporary directory of its own leaves nothing behind once closed. */
class SimulationTest {
  @Test
  void closingDeletesTheTemporaryDirectoryWithWhatTheKernelWroteThere() throws Exception {
    Simulation sim =
        Simulation.inTemporaryDirectory(SimulationPaneTest.modern(), Clock.systemUTC());
    Path dir = sim.ownedDirectory().orElseThrow();
    assertThat(dir).isDirectory();
    assertThat(sim.request("loop").lines()).isNotEmpty();
    // an unload saves the module's parameters under the directory
    assertThat(sim.rmmod("loop")).isEmpty();
    assertThat(dir.resolve("persist")).isDirectory();

    sim.close();

    assertThat(Files.exists(dir)).as(dir + " deleted").isFalse();
  }

  @Test
  void aSimulationOverAGivenDirectoryLeavesIt() throws Exception {
    Path dir = Files.createTempDirectory("kmodj-sim-test");
    try {
      Simulation sim =
          new Simulation(SimulationPaneTest.modern(), dir.resolve("persist"), Clock.systemUTC());
      assertThat(sim.ownedDirectory()).isEmpty();
      sim.close();
      assertThat(dir).isDirectory();
    } finally {
      Files.deleteIfExists(dir);
    }
  }
}
