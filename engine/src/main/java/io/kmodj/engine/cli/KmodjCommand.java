package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelAccess;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kmodj} command: lists and dispatches the subcommands. */
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
    subcommands = {
      ModprobeCommand.class,
      ModinfoCommand.class,
      DepmodCommand.class,
      GraphCommand.class,
      CheckCommand.class,
      BootCommand.class,
      LsmodCommand.class,
      InsmodCommand.class,
      RmmodCommand.class,
      RequestCommand.class,
      DmesgCommand.class,
      SysctlCommand.class,
      ParamsCommand.class,
      DaemonCommand.class,
      DemoCommand.class,
      GuiCommand.class,
      CommandLine.HelpCommand.class,
      picocli.AutoComplete.GenerateCompletion.class,
      picocli.codegen.docgen.manpage.ManPageGenerator.class
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
