package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modern sample system (samples/modern) answers as real kmod 30 did on the full Debian tree
 * with the same configuration (its expected.txt).
 */
class SampleSystemTest {
  static final Path SAMPLE = Path.of("..", "samples", "modern").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void sampleSystemAnswersEveryQueryAsKmod30() throws IOException {
    Path cmdline = Files.writeString(tmp.resolve("cmdline"), Kmod30ConformanceTest.DEFAULT_CMDLINE);
    List<Kmod30ConformanceTest.Query> queries =
        Kmod30ConformanceTest.expected(SAMPLE.resolve("expected.txt"));
    assertThat(queries).hasSize(9);
    for (Kmod30ConformanceTest.Query q : queries) {
      Kmod30ConformanceTest.checkQuery(SAMPLE.resolve("etc/modprobe.d"), SAMPLE, cmdline, q);
    }
  }

  @Test
  void configDumpOfTheSampleListsItsOwnLinesBeforeTheIndex() {
    Kmod30ConformanceTest.Result r =
        Kmod30ConformanceTest.modprobe(
            "modprobe",
            "-C",
            SAMPLE.resolve("etc/modprobe.d").toString(),
            "-d",
            SAMPLE.toString(),
            "-S",
            Kmod30ConformanceTest.VERSION,
            "-c");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("blacklist dummy\nblacklist tun\ninstall virtio_blk ")
        .contains("alias bond* bonding\n", "options virtio_net napi_weight=64\n")
        .contains("# End of configuration files. Dumping indexes now:");
  }
}
