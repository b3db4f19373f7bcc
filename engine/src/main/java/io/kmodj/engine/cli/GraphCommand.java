package io.kmodj.engine.cli;

import io.kmodj.engine.graph.GraphExport;
import io.kmodj.engine.graph.GraphFormat;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.ModutilsGraph;
import io.kmodj.engine.graph.RequestGraph;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kmodj graph}: the part of the module graph that loading names touches, or all of it. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = {
      "Write the dependency graph that loading NAME touches (modules, builtins, aliases, install"
          + " and remove commands; hard, softdep, weakdep, alias and command edges), numbered in"
          + " the order modprobe loads them.",
      "With --all, the graph of the whole system.",
      "On a modutils system (-C modules.conf, or --dialect modutils) the graph also has probe,"
          + " probeall, below and above edges and the pre-/post- hooks, and the numbers follow"
          + " modutils' modprobe -n -v."
    })
final class GraphCommand implements Callable<Integer> {
  @Mixin SystemOptions system;

  @Option(names = "--all", description = "The whole system's graph")
  boolean all;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "dot|graphml|json",
      defaultValue = "dot",
      description = "Output format (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--json",
      description = "The same as --format json (docs/schema/graph.schema.json)")
  boolean json;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Module names, aliases or modalias strings")
  List<String> names = new ArrayList<>();

  @CommandLine.ParentCommand KmodjCommand parent;

  @Override
  public Integer call() throws IOException {
    PrintStream err = parent.err();
    GraphFormat fmt;
    if (json) {
      format = "json";
    }
    try {
      fmt = GraphFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("kmodj graph: unknown format '" + format + "' (dot, graphml or json)");
      return 1;
    }
    if (!all && names.isEmpty()) {
      err.println("kmodj graph: give a NAME or --all");
      return 1;
    }
    SystemSpec spec;
    try {
      spec = system.spec();
    } catch (IllegalArgumentException e) {
      err.println("kmodj graph: " + e.getMessage());
      return 1;
    }
    if (spec.dialect() == Dialect.MODUTILS) {
      return modutils(spec, fmt, err);
    }
    ModuleSystem sys;
    try {
      sys = ModuleSystem.load(spec);
    } catch (IOException e) {
      err.println("kmodj graph: cannot read the module index: " + e.getMessage());
      return 1;
    }
    ModuleGraph whole = sys.graph();
    Writer out = new OutputStreamWriter(parent.out(), StandardCharsets.UTF_8);
    if (all) {
      GraphExport.write(whole.graph(), Map.of(), fmt, out);
      out.flush();
      return 0;
    }
    RequestGraph request = RequestGraph.of(sys.context(m -> {}), whole, names);
    for (String unknown : request.unknown()) {
      err.println(
          "kmodj graph: Module " + unknown + " not found in directory " + sys.index().dirname());
    }
    GraphExport.write(request.graph(), request.order(), fmt, out);
    out.flush();
    return request.unknown().isEmpty() ? 0 : 1;
  }

  private int modutils(SystemSpec spec, GraphFormat fmt, PrintStream err) throws IOException {
    ModutilsSystem sys;
    try {
      sys = ModutilsSystem.load(spec, system.allowExec);
    } catch (IOException e) {
      err.println("kmodj graph: cannot read the module index: " + e.getMessage());
      return 1;
    }
    for (String e : sys.config().errors()) {
      err.println("kmodj graph: " + e);
    }
    ModuleGraph whole = sys.graph();
    Writer out = new OutputStreamWriter(parent.out(), StandardCharsets.UTF_8);
    if (all) {
      GraphExport.write(whole.graph(), Map.of(), fmt, out);
      out.flush();
      return 0;
    }
    ModutilsGraph.Request request = ModutilsGraph.request(sys.config(), sys.dep(), whole, names);
    for (String e : request.errors()) {
      err.println("kmodj graph: " + e);
    }
    GraphExport.write(request.graph(), request.order(), fmt, out);
    out.flush();
    return request.errors().isEmpty() ? 0 : 1;
  }
}
