package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj lsmod --json} on a simulated kernel: valid against docs/schema/lsmod.schema.json,
 * the same table as the text (rebuilt from the JSON in lsmod's layout), and the text unchanged.
 */
class LsmodJsonTest {
  @TempDir Path tmp;

  private Kmod30ConformanceTest.Result kmodj(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.add(1, "--state");
    a.add(2, tmp.resolve("state").toString());
    return Kmod30ConformanceTest.modprobe(a.toArray(new String[0]));
  }

  private static String text(JsonNode doc) {
    StringBuilder b = new StringBuilder("Module                  Size  Used by\n");
    for (JsonNode m : doc.get("modules")) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-19s %8d  %d",
              m.get("name").asText(),
              m.get("size").asLong(),
              m.get("used").asInt()));
      List<String> holders = new ArrayList<>();
      m.get("holders").forEach(h -> holders.add(h.asText()));
      if (!holders.isEmpty()) {
        b.append(' ').append(String.join(",", holders));
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Test
  void jsonIsTheTableTheTextShows() throws IOException {
    Path sample = SampleSystemTest.SAMPLE;
    assertThat(
            kmodj(
                    "boot",
                    "-d",
                    sample.toString(),
                    "-S",
                    Kmod30ConformanceTest.VERSION,
                    "-C",
                    sample.resolve("etc/modprobe.d").toString())
                .exit())
        .isZero();
    var empty = kmodj("lsmod", "--json");
    assertThat(JsonSchemaCheck.errors("lsmod.schema.json", empty.out())).isEmpty();
    assertThat(new ObjectMapper().readTree(empty.out()).get("modules")).isEmpty();
    assertThat(kmodj("modprobe", "nfsd").exit()).isZero();
    assertThat(kmodj("modprobe", "loop").exit()).isZero();
    var text = kmodj("lsmod");
    var json = kmodj("lsmod", "--json");
    assertThat(JsonSchemaCheck.errors("lsmod.schema.json", json.out())).isEmpty();
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(text(doc)).isEqualTo(text.out());
    assertThat(text.out())
        // the sample's modules are real ELF files: their size is what the kernel would report
        .containsPattern("\nsunrpc +[1-9][0-9]*  4 lockd,nfs_acl,auth_rpcgss,nfsd\n");
    JsonNode loop = doc.get("modules").get(0);
    assertThat(loop.get("name").asText()).isEqualTo("loop");
    assertThat(loop.get("state").asText()).isEqualTo("live");
    assertThat(loop.get("path").asText()).endsWith("/kernel/drivers/block/loop.ko");
    assertThat(JsonSchemaCheck.errors("lsmod.schema.json", "{\"modules\": [{\"name\": \"x\"}]}"))
        .isNotEmpty();
  }
}
