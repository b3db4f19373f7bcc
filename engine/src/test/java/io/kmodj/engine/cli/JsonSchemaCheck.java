package io.kmodj.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Validates JSON output against a schema (networknt json-schema-validator). */
final class JsonSchemaCheck {
  /** The project's docs/schema directory, seen from the engine module. */
  static final Path DOCS = Path.of("..", "docs", "schema").toAbsolutePath().normalize();

  private JsonSchemaCheck() {}

  /** The problems of a JSON text against a schema file of docs/schema. */
  static List<String> errors(String schemaFile, String json) throws IOException {
    try (InputStream in = Files.newInputStream(DOCS.resolve(schemaFile))) {
      return errors(in, json);
    }
  }

  /**
   * The problems of a JSON text against the official OASIS SARIF 2.1.0 schema (draft-04, in the
   * test resources' {@code sarif/}).
   */
  static List<String> sarifErrors(String json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode schemaNode;
    try (InputStream in =
        JsonSchemaCheck.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IOException("no sarif/sarif-schema-2.1.0.json in the test resources");
      }
      schemaNode = mapper.readTree(in);
    }
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schemaNode);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(mapper.readTree(json))) {
      out.add(e.toString());
    }
    return out;
  }

  /** The problems of a JSON text against a schema. */
  static List<String> errors(InputStream schemaText, String json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode schemaNode = mapper.readTree(schemaText);
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(mapper.readTree(json))) {
      out.add(e.toString());
    }
    return out;
  }
}
