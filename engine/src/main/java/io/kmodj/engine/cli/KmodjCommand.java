package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelAccess;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kmodj} command: lists and dispatches the subcommands. They are added by {@link
 * #addSubcommands}, not named in the annotation, so that a run of one command builds the model of
 * that command only (picocli reads every option of every command it is given, by reflection).
 */
@Command(
    name = "kmodj",
    mixinStandardHelpOptions = true,
    versionProvider = KmodjCommand.Version.class,
    description = {
      "See, edit and prove what the Linux kernel will load.",
      "",
      "kmodj reads modprobe.d (kmod) and modules.conf (modutils) configuration over a module"
          + " tree and answers as modprobe would, on a simulated kernel unless told otherwise."
    },
    footer = {"", "Run 'kmodj COMMAND --help' for the options of one command."})
public final class KmodjCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;
  private final Optional<KernelAccess> bound;

  /** The command on the process's streams. */
  public KmodjCommand() {
    this(System.out, System.err);
  }

  /**
   * The command on given streams.
   *
   * @param out standard output
   * @param err standard error
   */
  public KmodjCommand(PrintStream out, PrintStream err) {
    this(out, err, Optional.empty());
  }

  /**
   * The command on given streams, bound to a simulated kernel (the in-process modprobe the kmod
   * thread runs acts on that kernel, not on the state directory).
   *
   * @param out standard output
   * @param err standard error
   * @param bound the kernel, or empty for the state directory's
   */
  public KmodjCommand(PrintStream out, PrintStream err, Optional<KernelAccess> bound) {
    this.out = Objects.requireNonNull(out);
    this.err = Objects.requireNonNull(err);
    this.bound = Objects.requireNonNull(bound);
  }

  /** The kernel this command is bound to, if any. */
  Optional<KernelAccess> bound() {
    return bound;
  }

  /** Standard output, for subcommands. */
  PrintStream out() {
    return out;
  }

  /** Standard error, for subcommands. */
  PrintStream err() {
    return err;
  }

  /** The subcommands in the order {@code kmodj --help} lists them. */
  private static final List<String> SUBCOMMANDS =
      List.of(
          "modprobe",
          "modinfo",
          "depmod",
          "graph",
          "check",
          "explain",
          "diff",
          "boot",
          "lsmod",
          "insmod",
          "rmmod",
          "request",
          "dmesg",
          "sysctl",
          "params",
          "daemon",
          "demo",
          "gui",
          "help",
          "generate-completion",
          "gen-manpage");

  /** Commands that need every other one: help and the generators of completion and man pages. */
  private static final List<String> NEED_ALL =
      List.of("help", "generate-completion", "gen-manpage");

  /**
   * Adds the subcommands to a command line built on a {@code KmodjCommand}: only the one the
   * arguments start with when that is a command that needs no other ({@code kmodj modprobe ...}),
   * else all of them ({@code --help}, {@code help}, the generators, a mistyped name).
   *
   * @param cl the command line
   * @param args the arguments it will be given
   */
  static void addSubcommands(CommandLine cl, String... args) {
    String first = args.length == 0 ? "" : args[0];
    if (SUBCOMMANDS.contains(first) && !NEED_ALL.contains(first)) {
      cl.addSubcommand(create(first));
      return;
    }
    for (String name : SUBCOMMANDS) {
      cl.addSubcommand(create(name));
    }
  }

  /** A new instance of a subcommand; a class is loaded only when its command is made. */
  private static Object create(String name) {
    return switch (name) {
      case "modprobe" -> new ModprobeCommand();
      case "modinfo" -> new ModinfoCommand();
      case "depmod" -> new DepmodCommand();
      case "graph" -> new GraphCommand();
      case "check" -> new CheckCommand();
      case "explain" -> new ExplainCommand();
      case "diff" -> new DiffCommand();
      case "boot" -> new BootCommand();
      case "lsmod" -> new LsmodCommand();
      case "insmod" -> new InsmodCommand();
      case "rmmod" -> new RmmodCommand();
      case "request" -> new RequestCommand();
      case "dmesg" -> new DmesgCommand();
      case "sysctl" -> new SysctlCommand();
      case "params" -> new ParamsCommand();
      case "daemon" -> new DaemonCommand();
      case "demo" -> new DemoCommand();
      case "gui" -> new GuiCommand();
      case "help" -> new CommandLine.HelpCommand();
      case "generate-completion" -> new picocli.AutoComplete.GenerateCompletion();
      case "gen-manpage" -> new picocli.codegen.docgen.manpage.ManPageGenerator();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  @Override
  public void run() {
    // no subcommand: picocli prints the message and the list of commands, as git does
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = KmodjCommand.class.getPackage().getImplementationVersion();
      return new String[] {"kmodj " + (v == null ? "development" : v)};
    }
  }
}
