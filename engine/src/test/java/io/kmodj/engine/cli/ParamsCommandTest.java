package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kmodj params}: the report as text (a table and the options lines) and as JSON. */
class ParamsCommandTest {
  static final Path SAMPLE = SampleSystemTest.SAMPLE;

  @TempDir Path tmp;

  Kmod30ConformanceTest.Result kmodj(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.add(1, "--state");
    a.add(2, tmp.resolve("state").toString());
    return Kmod30ConformanceTest.modprobe(a.toArray(new String[0]));
  }

  private void bootAndLoad() {
    assertThat(
            kmodj(
                    "boot",
                    "-d",
                    SAMPLE.toString(),
                    "-S",
                    Kmod30ConformanceTest.VERSION,
                    "-C",
                    SAMPLE.resolve("etc/modprobe.d").toString())
                .exit())
        .isZero();
    assertThat(kmodj("modprobe", "loop", "max_part=4").exit()).isZero();
  }

  @Test
  void textShowsATableAndWhereEachOptionsLineIs() throws Exception {
    bootAndLoad();
    Path cmdline = tmp.resolve("cmdline");
    Files.writeString(cmdline, "ro quiet loop.max_loop=32\n");
    var r = kmodj("params", "--cmdline", cmdline.toString(), "loop");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains(
            "module:     loop (loaded)\n",
            "configured: max_loop=16 max_loop=32\n",
            "live:       max_loop=16 max_part=4\n",
            "options lines:\n",
            "  kernel command line: max_loop=32\n");
    assertThat(r.out()).containsPattern("\n  \\S*20-storage\\.conf:2: max_loop=16\n");
    // the command line comes last and wins, as kmod reads it after the files
    assertThat(r.out())
        .containsPattern("\nmax_loop +int +32 +- +16 +Maximum number of loop devices\n");
    assertThat(r.out())
        .containsPattern(
            "\nmax_part +int +- +- +4 +Maximum number of partitions per loop device\n");
  }

  @Test
  void jsonHasOneObjectPerParameter() throws Exception {
    bootAndLoad();
    var r = kmodj("params", "--json", "loop");
    assertThat(r.exit()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("module").asText()).isEqualTo("loop");
    assertThat(doc.get("loaded").asBoolean()).isTrue();
    JsonNode first = doc.get("parameters").get(0);
    assertThat(first.get("name").asText()).isEqualTo("max_loop");
    assertThat(first.get("configured").asText()).isEqualTo("16");
    assertThat(first.get("configuredAt").get("line").asInt()).isEqualTo(2);
    assertThat(first.get("live").asText()).isEqualTo("16");
    assertThat(first.get("saved").isNull()).isTrue();
    assertThat(doc.get("options").get(0).get("options").asText()).isEqualTo("max_loop=16");
    assertThat(doc.get("saved").get("file").asText()).endsWith("/loop");
  }

  @Test
  void anUnreadableCommandLineFileIsAClearError() {
    bootAndLoad();
    var r = kmodj("params", "--cmdline", tmp.resolve("absent").toString(), "loop");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("kmodj: ERROR: cannot read ").doesNotContain("Exception\n\tat");
  }
}
