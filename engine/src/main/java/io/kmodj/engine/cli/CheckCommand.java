package io.kmodj.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.check.ConfigChecker;
import io.kmodj.engine.check.Finding;
import io.kmodj.engine.check.ModutilsChecker;
import io.kmodj.engine.check.SarifReport;
import io.kmodj.engine.check.Suppressions;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.diag.Severity;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kmodj check}: what is wrong with a configuration, beyond what kmod reports. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = {
      "Check the configuration against the module tree: lines kmod ignores, aliases to missing"
          + " modules or to other aliases, aliases that hide modules, dependency cycles, softdep"
          + " loops, blacklists of unknown modules, install commands that loop, directives for"
          + " unknown modules, options for parameters a module does not declare (from its .modinfo).",
      "On a modutils system (-C modules.conf, or --dialect modutils): lines modutils rejects,"
          + " unknown variables, include problems, aliases to missing modules (chains followed),"
          + " alias loops, missing probe and probeall candidates, below and above naming missing"
          + " modules, options for unknown names, options lines a later plain options line"
          + " replaces (write add options to keep both), dependency cycles in modules.dep,"
          + " install or remove commands that below or above would express.",
      "Known traps (modprobe.d): blacklists that stop only alias lookups, blacklisted modules a"
          + " softdep loads anyway, install commands a softdep disables, softdeps and install or"
          + " remove commands hidden by an earlier line for the same module (files are read in"
          + " the order of their names; modules.softdep among them), files hidden by one of the"
          + " same name in an earlier directory, files kmod does not read (not .conf), .alias"
          + " files (kmod 33 and later skip them), install or remove commands a softdep would"
          + " express.",
      "A comment line '# kmodj: ignore RULE[,RULE...]' silences those rules' findings on the"
          + " next line; in a file's leading comments it also silences the findings about the"
          + " file itself. 'all' stands for every rule.",
      "Exit status: 0 when nothing is an error, 1 otherwise."
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin SystemOptions system;

  @Option(
      names = "--format",
      paramLabel = "text|json|sarif",
      defaultValue = "text",
      description =
          "Output format: text, json (docs/schema/check.schema.json) or sarif (SARIF 2.1.0)"
              + " (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--json", description = "The same as --format json")
  boolean json;

  @CommandLine.ParentCommand KmodjCommand parent;

  @Override
  public Integer call() throws IOException {
    PrintStream out = parent.out();
    PrintStream err = parent.err();
    if (json) {
      format = "json";
    }
    if (!format.equals("text") && !format.equals("json") && !format.equals("sarif")) {
      err.println("kmodj check: unknown format '" + format + "' (text, json or sarif)");
      return 1;
    }
    SystemSpec spec;
    try {
      spec = system.spec();
    } catch (IllegalArgumentException e) {
      err.println("kmodj check: " + e.getMessage());
      return 1;
    }
    List<Finding> findings;
    try {
      if (spec.dialect() == Dialect.MODUTILS) {
        findings = new ModutilsChecker(ModutilsSystem.load(spec, system.allowExec)).check();
      } else {
        findings = new ConfigChecker(ModuleSystem.load(spec)).check();
      }
    } catch (IOException e) {
      err.println("kmodj check: cannot read the module index: " + e.getMessage());
      return 1;
    }
    Suppressions.Result kept = new Suppressions().apply(findings);
    findings = kept.kept();
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    long infos = findings.stream().filter(f -> f.severity() == Severity.INFO).count();
    if (format.equals("sarif")) {
      String v = new KmodjCommand.Version().getVersion()[0];
      out.println(new SarifReport(v.substring(v.indexOf(' ') + 1)).write(findings));
    } else if (format.equals("json")) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Finding f : findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule().id());
        m.put("severity", f.severity().word());
        m.put("file", f.origin().file());
        m.put("line", f.origin().line());
        m.put("message", f.message());
        m.put("hint", f.hint());
        list.add(m);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("findings", list);
      doc.put("errors", errors);
      doc.put("warnings", warnings);
      doc.put("infos", infos);
      doc.put("silenced", kept.silenced());
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } else {
      for (Finding f : findings) {
        out.println(f.format());
        if (!f.hint().isEmpty()) {
          out.println("  hint: " + f.hint());
        }
      }
      out.println(
          errors
              + " errors, "
              + warnings
              + " warnings"
              + (infos > 0 ? ", " + infos + " infos" : "")
              + (kept.silenced() > 0 ? ", " + kept.silenced() + " silenced" : ""));
    }
    out.flush();
    return errors > 0 ? 1 : 0;
  }
}
