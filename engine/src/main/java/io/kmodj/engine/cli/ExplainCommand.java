package io.kmodj.engine.cli;

import io.kmodj.engine.explain.Explanation;
import io.kmodj.engine.explain.ExplanationWriter;
import io.kmodj.engine.explain.KmodExplainer;
import io.kmodj.engine.explain.ModutilsExplainer;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description =
          "Also say why the module NAME stands for is loaded in the simulated kernel of this state"
              + " directory (its system is used when -d, -S and -C are not given)")
  Path state;

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
    Optional<KernelState> kernel = Optional.empty();
    if (state != null) {
      if (!Files.isRegularFile(state.resolve(StateStore.STATE_FILE))) {
        err.println(
            "kmodj explain: no simulated kernel in "
                + state
                + " (no "
                + StateStore.STATE_FILE
                + "; boot one with kmodj boot --state "
                + state
                + ")");
        return 1;
      }
      try {
        kernel = Optional.of(KernelSession.store(state, Clock.systemUTC()).read());
      } catch (StateStore.StateException ex) {
        err.println("kmodj explain: " + ex.getMessage());
        return 1;
      }
      if (spec.root().isEmpty() && spec.version().isEmpty() && spec.configPaths().isEmpty()) {
        SystemImage image = KernelSession.absolute(kernel.get().system());
        spec =
            new SystemSpec(
                image.root().isEmpty() ? Optional.empty() : Optional.of(image.root()),
                Optional.of(image.release()),
                image.config(),
                spec.cmdline(),
                spec.dialectChoice().or(() -> Dialect.ofWord(image.dialect())));
      }
    }
    Explanation e;
    try {
      if (spec.dialect() == Dialect.MODUTILS) {
        e = new ModutilsExplainer(spec, autoclean, system.allowExec).explain(name, kernel);
      } else {
        e = new KmodExplainer(ModuleSystem.load(spec)).explain(name, kernel);
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
