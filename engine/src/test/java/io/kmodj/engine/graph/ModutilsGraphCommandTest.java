package io.kmodj.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmodj.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code kmodj graph} on the modutils sample: the numbers follow modutils' modprobe {@code -n -v},
 * and probeall, below, above and hooks are edges of their own.
 */
class ModutilsGraphCommandTest {
  static final Path SAMPLE = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> full = new ArrayList<>(List.of(args[0]));
    full.addAll(
        List.of(
            "-d",
            SAMPLE.toString(),
            "-S",
            "2.4.27",
            "-C",
            SAMPLE.resolve("etc/modules.conf").toString()));
    full.addAll(List.of(args).subList(1, args.length));
    Main.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        full.toArray(String[]::new));
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The modules {@code modprobe -n -v} inserts, in order, each once (a dry run of a probeall list
   * inserts shared dependencies again for every candidate: nothing is really loaded).
   */
  private static List<String> dryRun(String name) {
    LinkedHashSet<String> mods = new LinkedHashSet<>();
    for (String line : run("modprobe", "-n", "-v", name).lines().toList()) {
      if (line.startsWith("/sbin/insmod ")) {
        String path = line.substring("/sbin/insmod ".length()).replaceAll(" .*$", "");
        mods.add(path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.o$", ""));
      }
    }
    return new ArrayList<>(mods);
  }

  private static JsonNode graph(String name) throws Exception {
    return new ObjectMapper().readTree(run("graph", "--format", "json", name));
  }

  private static List<String> order(JsonNode doc) {
    Map<Integer, String> order = new TreeMap<>();
    for (JsonNode n : doc.get("nodes")) {
      if (n.has("order")) {
        order.put(n.get("order").asInt(), n.get("label").asText());
      }
    }
    return new ArrayList<>(order.values());
  }

  private static List<String> edges(JsonNode doc) {
    List<String> edges = new ArrayList<>();
    for (JsonNode e : doc.get("edges")) {
      edges.add(
          e.get("source").asText() + " " + e.get("kind").asText() + " " + e.get("target").asText());
    }
    return edges;
  }

  @Test
  void eth0IsNumberedAsModprobeInsertsItsAliasedModule() throws Exception {
    JsonNode doc = graph("eth0");
    assertThat(order(doc)).isEqualTo(dryRun("eth0")).containsExactly("8390", "ne2k-pci");
    assertThat(edges(doc))
        .contains("alias:eth0 alias module:ne2k-pci", "module:ne2k-pci hard module:8390");
  }

  @Test
  void probeallHasAnEdgeToEveryCandidateAndTheAboveModules() throws Exception {
    JsonNode doc = graph("usb-interface");
    assertThat(order(doc)).isEqualTo(dryRun("usb-interface"));
    assertThat(order(doc)).contains("usb-uhci", "usb-ohci", "hid");
    assertThat(edges(doc))
        .contains(
            "alias:usb-interface probeall module:usb-uhci",
            "alias:usb-interface probeall module:usb-ohci",
            "module:usbcore above module:hid",
            "module:usb-uhci hard module:usbcore");
  }

  @Test
  void belowModulesComeFirstAndHooksAreCommandVertices() throws Exception {
    JsonNode doc = graph("sound-slot-0");
    assertThat(order(doc)).isEqualTo(dryRun("sound-slot-0"));
    assertThat(order(doc).get(order(doc).size() - 1)).isEqualTo("sb");
    assertThat(edges(doc))
        .contains(
            "alias:sound-slot-0 alias module:sb",
            "module:sb below module:sound",
            "module:sb below module:uart401",
            "module:sb command pre-install:sb",
            "module:sb command post-install:sb");
  }

  @Test
  void charMajor14LoadsSoundcoreOnly() throws Exception {
    JsonNode doc = graph("char-major-14");
    assertThat(order(doc)).isEqualTo(dryRun("char-major-14")).containsExactly("soundcore");
    assertThat(edges(doc)).contains("alias:char-major-14 alias module:soundcore");
  }

  @Test
  void theWholeGraphShowsOffTargetsAsSuch() throws Exception {
    List<String> edges =
        edges(new ObjectMapper().readTree(run("graph", "--format", "json", "--all")));
    assertThat(edges).contains("alias:net-pf-4 alias off:off", "alias:eth1 alias module:eepro100");
  }

  @Test
  void dotMarksProbeAndOrderEdges() {
    String dot = run("graph", "usb-interface");
    assertThat(dot).contains("label=\"probeall\"", "label=\"above\"", "label=\"1. usbcore\"");
  }
}
