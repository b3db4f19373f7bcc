package io.kmodj.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.params.ParameterReport;
import io.kmodj.engine.params.ParameterReports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodj params NAME}: a module's parameters four ways: declared (modinfo data, when the
 * system's module files carry it), configured (options lines), saved (the persist file) and live
 * (the kernel's values), as a table and the options lines that set them ({@link
 * io.kmodj.engine.params.ParameterReports}); {@code --set P=V} writes a live value as {@code
 * /sys/module} does.
 */
@Command(
    name = "params",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Show a module's declared, configured, saved and live parameters.")
final class ParamsCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = "--set",
      paramLabel = "PARAM=VALUE",
      description = "Write a live value (the module must be loaded)")
  List<String> set = new ArrayList<>();

  @Parameters(paramLabel = "NAME", description = "The module")
  String name;

  @Option(names = "--json", description = "Print the report as JSON")
  boolean json;

  @Option(
      names = "--cmdline",
      paramLabel = "FILE",
      description = "Honour the kernel command line in FILE (MODULE.PARAM=VALUE words)")
  Path cmdline;

  @Override
  public Integer call() throws IOException {
    PrintStream out = parent.out();
    if (kernel.host) {
      Map<String, String> live = HostKernel.machine().parameters(name);
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("module", name);
        doc.put("live", live);
        out.println(JSON.writeValueAsString(doc));
      } else {
        out.println("live:       " + join(live));
      }
      return 0;
    }
    Optional<String> commandLine = Optional.empty();
    if (cmdline != null) {
      try {
        commandLine =
            Optional.of(new String(Files.readAllBytes(cmdline), StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        parent.err().println("kmodj: ERROR: cannot read " + cmdline + ": " + e.getMessage());
        return 1;
      }
    }
    StateStore store = kernel.store();
    for (String s : set) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        parent.err().println("kmodj: ERROR: --set wants PARAM=VALUE, not '" + s + "'");
        return 1;
      }
      int r = store.apply(k -> k.setParameter(name, s.substring(0, eq), s.substring(eq + 1)));
      if (r < 0) {
        parent.err().println("kmodj: ERROR: " + name + ": " + Errno.message(r));
        return 1;
      }
    }
    KernelState s = store.read();
    ParameterReport report = ParameterReports.of(s, store.directory(), name, commandLine);
    if (json) {
      out.println(JSON.writeValueAsString(json(report)));
    } else {
      text(report, out);
    }
    return 0;
  }

  private static final ObjectWriter JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writer();

  /** The report as text: the four summary lines, a table, then the options lines. */
  static void text(ParameterReport r, PrintStream out) {
    out.println("module:     " + r.module() + (r.loaded() ? " (loaded)" : " (not loaded)"));
    List<String> declared = new ArrayList<>();
    StringBuilder configured = new StringBuilder();
    Map<String, String> saved = new LinkedHashMap<>();
    Map<String, String> live = new LinkedHashMap<>();
    for (ParameterReport.Parameter p : r.parameters()) {
      if (p.declared()) {
        declared.add(p.type().isEmpty() ? p.name() : p.name() + ":" + p.type());
      }
      p.saved().ifPresent(v -> saved.put(p.name(), v));
      p.live().ifPresent(v -> live.put(p.name(), v));
    }
    for (ParameterReport.ConfiguredLine l : r.configured()) {
      if (configured.length() > 0) {
        configured.append(' ');
      }
      configured.append(l.options());
    }
    out.println(
        "declared:   "
            + (!r.declaredKnown()
                ? "(no modinfo data for this system)"
                : declared.isEmpty() ? "(none)" : String.join(" ", declared)));
    out.println("configured: " + (configured.length() == 0 ? "-" : configured));
    out.println(
        "saved:      "
            + (r.savedProblem().isPresent() ? r.savedProblem().get() : join(saved))
            + " ("
            + r.savedFile()
            + ")");
    out.println("live:       " + (r.loaded() ? join(live) : "-"));
    if (!r.parameters().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"PARAMETER", "TYPE", "CONFIGURED", "SAVED", "LIVE", "DESCRIPTION"});
      for (ParameterReport.Parameter p : r.parameters()) {
        rows.add(
            new String[] {
              p.name() + (p.declared() || !r.declaredKnown() ? "" : " (undeclared)"),
              p.type().isEmpty() ? "-" : p.type(),
              p.configured().orElse("-"),
              p.saved().orElse("-"),
              p.live().orElse("-"),
              p.description()
            });
      }
      int[] width = new int[6];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          width[i] = Math.max(width[i], row[i].length());
        }
      }
      out.println();
      for (String[] row : rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          sb.append(row[i]);
          if (i < row.length - 1) {
            sb.append(" ".repeat(width[i] - row[i].length() + 2));
          }
        }
        out.println(sb.toString().stripTrailing());
      }
    }
    if (!r.configured().isEmpty()) {
      out.println();
      out.println("options lines:");
      for (ParameterReport.ConfiguredLine l : r.configured()) {
        out.println("  " + where(l.origin()) + ": " + l.options());
      }
    }
  }

  private static String where(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }

  /** The report as a JSON document. */
  static Map<String, Object> json(ParameterReport r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("module", r.module());
    doc.put("loaded", r.loaded());
    doc.put("declaredKnown", r.declaredKnown());
    List<Map<String, Object>> params = new ArrayList<>();
    for (ParameterReport.Parameter p : r.parameters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("type", p.type());
      m.put("description", p.description());
      m.put("declared", p.declared());
      m.put("configured", p.configured().orElse(null));
      m.put("configuredAt", p.configuredAt().map(ParamsCommand::origin).orElse(null));
      m.put("saved", p.saved().orElse(null));
      m.put("live", p.live().orElse(null));
      params.add(m);
    }
    doc.put("parameters", params);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (ParameterReport.ConfiguredLine l : r.configured()) {
      Map<String, Object> m = origin(l.origin());
      m.put("options", l.options());
      lines.add(m);
    }
    doc.put("options", lines);
    Map<String, Object> saved = new LinkedHashMap<>();
    saved.put("file", r.savedFile());
    saved.put("problem", r.savedProblem().orElse(null));
    doc.put("saved", saved);
    return doc;
  }

  private static Map<String, Object> origin(Origin o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", o.file());
    m.put("line", o.line());
    return m;
  }

  private static String join(Map<String, String> params) {
    if (params.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
