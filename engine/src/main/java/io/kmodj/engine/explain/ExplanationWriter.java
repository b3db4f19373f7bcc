package io.kmodj.engine.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.config.Origin;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Words an {@link Explanation}: as text for people, or as JSON for tools (the shape
 * docs/schema/explain.schema.json describes, {@code "schema": "kmodj-explain/1"}).
 */
public final class ExplanationWriter {
  /** The schema identifier every JSON explanation carries. */
  public static final String SCHEMA = "kmodj-explain/1";

  private ExplanationWriter() {}

  /**
   * The explanation for people.
   *
   * @param e the explanation
   * @return the text, lines ending in a newline
   */
  public static String text(Explanation e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.query()).append(" (").append(e.dialect()).append(")\n");
    sb.append("lookup:\n");
    int n = 1;
    for (Resolution r : e.lookup()) {
      sb.append("  ").append(n++).append(". ").append(r.title()).append(": ").append(r.detail());
      if (!r.lines().isEmpty()) {
        sb.append(" [").append(places(r.lines())).append(']');
      }
      if (r.answered()) {
        sb.append("  <- answers: ")
            .append(r.modules().isEmpty() ? "nothing to load" : String.join(" ", r.modules()));
      }
      sb.append('\n');
    }
    if (e.lookup().stream().noneMatch(Resolution::answered)) {
      sb.append("nothing answered: modprobe reports the name as not found\n");
    } else if (!e.found()) {
      sb.append("modprobe fails (exit ").append(e.exit()).append("): see its messages below\n");
    }
    if (!e.plan().isEmpty()) {
      sb.append("plan:\n");
      for (PlanStep s : e.plan()) {
        sb.append("  ").append(s.action()).append(' ').append(s.module()).append(": ");
        sb.append(s.why());
        if (!s.lines().isEmpty()) {
          sb.append(" [").append(places(s.lines())).append(']');
        }
        sb.append('\n');
      }
    }
    if (!e.lines().isEmpty()) {
      sb.append("configuration:\n");
      for (ConfigLine l : e.lines()) {
        sb.append("  ")
            .append(place(l.origin()))
            .append(": ")
            .append(l.text())
            .append("\n      ")
            .append(l.applied() ? "applied: " : "not applied: ")
            .append(l.reason())
            .append('\n');
      }
    }
    if (e.loaded().isPresent()) {
      LoadReason r = e.loaded().get();
      sb.append("kernel:\n");
      if (!r.loaded()) {
        sb.append("  ").append(r.module()).append(" is not loaded\n");
      }
      for (String c : r.chain()) {
        sb.append("  ").append(c).append('\n');
      }
    }
    sb.append(
        e.dialect().equals("kmod")
            ? "modprobe --show-depends prints:\n"
            : "modprobe -n -v prints:\n");
    for (String line : e.planText().split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append("  ").append(line).append('\n');
      }
    }
    for (String m : e.messages()) {
      sb.append("  ").append(m).append('\n');
    }
    sb.append("  exit ").append(e.exit()).append('\n');
    return sb.toString();
  }

  /**
   * The explanation as a JSON object.
   *
   * @param e the explanation
   * @return the JSON text, indented, without a final newline
   */
  public static String json(Explanation e) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(tree(e));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The explanation as maps and lists, in the schema's shape. */
  static Map<String, Object> tree(Explanation e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("query", e.query());
    doc.put("dialect", e.dialect());
    doc.put("found", e.found());
    List<Object> lookup = new ArrayList<>();
    for (Resolution r : e.lookup()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", r.source());
      m.put("title", r.title());
      m.put("consulted", r.consulted());
      m.put("answered", r.answered());
      m.put("modules", r.modules());
      m.put("lines", origins(r.lines()));
      m.put("detail", r.detail());
      lookup.add(m);
    }
    doc.put("lookup", lookup);
    List<Object> plan = new ArrayList<>();
    for (PlanStep s : e.plan()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", s.action());
      m.put("module", s.module());
      m.put("text", s.text());
      m.put("why", s.why());
      m.put("lines", origins(s.lines()));
      plan.add(m);
    }
    doc.put("plan", plan);
    List<Object> lines = new ArrayList<>();
    for (ConfigLine l : e.lines()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", l.origin().file());
      m.put("line", l.origin().line());
      m.put("directive", l.directive());
      m.put("text", l.text());
      m.put("applied", l.applied());
      m.put("reason", l.reason());
      lines.add(m);
    }
    doc.put("lines", lines);
    doc.put("planText", e.planText());
    doc.put("exit", e.exit());
    doc.put("messages", e.messages());
    if (e.loaded().isPresent()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("module", e.loaded().get().module());
      m.put("loaded", e.loaded().get().loaded());
      m.put("chain", e.loaded().get().chain());
      m.put(
          "cause",
          e.loaded()
              .get()
              .cause()
              .map(
                  c -> {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("by", c.by());
                    cm.put("asked", c.asked());
                    return (Object) cm;
                  })
              .orElse(null));
      doc.put("kernel", m);
    }
    return doc;
  }

  private static List<Object> origins(List<Origin> list) {
    List<Object> out = new ArrayList<>();
    for (Origin o : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", o.file());
      m.put("line", o.line());
      out.add(m);
    }
    return out;
  }

  private static String place(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }

  private static String places(List<Origin> list) {
    List<String> s = new ArrayList<>();
    for (Origin o : list) {
      s.add(place(o));
    }
    return String.join(", ", s);
  }
}
