package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmodj.engine.elf.Modinfo;
import io.kmodj.engine.elf.ModuleDirectory;
import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.elf.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj modinfo --json}: valid against docs/schema/modinfo.schema.json, and telling exactly
 * what the text mode prints (the text is rebuilt from the JSON in kmod's layout and compared byte
 * for byte), for a module file, a name, an alias naming a builtin, and a failure.
 */
class ModinfoJsonTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run modinfo(ModuleDirectory dir, boolean json, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Modinfo m = new Modinfo(dir, new Modinfo.Options(Optional.empty(), false, false), out, err);
    int code = json ? m.runJson(List.of(args)) : m.run(List.of(args));
    return new Run(
        code, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
  }

  private static String pad(String label) {
    return label.length() >= 16 ? label : label + " ".repeat(16 - label.length());
  }

  /** kmod's modinfo text for the JSON of the modules. */
  static String text(JsonNode doc) {
    StringBuilder b = new StringBuilder();
    for (JsonNode m : doc.get("modules")) {
      if (m.get("filename").isNull()) {
        b.append(pad("name:")).append(m.get("name").asText()).append('\n');
      }
      b.append(pad("filename:"))
          .append(m.get("filename").isNull() ? "(builtin)" : m.get("filename").asText())
          .append('\n');
      for (JsonNode f : m.get("fields")) {
        String key = f.get("key").asText();
        b.append(key).append(':').append(" ".repeat(Math.abs(15 - key.length())));
        b.append(f.get("value").asText()).append('\n');
      }
      List<JsonNode> params = new ArrayList<>();
      m.get("parameters").forEach(params::add);
      for (int i = params.size() - 1; i >= 0; i--) {
        JsonNode p = params.get(i);
        b.append(pad("parm:")).append(p.get("name").asText()).append(':');
        if (p.get("description").isNull()) {
          b.append(p.get("type").asText());
        } else {
          b.append(p.get("description").asText());
          if (!p.get("type").isNull()) {
            b.append(" (").append(p.get("type").asText()).append(')');
          }
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void jsonTellsWhatTheTextPrints() throws IOException {
    Path root = Kmod30ConformanceTest.root();
    // a copy of the Debian indexes with one real module file among them
    Path modules = tmp.resolve("lib/modules/" + Kmod30ConformanceTest.VERSION);
    Files.createDirectories(modules.resolve("kernel/drivers/net"));
    try (var files = Files.list(root.resolve("lib/modules/" + Kmod30ConformanceTest.VERSION))) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, modules.resolve(f.getFileName()));
        }
      }
    }
    Path dummy = modules.resolve("kernel/drivers/net/dummy.ko");
    Files.write(dummy, ModuleWriter.describe(Samples.FULL).write());
    ModuleDirectory dir = new ModuleDirectory(modules.toString());
    for (String[] args :
        List.of(
            new String[] {dummy.toString()},
            new String[] {"dummy"},
            new String[] {"ext4"},
            new String[] {"dummy", "no-such-module"})) {
      Run text = modinfo(dir, false, args);
      Run json = modinfo(dir, true, args);
      assertThat(JsonSchemaCheck.errors("modinfo.schema.json", json.out()))
          .as("modinfo --json %s", String.join(" ", args))
          .isEmpty();
      JsonNode doc = new ObjectMapper().readTree(json.out());
      assertThat(text(doc)).as("modinfo %s", String.join(" ", args)).isEqualTo(text.out());
      assertThat(json.code()).isEqualTo(text.code());
      assertThat(json.err()).isEqualTo(text.err());
    }
    JsonNode one = new ObjectMapper().readTree(modinfo(dir, true, "dummy").out());
    JsonNode params = one.at("/modules/0/parameters");
    assertThat(params.get(0).get("name").asText()).isEqualTo("speed");
    assertThat(params.get(0).get("type").asText()).isEqualTo("int");
    assertThat(params.get(1).get("description").isNull()).isTrue();
    assertThat(modinfo(dir, true, "no-such-module").code()).isEqualTo(1);
  }
}
