package io.kmodj.engine.cli;

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
      GuiCommand.class,
      ModinfoCommand.class,
      DepmodCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Run 'kmodj COMMAND --help' for the options of one command."})
public final class KmodjCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
