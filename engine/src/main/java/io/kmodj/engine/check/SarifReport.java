package io.kmodj.engine.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmodj.grammar.diag.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Findings as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the form
 * editors and CI systems read: one run of the tool {@code kmodj}, every {@link Rule} in its driver
 * (so rule indexes are stable), and one result per finding with its level, message, hint and place.
 * A file is named by an absolute {@code file:} URI; a finding about a whole file has no region.
 */
public final class SarifReport {
  /** The schema the log declares. */
  public static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private final String version;

  /**
   * A writer for a version of kmodj.
   *
   * @param version the version shown as the driver's
   */
  public SarifReport(String version) {
    this.version = Objects.requireNonNull(version);
  }

  /** The SARIF level of a severity: error, warning or note. */
  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * The log of some findings.
   *
   * @param findings the findings
   * @return the SARIF text, indented, without a final newline
   */
  public String write(List<Finding> findings) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode log = mapper.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "kmodj");
    driver.put("semanticVersion", version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0");
    ArrayNode rules = driver.putArray("rules");
    java.util.Map<Rule, Integer> indexes = new java.util.EnumMap<>(Rule.class);
    for (Rule r : Rule.values()) {
      indexes.put(r, indexes.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", r.id());
      rule.putObject("shortDescription").put("text", r.description());
      rule.putObject("defaultConfiguration").put("level", level(r.severity()));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : findings) {
      ObjectNode result = results.addObject();
      result.put("ruleId", f.rule().id());
      result.put("ruleIndex", indexes.get(f.rule()));
      result.put("level", level(f.severity()));
      String text = f.hint().isEmpty() ? f.message() : f.message() + " (hint: " + f.hint() + ")";
      result.putObject("message").put("text", text);
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical
          .putObject("artifactLocation")
          .put("uri", Path.of(f.origin().file()).toAbsolutePath().normalize().toUri().toString());
      if (f.origin().line() > 0) {
        physical.putObject("region").put("startLine", f.origin().line());
      }
      if (!f.hint().isEmpty()) {
        result.putObject("properties").put("hint", f.hint());
      }
    }
    run.put("columnKind", "unicodeCodePoints");
    try {
      return mapper.writeValueAsString(log);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a SARIF tree always serialises", e);
    }
  }
}
