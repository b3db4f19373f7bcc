package io.kmodj.engine.cli;

import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.RequestKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodj demo}: kmod.txt's story end to end on a bundled sample, in a kernel of its own: a
 * device is opened, the kernel asks for its char-major alias, the kmod thread runs modprobe, the
 * modules load with their options; they go idle, two {@code rmmod -a} passes reap them, their
 * parameters are saved, and a new request restores them.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Tell kmod.txt's story step by step on the bundled sample system.")
final class DemoCommand implements Callable<Integer> {
  static final String MODERN_RELEASE = "6.1.0-47-cloud-amd64";

  @CommandLine.ParentCommand KmodjCommand parent;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "The samples folder (default: found beside kmodj)")
  Path samples;

  @Option(
      names = "--system",
      paramLabel = "modutils|modern",
      description = "Which sample tells it (default: ${DEFAULT-VALUE})")
  String system = "modutils";

  @Option(
      names = "--persist",
      paramLabel = "DIR",
      description = "Where parameters are saved (default: a temporary folder)")
  Path persist;

  private PrintStream out;
  private int step;

  @Override
  public Integer call() throws IOException {
    out = parent.out();
    Optional<Path> dir = samples != null ? Optional.of(samples) : findSamples();
    if (dir.isEmpty()) {
      parent.err().println("kmodj: ERROR: cannot find the samples folder; use --samples DIR");
      return 1;
    }
    Path persistDir = persist != null ? persist : Files.createTempDirectory("kmodj-persist");
    boolean modutils = !system.equals("modern");
    Path root = dir.get().resolve(modutils ? "modutils" : "modern").toAbsolutePath().normalize();
    SystemImage image =
        modutils
            ? new SystemImage(
                root.toString(),
                "2.4.27",
                "modutils",
                List.of(root.resolve("etc/modules.conf").toString()))
            : new SystemImage(
                root.toString(),
                MODERN_RELEASE,
                "kmod",
                List.of(root.resolve("etc/modprobe.d").toString()));
    SimulatedKernel kernel =
        new SimulatedKernel(
            image,
            KernelSession.builtins(image),
            Clock.systemUTC(),
            Optional.of(new ParameterStore(persistDir)));
    kernel.setCompat(true);
    KernelAccess access = KernelAccess.of(kernel);
    say(
        "A Linux "
            + image.release()
            + " kernel boots on "
            + root
            + " ("
            + (modutils ? "modutils: etc/modules.conf" : "kmod: etc/modprobe.d")
            + "), in 2.2/2.4 compatibility: the kmod thread runs 'modprobe -s -k -- NAME'.");
    Story story =
        modutils
            ? new Story(
                "A program opens /dev/dsp, character device 14:3; no driver has major 14.",
                "char-major-14",
                "soundcore",
                "soundcore finds no driver for slot 0 and asks in turn.",
                "sound-slot-0",
                "sb",
                "acer",
                "1")
            : new Story(
                "A program mounts an nfsd file system; the kernel asks for fs-nfsd.",
                "fs-nfsd",
                "nfsd",
                "The program opens /dev/loop-control, character device 10:237, whose driver is not"
                    + " loaded.",
                "char-major-10-237",
                "loop",
                "max_part",
                "8");
    try (KmodThread kmod =
        new KmodThread(
            KmodThread.Settings.linux24(),
            KernelSession.launcher(access, image, persistDir),
            (level, text) -> kernel.log().log(level, text))) {
      RequestKind modules = RequestKind.modules(kernel::modprobePath, kernel::compat);
      say(story.first());
      request(kmod, modules, story.firstName());
      say(story.second());
      request(kmod, modules, story.secondName());
      lsmod(kernel);
      kernel.get(story.firstModule());
      kernel.get(story.secondModule());
      kernel.setParameter(story.secondModule(), story.param(), story.value());
      say(
          "The devices are in use (use counts rise); someone tunes "
              + story.secondModule()
              + ": echo "
              + story.value()
              + " > /sys/module/"
              + story.secondModule()
              + "/parameters/"
              + story.param()
              + ".");
      params(kernel, story.secondModule());
      kernel.put(story.firstModule());
      kernel.put(story.secondModule());
      say("The program closes the device: the modules are idle.");
      lsmod(kernel);
      say("cron runs 'rmmod -a' (first pass): idle modules only lose their VISITED mark.");
      out.println("    removed: " + names(kernel.autoclean()));
      say(
          "cron runs 'rmmod -a' again: modules unused for two passes go, with the dependencies"
              + " only they held.");
      out.println("    removed: " + names(kernel.autoclean()));
      lsmod(kernel);
      Path saved = persistDir.resolve(story.secondModule());
      say(
          story.secondModule()
              + "'s parameters were saved when it was unloaded, in "
              + saved
              + ":");
      for (String l : Files.readAllLines(saved, StandardCharsets.UTF_8)) {
        out.println("    " + l);
      }
      say(
          "The device is opened again: a new request loads "
              + story.secondModule()
              + ", saved values restored, configured options winning.");
      request(kmod, modules, story.secondName());
      params(kernel, story.secondModule());
      say("The kernel log (dmesg):");
      for (KernelLog.Line l : kernel.log().lines()) {
        out.println("    " + l.formatted());
      }
    }
    return 0;
  }

  /** The names one telling of the story uses. */
  private record Story(
      String first,
      String firstName,
      String firstModule,
      String second,
      String secondName,
      String secondModule,
      String param,
      String value) {}

  private void say(String text) {
    out.println();
    out.println(++step + ". " + text);
  }

  private void request(KmodThread kmod, RequestKind modules, String name) {
    out.println(
        "    request_module(\""
            + name
            + "\") -> kmod thread runs: "
            + String.join(" ", modules.argv(name)));
    int r = kmod.request(modules, name);
    out.println("    request_module(\"" + name + "\") = " + r);
  }

  private void lsmod(SimulatedKernel kernel) {
    out.println("    $ lsmod");
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      LsmodCommand.print(kernel.modules(), kernel.system(), p);
    }
    for (String l : buf.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!l.isEmpty()) {
        out.println("    " + l);
      }
    }
    for (LoadedModule m : kernel.modules()) {
      if (!m.flags().isEmpty()) {
        out.println("    (" + m.name() + ": " + m.flags() + ")");
      }
    }
  }

  private void params(SimulatedKernel kernel, String name) {
    out.println(
        "    "
            + name
            + " parameters (live): "
            + kernel.module(name).map(m -> m.parameters().toString()).orElse("not loaded"));
  }

  private static String names(List<String> l) {
    return l.isEmpty() ? "(nothing)" : String.join(" ", l);
  }

  /** The samples folder: under kmodj.home, the working directory, or above the engine's classes. */
  static Optional<Path> findSamples() {
    String home = System.getProperty("kmodj.home");
    if (home != null && Files.isDirectory(Path.of(home, "samples"))) {
      return Optional.of(Path.of(home, "samples"));
    }
    Path p = Path.of("").toAbsolutePath();
    try {
      p = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      p = Path.of("").toAbsolutePath();
    }
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.isDirectory(q.resolve("samples/modern"))) {
        return Optional.of(q.resolve("samples"));
      }
    }
    for (Path q = Path.of("").toAbsolutePath(); q != null; q = q.getParent()) {
      if (Files.isDirectory(q.resolve("samples/modern"))) {
        return Optional.of(q.resolve("samples"));
      }
    }
    return Optional.empty();
  }
}
