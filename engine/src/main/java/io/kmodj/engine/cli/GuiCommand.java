package io.kmodj.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kmodj gui}: listed here so that {@code --help} shows it; the {@code ./kmodj} launcher
 * starts the desktop application (module {@code gui}) itself, since the engine never loads JavaFX.
 */
@Command(
    name = "gui",
    mixinStandardHelpOptions = true,
    description = "Open the desktop editor (started by the ./kmodj launcher).")
final class GuiCommand implements Callable<Integer> {
  @CommandLine.Parameters(arity = "0..1", paramLabel = "CONFIG", description = "file to open")
  String config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("kmodj: the desktop application is started by the launcher: ./kmodj gui");
    return 1;
  }
}
