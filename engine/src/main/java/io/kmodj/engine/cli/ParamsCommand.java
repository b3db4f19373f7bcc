package io.kmodj.engine.cli;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodj params NAME}: a module's parameters four ways: declared (modinfo data, when the
 * system's module files carry it), configured (options lines), saved (the persist file) and live
 * (the kernel's values); {@code --set P=V} writes a live value as {@code /sys/module} does.
 */
@Command(
    name = "params",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Show a module's declared, configured, saved and live parameters.")
final class ParamsCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Option(
      names = "--set",
      paramLabel = "PARAM=VALUE",
      description = "Write a live value (the module must be loaded)")
  List<String> set = new ArrayList<>();

  @Parameters(paramLabel = "NAME", description = "The module")
  String name;

  @Override
  public Integer call() {
    PrintStream out = parent.out();
    if (kernel.host) {
      out.println("live:       " + join(HostKernel.machine().parameters(name)));
      return 0;
    }
    StateStore store = kernel.store();
    for (String s : set) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        parent.err().println("kmodj: ERROR: --set wants PARAM=VALUE, not '" + s + "'");
        return 1;
      }
      int r = store.apply(k -> k.setParameter(name, s.substring(0, eq), s.substring(eq + 1)));
      if (r < 0) {
        parent.err().println("kmodj: ERROR: " + name + ": " + Errno.message(r));
        return 1;
      }
    }
    KernelState s = store.read();
    Optional<LoadedModule> live =
        s.modules().stream().filter(m -> m.name().equals(name)).findFirst();
    Path persist =
        s.persistDir().isEmpty() ? store.directory().resolve("persist") : Path.of(s.persistDir());
    ParameterStore.Saved saved = new ParameterStore(persist).peek(name);
    out.println("module:     " + name + (live.isPresent() ? " (loaded)" : " (not loaded)"));
    out.println("declared:   (no modinfo data for this system)");
    out.println("configured: " + configured(s.system()));
    out.println(
        "saved:      "
            + (saved.problem().isPresent() ? saved.problem().get() : join(saved.values()))
            + " ("
            + persist.resolve(name)
            + ")");
    out.println("live:       " + (live.isPresent() ? join(live.get().parameters()) : "-"));
    return 0;
  }

  private String configured(SystemImage system) {
    SystemImage sys = KernelSession.absolute(system);
    if (!sys.dialect().equals("kmod")) {
      return "(the " + sys.dialect() + " front end is not available in this build)";
    }
    ModuleConfig config =
        new ModprobeDFrontEnd()
            .read(
                new ConfigSource(
                    sys.config(), sys.moduleDirectory(), Optional.empty(), "/proc/cmdline"));
    StringBuilder sb = new StringBuilder();
    String normalized = name.replace('-', '_');
    for (ConfigEntry.Options o : config.options()) {
      if (o.name().equals(normalized) && !o.options().isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(o.options());
      }
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }

  private static String join(Map<String, String> params) {
    if (params.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
