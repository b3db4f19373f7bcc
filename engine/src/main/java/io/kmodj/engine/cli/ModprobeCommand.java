package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.plan.Modprobe;
import io.kmodj.grammar.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodj modprobe}: kmod 30's modprobe options, answered byte for byte as kmod would for
 * {@code --show-depends}, {@code -R}, {@code -c} and {@code -n}; {@code --batch} answers one query
 * a line.
 */
@Command(
    name = "modprobe",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = {
      "Load or remove modules as kmod 30's modprobe does, on the simulated kernel",
      "(or the host's with --host); -n, --show-depends, -R and -c only print.",
      "With --host, -n plans against the host's sysfs as kmod does: a module whose",
      "/sys/module/NAME/initstate is live is skipped (an error with --first-time),",
      "and -r refuses one whose refcnt is not 0."
    })
final class ModprobeCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @Option(
      names = {"-a", "--all"},
      description = "Consider every argument a module name")
  boolean all;

  @Option(
      names = {"-r", "--remove"},
      description = "Remove modules instead of inserting")
  boolean remove;

  @Option(
      names = {"--remove-holders", "--remove-dependencies"},
      description = "Also remove module holders (with -r)")
  boolean removeHolders;

  @Option(
      names = {"-w", "--wait"},
      paramLabel = "MSEC",
      description = "Accepted for compatibility")
  String waitMsec;

  @Option(
      names = {"-R", "--resolve-alias"},
      description = "Only look up and print the modules an alias stands for")
  boolean resolve;

  @Option(names = "--first-time", description = "Fail if module already inserted or removed")
  boolean firstTime;

  @Option(
      names = {"-i", "--ignore-install", "--ignore-remove"},
      description = "Ignore install and remove commands")
  boolean ignoreCommands;

  @Option(
      names = {"-b", "--use-blacklist"},
      description = "Apply the blacklist to the module asked for")
  boolean useBlacklist;

  @Option(
      names = {"-f", "--force", "--force-modversion", "--force-vermagic"},
      description = "Accepted for compatibility")
  boolean force;

  @Option(
      names = {"-D", "--show-depends"},
      description = "Only print the module's dependencies and exit")
  boolean showDepends;

  @Option(
      names = {"-c", "--showconfig", "--show-config"},
      description = "Print the configuration and exit")
  boolean showConfig;

  @Option(
      names = "--sources",
      description =
          "With -c: write each configuration line after the file and line it comes from"
              + " (FILE:LINE: ; FILE: for the kernel command line), each index line after its"
              + " index file and line")
  boolean sources;

  @Option(
      names = "--json",
      description =
          "With --show-depends: write the plans as JSON (docs/schema/show-depends.schema.json),"
              + " one per query (--batch: one per line)")
  boolean json;

  @Option(
      names = {"-n", "--dry-run", "--show"},
      description = "Do not act, print with -v")
  boolean dryRun;

  @Option(
      names = {"-C", "--config"},
      paramLabel = "FILE|DIR",
      description = "Use FILE or DIR instead of the default places")
  List<String> config = new ArrayList<>();

  @Option(
      names = {"-d", "--dirname"},
      paramLabel = "DIR",
      description = "Use DIR as root for /lib/modules")
  String root;

  @Option(
      names = {"-S", "--set-version"},
      paramLabel = "VERSION",
      description = "Use VERSION instead of `uname -r`")
  String version;

  @Option(
      names = {"-s", "--syslog"},
      description = "Accepted for compatibility (messages go to standard error)")
  boolean syslog;

  @Option(
      names = {"-q", "--quiet"},
      description = "Disable messages")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "More messages; with -n, print what would be done")
  boolean[] verbose = new boolean[0];

  @Option(
      names = "--dialect",
      paramLabel = "kmod|modutils",
      description =
          "Configuration dialect (default: modutils when -C names a modules.conf or"
              + " conf.modules, else kmod)")
  String dialect;

  @Option(
      names = {"-k", "--autoclean"},
      description = "modutils: mark loaded modules autoclean (insmod -k); makes 'if -k' true")
  boolean autoclean;

  @Option(
      names = {"-l", "--list"},
      description = "modutils: list the module files matching the patterns (default *)")
  boolean list;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TAG",
      description = "modutils: only modules whose path contains /TAG/")
  String type;

  @Option(
      names = "--allow-exec",
      description =
          "modutils: run command substitutions other than `uname -r` (default: report them"
              + " and use an empty result)")
  boolean allowExec;

  @Option(
      names = "--proc-modules",
      paramLabel = "FILE",
      description =
          "modutils: what is loaded, from FILE in /proc/modules format (default: nothing)")
  String procModules;

  @Option(
      names = {"-o", "--objname"},
      paramLabel = "NAME",
      description =
          "modutils: load the requested module under the kernel name NAME (insmod -o NAME), over"
              + " any -o of its options lines")
  String objname;

  @Option(
      names = "--cmdline",
      paramLabel = "FILE",
      description = "Read the kernel command line from FILE instead of /proc/cmdline")
  String cmdline;

  @Option(
      names = "--batch",
      paramLabel = "FILE",
      description = "Answer one query a line of FILE ('-' for standard input)")
  String batch;

  @CommandLine.Mixin KernelOptions kernelOptions = new KernelOptions();

  @Parameters(paramLabel = "ARGS", description = "Module name and options, or names with -a/-r")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    ModprobeOptions o = options(chosenDialect());
    if (o.printsOnly() || (o.dialect().equals("modutils") && list)) {
      if (kernelOptions.state != null && !kernelOptions.host) {
        // a dry run on a given state plans against what that kernel has loaded
        return kernelOptions
            .store()
            .view(k -> runner(o, Optional.of(new ModprobeRunner.KernelTarget(k, autoclean))));
      }
      return runner(o, Optional.empty());
    }
    if (kernelOptions.host && parent.bound().isEmpty()) {
      if (objname != null) {
        parent.err().print("modprobe: -o NAME: the host's modprobe (kmod) has no -o\n");
        return 1;
      }
      return HostKernel.run(HostKernel.machine().modprobe(), hostArguments(), parent.err());
    }
    KernelAccess access = parent.bound().orElseGet(kernelOptions::store);
    return access.apply(
        k -> {
          // on a simulated kernel without --dialect or -C: the dialect its system was booted with
          ModprobeOptions acting =
              dialect == null && config.isEmpty() ? options(k.system().dialect()) : o;
          return runner(acting, Optional.of(new ModprobeRunner.KernelTarget(k, autoclean)));
        });
  }

  private ModprobeOptions options(String chosen) {
    int verbosity = quiet ? Modprobe.LOG_EMERG : Modprobe.LOG_WARNING + verbose.length;
    return new ModprobeOptions(
        all,
        remove,
        removeHolders,
        resolve,
        firstTime,
        ignoreCommands,
        useBlacklist,
        showDepends,
        showConfig,
        dryRun,
        config,
        Optional.ofNullable(root),
        Optional.ofNullable(version),
        verbosity,
        chosen,
        Optional.ofNullable(cmdline),
        Optional.ofNullable(batch),
        args);
  }

  /** The dialect's modprobe, acting on a kernel when one is given. */
  private int runner(ModprobeOptions o, Optional<ModprobeRunner.KernelTarget> kernel) {
    if (o.dialect().equals("modutils") && (sources || json)) {
      parent
          .err()
          .print(
              "kmodj: ERROR: " + (sources ? "--sources" : "--json") + " needs the kmod dialect\n");
      return 1;
    }
    if (o.dialect().equals("modutils")) {
      ModutilsRunner.Options m =
          new ModutilsRunner.Options(
              o,
              autoclean,
              list,
              Optional.ofNullable(type),
              syslog,
              quiet,
              verbose.length > 0,
              allowExec,
              Optional.ofNullable(procModules),
              Optional.ofNullable(objname));
      return new ModutilsRunner(m, parent.out(), parent.err(), kernel).run();
    }
    if (objname != null) {
      // kmod's modprobe has no -o (module-init-tools' -o NAME went with it)
      parent.err().print("modprobe: invalid option -- 'o'\n");
      return 1;
    }
    ModprobeRunner.Output how =
        sources
            ? ModprobeRunner.Output.SOURCES
            : json ? ModprobeRunner.Output.JSON : ModprobeRunner.Output.TEXT;
    if (sources && json) {
      parent.err().print("kmodj: ERROR: --sources and --json do not go together\n");
      return 1;
    }
    ModprobeRunner r = new ModprobeRunner(o, parent.out(), parent.err(), kernel).output(how);
    if (kernel.isEmpty() && kernelOptions.host) {
      // kmod's modprobe skips what the host has live (/sys/module/NAME/initstate)
      r.planningOn(HostKernel.machine().planningView());
    }
    return r.run();
  }

  /** The arguments passed on to the host's modprobe. */
  private List<String> hostArguments() {
    List<String> a = new ArrayList<>();
    if (remove) {
      a.add("-r");
    }
    if (all) {
      a.add("-a");
    }
    if (quiet) {
      a.add("-q");
    }
    if (firstTime) {
      a.add("--first-time");
    }
    a.add("--");
    a.addAll(args);
    return a;
  }

  /** --dialect, or modutils when -C names a modules.conf or conf.modules. */
  private String chosenDialect() {
    return chosenDialect(dialect, config);
  }

  /**
   * The dialect a command reads its configuration in: the one asked for, else modutils when a
   * configuration path names a modules.conf or conf.modules, else kmod.
   *
   * @param asked {@code --dialect}, or null
   * @param config the {@code -C} paths
   * @return {@code kmod} or {@code modutils}
   */
  static String chosenDialect(String asked, List<String> config) {
    if (asked != null) {
      return asked;
    }
    for (String c : config) {
      if (Dialect.forFileName(c) == Dialect.MODUTILS) {
        return "modutils";
      }
    }
    return "kmod";
  }
}
