package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmodj.engine.check.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code kmodj check --format json} and {@code --format sarif} on every trap fixture: valid against
 * docs/schema/check.schema.json and check.sarif.schema.json (the part of SARIF 2.1.0 kmodj writes),
 * and telling the same findings.
 */
class CheckFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(Kmod30ConformanceTest.resource("check/kmod-traps"))) {
      List<Path> dirs = new ArrayList<>(s.filter(Files::isDirectory).sorted().toList());
      dirs.add(Kmod30ConformanceTest.resource("check/traps"));
      return dirs;
    }
  }

  private static Kmod30ConformanceTest.Result check(Path fixture, String... format) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "-d",
                Kmod30ConformanceTest.root().toString(),
                "-S",
                Kmod30ConformanceTest.VERSION,
                "--cmdline",
                "/dev/null"));
    Path modprobeD = fixture.resolve("modprobe.d");
    if (Files.isDirectory(modprobeD)) {
      args.addAll(List.of("-C", modprobeD.toString()));
    } else if (Files.isDirectory(fixture.resolve("etc"))) {
      args.addAll(List.of("-C", fixture.resolve("etc").toString()));
      args.addAll(List.of("-C", fixture.resolve("lib").toString()));
    } else {
      args.addAll(List.of("-C", fixture.toString()));
    }
    args.addAll(Arrays.asList(format));
    return Kmod30ConformanceTest.modprobe(args.toArray(String[]::new));
  }

  @Test
  void jsonAndSarifAreValidAndTellTheSameFindings() throws IOException {
    for (Path fixture : fixtures()) {
      var json = check(fixture, "--format", "json");
      var sarif = check(fixture, "--format", "sarif");
      assertThat(JsonSchemaCheck.errors("check.schema.json", json.out()))
          .as("json of %s", fixture.getFileName())
          .isEmpty();
      assertThat(JsonSchemaCheck.errors("check.sarif.schema.json", sarif.out()))
          .as("sarif of %s", fixture.getFileName())
          .isEmpty();
      assertThat(JsonSchemaCheck.sarifErrors(sarif.out()))
          .as("sarif of %s against the official SARIF 2.1.0 schema", fixture.getFileName())
          .isEmpty();
      assertThat(sarif.exit()).isEqualTo(json.exit());
      assertThat(check(fixture, "--json").out()).isEqualTo(json.out());

      List<String> fromJson = new ArrayList<>();
      for (JsonNode f : JSON.readTree(json.out()).get("findings")) {
        String level = f.get("severity").asText().replace("info", "note");
        String file =
            Path.of(f.get("file").asText()).toAbsolutePath().normalize().toUri().toString();
        fromJson.add(
            f.get("rule").asText() + " " + level + " " + file + ":" + f.get("line").asInt());
      }
      JsonNode run = JSON.readTree(sarif.out()).get("runs").get(0);
      JsonNode rules = run.get("tool").get("driver").get("rules");
      List<String> fromSarif = new ArrayList<>();
      for (JsonNode r : run.get("results")) {
        assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText())
            .isEqualTo(r.get("ruleId").asText());
        JsonNode where = r.get("locations").get(0).get("physicalLocation");
        int line = where.has("region") ? where.get("region").get("startLine").asInt() : 0;
        fromSarif.add(
            r.get("ruleId").asText()
                + " "
                + r.get("level").asText()
                + " "
                + where.get("artifactLocation").get("uri").asText()
                + ":"
                + line);
      }
      assertThat(fromSarif).as("sarif of %s", fixture.getFileName()).isEqualTo(fromJson);
      assertThat(fromSarif).isNotEmpty();
    }
  }

  @Test
  void bothSchemasNameEveryRuleAndRejectWhatIsNotAReport() throws IOException {
    List<String> ids = Arrays.stream(Rule.values()).map(Rule::id).toList();
    JsonNode check = JSON.readTree(JsonSchemaCheck.DOCS.resolve("check.schema.json").toFile());
    List<String> inCheck = new ArrayList<>();
    check
        .at("/properties/findings/items/properties/rule/enum")
        .forEach(n -> inCheck.add(n.asText()));
    assertThat(inCheck).containsExactlyElementsOf(ids);
    JsonNode sarif =
        JSON.readTree(JsonSchemaCheck.DOCS.resolve("check.sarif.schema.json").toFile());
    List<String> inSarif = new ArrayList<>();
    sarif
        .at("/properties/runs/items/properties/results/items/properties/ruleId/enum")
        .forEach(n -> inSarif.add(n.asText()));
    assertThat(inSarif).containsExactlyElementsOf(ids);

    assertThat(JsonSchemaCheck.errors("check.schema.json", "{\"findings\": []}")).isNotEmpty();
    assertThat(
            JsonSchemaCheck.errors(
                "check.sarif.schema.json", "{\"version\": \"2.1.0\", \"runs\": []}"))
        .isNotEmpty();
  }

  @Test
  void theOfficialSchemaRejectsWhatIsNotSarif() throws IOException {
    // the validator really applies the draft-04 schema: a wrong version, a result without a
    // message, a level SARIF does not know, a region line below 1
    assertThat(JsonSchemaCheck.sarifErrors("{\"version\": \"2.0.0\", \"runs\": []}")).isNotEmpty();
    String run =
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"kmodj\"}},"
            + " \"results\": [%s]}]}";
    assertThat(JsonSchemaCheck.sarifErrors(String.format(run, ""))).isEmpty();
    assertThat(JsonSchemaCheck.sarifErrors(String.format(run, "{\"ruleId\": \"x\"}"))).isNotEmpty();
    assertThat(
            JsonSchemaCheck.sarifErrors(
                String.format(run, "{\"message\": {\"text\": \"m\"}, \"level\": \"info\"}")))
        .isNotEmpty();
    assertThat(
            JsonSchemaCheck.sarifErrors(
                String.format(
                    run,
                    "{\"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\":"
                        + " {\"artifactLocation\": {\"uri\": \"file:///a\"}, \"region\":"
                        + " {\"startLine\": 0}}}]}")))
        .isNotEmpty();
  }

  @Test
  void modutilsSarifIsValidAgainstBothSchemas() throws Exception {
    Path sample = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
    List<Path> confs =
        List.of(
            sample.resolve("etc/modules.conf"),
            Kmod30ConformanceTest.resource("check/modutils/traps.conf"),
            Kmod30ConformanceTest.resource("check/modutils/loop.conf"),
            Kmod30ConformanceTest.resource("check/modutils-traps/order.conf"),
            Kmod30ConformanceTest.resource("check/modutils-traps/options.conf"));
    for (Path conf : confs) {
      var sarif =
          Kmod30ConformanceTest.modprobe(
              "check",
              "-d",
              sample.toString(),
              "-S",
              "2.4.27",
              "--dialect",
              "modutils",
              "-C",
              conf.toString(),
              "--format",
              "sarif");
      assertThat(JsonSchemaCheck.errors("check.sarif.schema.json", sarif.out()))
          .as("sarif of %s", conf.getFileName())
          .isEmpty();
      assertThat(JsonSchemaCheck.sarifErrors(sarif.out()))
          .as("sarif of %s against the official SARIF 2.1.0 schema", conf.getFileName())
          .isEmpty();
    }
  }

  @Test
  void replacedOptionsAreInJsonAndSarifWithBothPlaces() throws Exception {
    Path sample = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
    Path conf = Kmod30ConformanceTest.resource("check/modutils-traps/options.conf");
    List<String> args =
        List.of(
            "check",
            "-d",
            sample.toString(),
            "-S",
            "2.4.27",
            "--dialect",
            "modutils",
            "-C",
            conf.toString(),
            "--format");
    var json = Kmod30ConformanceTest.modprobe(withFormat(args, "json"));
    var sarif = Kmod30ConformanceTest.modprobe(withFormat(args, "sarif"));
    assertThat(JsonSchemaCheck.errors("check.schema.json", json.out())).isEmpty();
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("silenced").asInt()).isEqualTo(1);
    JsonNode first = doc.get("findings").get(0);
    assertThat(first.get("rule").asText()).isEqualTo("options-replaced");
    assertThat(first.get("severity").asText()).isEqualTo("warning");
    assertThat(first.get("line").asInt()).isEqualTo(2);
    assertThat(first.get("message").asText()).contains(conf + ":2").contains(conf + ":4");
    assertThat(first.get("hint").asText()).contains("add options eepro100");
    JsonNode result = JSON.readTree(sarif.out()).get("runs").get(0).get("results").get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("options-replaced");
    assertThat(result.get("level").asText()).isEqualTo("warning");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    assertThat(result.at("/message/text").asText()).contains(conf + ":4");
    assertThat(result.at("/properties/hint").asText()).contains("add options eepro100");
  }

  private static String[] withFormat(List<String> args, String format) {
    List<String> all = new ArrayList<>(args);
    all.add(format);
    return all.toArray(String[]::new);
  }

  @Test
  void anUnknownFormatIsAnErrorWithNothingOnStandardOutput() throws IOException {
    var r = check(fixtures().get(0), "--format", "xml");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("kmodj check: unknown format 'xml' (text, json or sarif)\n");
  }
}
