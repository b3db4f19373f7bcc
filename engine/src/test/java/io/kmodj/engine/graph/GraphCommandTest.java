package io.kmodj.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmodj.engine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** {@code kmodj graph} shows exactly what the planner plans, in its order, in every format. */
class GraphCommandTest {
  static final Path SAMPLE = Path.of("..", "samples", "modern").toAbsolutePath().normalize();

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> all =
        new ArrayList<>(
            List.of(
                "-d",
                SAMPLE.toString(),
                "-S",
                "6.1.0-47-cloud-amd64",
                "-C",
                SAMPLE.resolve("etc/modprobe.d").toString()));
    List<String> full = new ArrayList<>(List.of(args[0]));
    full.addAll(all);
    full.addAll(List.of(args).subList(1, args.length));
    Main.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        full.toArray(String[]::new));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The module names --show-depends prints, in order. */
  private static List<String> showDepends(String name) {
    List<String> mods = new ArrayList<>();
    for (String line : run("modprobe", "--show-depends", name).lines().toList()) {
      String path = line.substring("insmod ".length(), line.indexOf(' ', "insmod ".length()));
      mods.add(path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.ko.*$", ""));
    }
    return mods;
  }

  @Test
  void jsonGraphNumbersExactlyThePlannedModulesInTheirOrder() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(run("graph", "--format", "json", "bonding"));
    Map<Integer, String> order = new TreeMap<>();
    for (JsonNode n : doc.get("nodes")) {
      if (n.has("order")) {
        order.put(n.get("order").asInt(), n.get("label").asText());
      }
    }
    assertThat(new ArrayList<>(order.values())).isEqualTo(showDepends("bonding"));
    List<String> edges = new ArrayList<>();
    for (JsonNode e : doc.get("edges")) {
      edges.add(
          e.get("source").asText() + " " + e.get("kind").asText() + " " + e.get("target").asText());
    }
    assertThat(edges)
        .contains(
            "module:bonding soft-pre module:8021q",
            "module:bonding soft-post module:dummy",
            "module:8021q hard module:garp");
  }

  @Test
  void anAliasIsDrawnPointingAtItsModule() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(run("graph", "--format", "json", "eth-virtio"));
    List<String> edges = new ArrayList<>();
    for (JsonNode e : doc.get("edges")) {
      edges.add(
          e.get("source").asText() + " " + e.get("kind").asText() + " " + e.get("target").asText());
    }
    assertThat(edges).contains("alias:eth-virtio alias module:virtio_net");
  }

  @Test
  void anInstallCommandIsAVertexOfItsModule() {
    String dot = run("graph", "virtio_blk");
    assertThat(dot).contains("\"install:virtio_blk\"").contains("shape=\"note\"");
  }

  @Test
  void dotAndGraphmlAreWellFormed() throws Exception {
    String dot = run("graph", "--format", "dot", "bonding");
    assertThat(dot).startsWith("digraph kmodj {").contains("\"module:bonding\" -> \"module:tls\"");
    String graphml = run("graph", "--format", "graphml", "bonding");
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(graphml.getBytes(StandardCharsets.UTF_8)));
    assertThat(xml.getElementsByTagName("node").getLength()).isEqualTo(8);
  }

  @Test
  void wholeGraphHasEveryModule() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(run("graph", "--format", "json", "--all"));
    long modules = 0;
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("kind").asText().equals("module")) {
        modules++;
      }
    }
    long depLines =
        java.nio.file.Files.readAllLines(
                SAMPLE.resolve("lib/modules/6.1.0-47-cloud-amd64/modules.dep"))
            .stream()
            .filter(l -> !l.isBlank())
            .count();
    assertThat(modules).isGreaterThanOrEqualTo(depLines);
  }
}
