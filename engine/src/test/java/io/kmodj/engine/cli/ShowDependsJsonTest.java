package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj modprobe --show-depends --json}: valid against docs/schema/show-depends.schema.json,
 * and the same plan as the text kmod 30 printed, for every recorded --show-depends of the corpus
 * and every name of the workload.
 */
class ShowDependsJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  /** The text lines --show-depends prints for a JSON plan. */
  static String text(JsonNode steps) {
    StringBuilder b = new StringBuilder();
    for (JsonNode s : steps) {
      switch (s.get("kind").asText()) {
        case "insmod" ->
            b.append("insmod ")
                .append(s.get("path").asText())
                .append(' ')
                .append(s.get("options").asText());
        case "install" ->
            b.append("install ")
                .append(s.get("command").asText())
                .append(' ')
                .append(s.get("options").asText());
        case "remove" -> b.append("remove ").append(s.get("command").asText());
        default -> b.append(s.get("kind").asText()).append(' ').append(s.get("module").asText());
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static Kmod30ConformanceTest.Result modprobe(Path config, Path cmdline, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "modprobe",
                "-C",
                config.toString(),
                "-d",
                Kmod30ConformanceTest.root().toString(),
                "-S",
                Kmod30ConformanceTest.VERSION,
                "--cmdline",
                cmdline.toString()));
    args.addAll(Arrays.asList(extra));
    return Kmod30ConformanceTest.modprobe(args.toArray(String[]::new));
  }

  @Test
  void everyRecordedShowDependsHasTheSamePlanAsJson() throws IOException {
    Path defaultCmdline = tmp.resolve("cmdline.txt");
    Files.writeString(defaultCmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
    int checked = 0;
    for (String folder : List.of("kmod30/cases", "kmodj-cases")) {
      List<Path> dirs;
      try (Stream<Path> s = Files.list(Kmod30ConformanceTest.resource(folder))) {
        dirs = s.filter(Files::isDirectory).sorted().toList();
      }
      for (Path dir : dirs) {
        Path cmdline =
            Files.exists(dir.resolve("cmdline.txt")) ? dir.resolve("cmdline.txt") : defaultCmdline;
        for (Kmod30ConformanceTest.Query q :
            Kmod30ConformanceTest.expected(dir.resolve("expected.txt"))) {
          List<String> words = Arrays.asList(q.args().split(" ", -1));
          if (!words.contains("--show-depends") || words.contains("-c")) {
            continue;
          }
          List<String> args = new ArrayList<>(words);
          args.add(0, "--json");
          var r = modprobe(dir.resolve("modprobe.d"), cmdline, args.toArray(String[]::new));
          assertThat(JsonSchemaCheck.errors("show-depends.schema.json", r.out()))
              .as("%s: %s", dir.getFileName(), q.args())
              .isEmpty();
          JsonNode answer = JSON.readTree(r.out()).get("queries").get(0);
          String want =
              String.join("", q.out().stream().map(l -> l + "\n").toList())
                  .replace("$ROOT", Kmod30ConformanceTest.root().toString());
          assertThat(text(answer.get("steps")))
              .as("%s: %s", dir.getFileName(), q.args())
              .isEqualTo(want);
          assertThat(answer.get("exit").asInt()).isEqualTo(q.exit());
          assertThat(r.exit()).isEqualTo(q.exit());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void everyNameOfTheWorkloadHasTheSamePlanAsJson() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path cmdline = tmp.resolve("workload-cmdline.txt");
    Files.writeString(cmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
    Path dir = Kmod30ConformanceTest.resource("kmod30/workload");
    var r =
        modprobe(
            empty,
            cmdline,
            "--show-depends",
            "--json",
            "--batch",
            dir.resolve("names.txt").toString());
    assertThat(r.exit()).isZero();
    StringBuilder blocks = new StringBuilder();
    for (JsonNode q : JSON.readTree(r.out()).get("queries")) {
      blocks.append("### ").append(q.get("query").get(0).asText()).append('\n');
      blocks.append(text(q.get("steps")));
      blocks.append("exit ").append(q.get("exit").asInt()).append('\n');
    }
    String want =
        Files.readString(dir.resolve("names.expected"), StandardCharsets.ISO_8859_1)
            .replace("$ROOT", Kmod30ConformanceTest.root().toString());
    assertThat(blocks.toString()).isEqualTo(want);
  }

  @Test
  void jsonGoesWithShowDependsOnly() {
    var r =
        Kmod30ConformanceTest.modprobe(
            "modprobe",
            "-d",
            Kmod30ConformanceTest.root().toString(),
            "-S",
            Kmod30ConformanceTest.VERSION,
            "--json",
            "-n",
            "dummy");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("kmodj: ERROR: --json goes with --show-depends\n");
  }
}
