package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code kmodj graph --json} on both bundled samples, a request and the whole graph: valid against
 * docs/schema/graph.schema.json, every edge between listed vertices, and the same as {@code
 * --format json}.
 */
class GraphJsonTest {
  private static final Path MODERN = SampleSystemTest.SAMPLE;
  private static final Path MODUTILS =
      Path.of("..", "samples", "modutils").toAbsolutePath().normalize();

  private static List<String> modern() {
    return List.of(
        "-d",
        MODERN.toString(),
        "-S",
        Kmod30ConformanceTest.VERSION,
        "-C",
        MODERN.resolve("etc/modprobe.d").toString());
  }

  private static List<String> modutils() {
    return List.of(
        "-d",
        MODUTILS.toString(),
        "-S",
        "2.4.27",
        "-C",
        MODUTILS.resolve("etc/modules.conf").toString());
  }

  private static Kmod30ConformanceTest.Result graph(List<String> system, String... rest) {
    List<String> args = new ArrayList<>(List.of("graph"));
    args.addAll(system);
    args.addAll(List.of(rest));
    return Kmod30ConformanceTest.modprobe(args.toArray(String[]::new));
  }

  @Test
  void jsonIsValidOnBothDialects() throws IOException {
    int checked = 0;
    for (List<String> system : List.of(modern(), modutils())) {
      List<String> names =
          system.equals(modern()) ? List.of("eth-virtio", "virtio_blk") : List.of("eth0");
      for (List<String> ask : List.of(names, List.of("--all"))) {
        List<String> json = new ArrayList<>(ask);
        json.add("--json");
        var r = graph(system, json.toArray(String[]::new));
        assertThat(r.exit()).as("%s", ask).isZero();
        assertThat(JsonSchemaCheck.errors("graph.schema.json", r.out())).as("%s", ask).isEmpty();
        List<String> format = new ArrayList<>(ask);
        format.addAll(List.of("--format", "json"));
        assertThat(graph(system, format.toArray(String[]::new)).out()).isEqualTo(r.out());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        Set<String> ids = new HashSet<>();
        doc.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        assertThat(doc.get("nodes")).isNotEmpty();
        for (JsonNode e : doc.get("edges")) {
          assertThat(ids).contains(e.get("source").asText(), e.get("target").asText());
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(4);
  }
}
