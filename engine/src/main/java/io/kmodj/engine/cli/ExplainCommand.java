package io.kmodj.engine.cli;

import io.kmodj.engine.explain.Explanation;
import io.kmodj.engine.explain.ExplanationWriter;
import io.kmodj.engine.explain.KmodExplainer;
import io.kmodj.engine.explain.ModutilsExplainer;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kmodj explain}: why a name loads what it loads. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = {
      "Explain what modprobe does for NAME (a module name, alias or modalias string): the lookup"
          + " source by source as kmod takes it (configuration aliases, module names, symbol:,"
          + " install and remove commands, modules.alias, built-ins; the first that answers"
          + " wins), the plan with the reason for each step, and every configuration line about"
          + " the name or a planned module, applied or not and why (hidden file, non-.conf file,"
          + " an earlier line won, blacklist applies only to alias lookups, a softdep disables"
          + " install). The plan printed last is exactly what modprobe --show-depends prints.",
      "On a modutils system (-C modules.conf, or --dialect modutils): alias chains, wildcard"
          + " aliases, options merged key by key, add versus replace, the if branches taken and"
          + " the built-in defaults; the plan is what modprobe -n -v prints.",
      "Exit status: 0 when modprobe would succeed for NAME, 1 otherwise (its messages then go"
          + " to standard error)."
    })
final class ExplainCommand implements Callable<Integer> {
  @Mixin SystemOptions system;

  @Option(
      names = "--json",
      description = "Write the explanation as JSON (docs/schema/explain.schema.json)")
  boolean json;

  @Option(
      names = {"-k", "--autoclean"},
      description =
          "modutils: explain modprobe -k (the kernel's request): if -k is true, insmod gets -k")
  boolean autoclean;

  @Parameters(paramLabel = "NAME", description = "A module name, alias or modalias string")
  String name;

  @CommandLine.ParentCommand KmodjCommand parent;

  @Override
  public Integer call() {
    PrintStream out = parent.out();
    PrintStream err = parent.err();
    SystemSpec spec;
    try {
      spec = system.spec();
    } catch (IllegalArgumentException e) {
      err.println("kmodj explain: " + e.getMessage());
      return 1;
    }
    Explanation e;
    try {
      if (spec.dialect() == Dialect.MODUTILS) {
        e = new ModutilsExplainer(spec, autoclean, system.allowExec).explain(name);
      } else {
        e = new KmodExplainer(ModuleSystem.load(spec)).explain(name);
      }
    } catch (IOException | UncheckedIOException ex) {
      err.println("kmodj explain: cannot read the module index: " + ex.getMessage());
      return 1;
    }
    if (json) {
      out.println(ExplanationWriter.json(e));
    } else {
      out.print(ExplanationWriter.text(e));
    }
    out.flush();
    if (!e.found()) {
      for (String m : e.messages()) {
        err.println(m);
      }
      return 1;
    }
    return 0;
  }
}
