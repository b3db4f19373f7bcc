package io.kmodj.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodj gui}: its options, for {@code --help}, the man page and the completion, and for the
 * desktop application's own parsing ({@code io.kmodj.gui.app.GuiMain} parses its arguments with
 * this class). The {@code ./kmodj} launcher starts the desktop application (module {@code gui})
 * itself, since the engine never loads JavaFX; run from the engine, the command says so.
 */
@Command(
    name = "gui",
    mixinStandardHelpOptions = true,
    description = {
      "Open the desktop editor (started by the ./kmodj launcher).",
      "With no CONFIG it opens the tabs open when it last closed, else the bundled modutils"
          + " sample. Needs a display (DISPLAY)."
    })
public final class GuiCommand implements Callable<Integer> {
  /** The file or directory to open, if given. */
  @CommandLine.Parameters(
      arity = "0..1",
      paramLabel = "CONFIG",
      description = "file or modprobe.d directory to open")
  public String config;

  /** The system root, if given. */
  @Option(
      names = "--root",
      paramLabel = "ROOT",
      description = "system root holding lib/modules (default: found from CONFIG's path)")
  public String root;

  /** The kernel release, if given. */
  @Option(
      names = "--kernel",
      paramLabel = "VERSION",
      description =
          "kernel release under ROOT/lib/modules (default: the running one, else the last)")
  public String kernel;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Makes the command with no options given. */
  public GuiCommand() {}

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("kmodj: the desktop application is started by the launcher: ./kmodj gui");
    return 1;
  }
}
