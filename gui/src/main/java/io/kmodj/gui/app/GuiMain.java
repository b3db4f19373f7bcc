package io.kmodj.gui.app;

import io.kmodj.engine.cli.GuiCommand;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import picocli.CommandLine;

/**
 * Starts the desktop application: {@code ./kmodj gui [CONFIG] [--root ROOT] [--kernel VERSION]}. A
 * plain main class, so that JavaFX runs from the class path rather than needing the module path.
 * The arguments are parsed with the engine's {@link GuiCommand} (the same options its help, man
 * page and completion show); {@code --help} and {@code --version} print and exit without starting
 * JavaFX, and with no display the command says so in one line and exits with 1.
 */
public final class GuiMain {
  private GuiMain() {}

  /**
   * Launches {@link KmodjApp}, or prints the usage, or an error.
   *
   * @param args the arguments after {@code gui}
   */
  public static void main(String[] args) {
    Charset cs = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, cs);
    PrintWriter err = new PrintWriter(System.err, true, cs);
    Start start = prepare(args, System.getenv(), out, err);
    if (start.launch().isEmpty()) {
      System.exit(start.exitCode());
      return;
    }
    try {
      Application.launch(KmodjApp.class, start.launch().get().toArray(String[]::new));
    } catch (RuntimeException e) {
      // GTK refusing the display, a missing native library: one line, not a stack trace
      err.println("kmodj gui: cannot start the desktop: " + message(e));
      System.exit(1);
    }
  }

  /**
   * What {@link #prepare} decided.
   *
   * @param launch the arguments to launch the application with; empty when it must not start
   * @param exitCode the exit code when it does not start
   */
  record Start(Optional<List<String>> launch, int exitCode) {
    static Start exit(int code) {
      return new Start(Optional.empty(), code);
    }
  }

  /**
   * Parses the arguments and decides whether the application can start.
   *
   * @param args the arguments after {@code gui}
   * @param env the environment (for {@code DISPLAY} and {@code WAYLAND_DISPLAY})
   * @param out where the usage goes
   * @param err where errors go
   * @return whether to launch the application, and with what
   */
  static Start prepare(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    GuiCommand options = new GuiCommand();
    CommandLine cl = new CommandLine(options).setOut(out).setErr(err);
    cl.setCommandName("kmodj gui");
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println("kmodj gui: " + e.getMessage());
      cl.usage(err);
      return Start.exit(2);
    }
    if (cl.isUsageHelpRequested()) {
      cl.usage(out);
      return Start.exit(0);
    }
    if (cl.isVersionHelpRequested()) {
      out.println("kmodj gui " + version());
      return Start.exit(0);
    }
    Optional<String> noDisplay = noDisplay(env);
    if (noDisplay.isPresent()) {
      err.println("kmodj gui: no display (" + noDisplay.get() + ")");
      return Start.exit(1);
    }
    if (options.root != null) {
      System.setProperty(SystemOfFile.ROOT_PROPERTY, options.root);
    }
    if (options.kernel != null) {
      System.setProperty(SystemOfFile.KERNEL_PROPERTY, options.kernel);
    }
    List<String> raw = new ArrayList<>();
    if (options.config != null) {
      raw.add(options.config);
    }
    return new Start(Optional.of(List.copyOf(raw)), 0);
  }

  /**
   * Why no window can open, if so: on Linux and the BSDs JavaFX draws through GTK on X11 (Wayland
   * through XWayland, which sets DISPLAY), unless the Monocle platform is chosen ({@code
   * -Dglass.platform=Monocle}, as the tests do).
   */
  static Optional<String> noDisplay(Map<String, String> env) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win") || os.contains("mac")) {
      return Optional.empty();
    }
    if ("monocle".equalsIgnoreCase(System.getProperty("glass.platform", ""))) {
      return Optional.empty();
    }
    String display = env.getOrDefault("DISPLAY", "");
    if (!display.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        "DISPLAY is not set: run it in a desktop session, or over ssh -X, or under xvfb-run");
  }

  private static String version() {
    String v = GuiMain.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
