package io.kmodj.engine.params;

import io.kmodj.engine.check.DeclaredParameters;
import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.elf.KernelModule;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.elf.ModuleReader;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.params.ParameterReport.ConfiguredLine;
import io.kmodj.engine.params.ParameterReport.Parameter;
import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a {@link ParameterReport} together: declared parameters from the module file's {@code
 * .modinfo}, configured values from the system's configuration (kmod: every options line of the
 * module in reading order, then the kernel command line's {@code MODULE.PARAM=} settings; modutils:
 * the options modules.conf leaves in effect, {@code add options} merged), saved values from the
 * persist directory, live ones from the kernel's module table.
 */
public final class ParameterReports {
  private ParameterReports() {}

  /**
   * The report for a module of the simulated kernel whose state is given.
   *
   * @param state the kernel's state
   * @param stateDirectory its state directory (the default persist directory is in it)
   * @param module the module
   * @param kernelCommandLine the kernel command line to honour, if any
   * @return the report
   */
  public static ParameterReport of(
      KernelState state, Path stateDirectory, String module, Optional<String> kernelCommandLine) {
    Optional<LoadedModule> live =
        state.modules().stream().filter(m -> m.name().equals(module)).findFirst();
    Path persist =
        state.persistDir().isEmpty()
            ? stateDirectory.resolve("persist")
            : Path.of(state.persistDir());
    return build(
        module,
        declared(state.system(), module),
        configured(state.system(), kernelCommandLine, module),
        new ParameterStore(persist).peek(module),
        persist.resolve(module).toString(),
        live);
  }

  /**
   * Puts the parts together.
   *
   * @param module the module
   * @param declared what its file declares; empty when that is unknown
   * @param configured the options lines that apply, in order
   * @param saved what the persist file holds
   * @param savedFile the persist file
   * @param live the module as the kernel has it, if loaded
   * @return the report
   */
  public static ParameterReport build(
      String module,
      Optional<List<DeclaredParameters.Parameter>> declared,
      List<ConfiguredLine> configured,
      ParameterStore.Saved saved,
      String savedFile,
      Optional<LoadedModule> live) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (DeclaredParameters.Parameter d : declared.orElse(List.of())) {
      Row r = row(rows, d.name());
      r.type = d.type();
      r.description = d.description();
      r.declared = true;
    }
    for (ConfiguredLine l : configured) {
      for (Map.Entry<String, String> e : split(l.options()).entrySet()) {
        Row r = row(rows, e.getKey());
        r.configured = Optional.of(e.getValue());
        r.configuredAt = Optional.of(l.origin());
      }
    }
    for (Map.Entry<String, String> e : saved.values().entrySet()) {
      row(rows, e.getKey()).saved = Optional.of(e.getValue());
    }
    live.ifPresent(m -> m.parameters().forEach((k, v) -> row(rows, k).live = Optional.of(v)));
    List<Parameter> parameters = new ArrayList<>();
    for (Row r : rows.values()) {
      parameters.add(
          new Parameter(
              r.name,
              r.type,
              r.description,
              r.declared,
              r.configured,
              r.configuredAt,
              r.saved,
              r.live));
    }
    return new ParameterReport(
        module,
        live.isPresent(),
        declared.isPresent(),
        parameters,
        configured,
        savedFile,
        saved.problem());
  }

  /** A row being filled. */
  private static final class Row {
    final String name;
    String type = "";
    String description = "";
    boolean declared;
    Optional<String> configured = Optional.empty();
    Optional<Origin> configuredAt = Optional.empty();
    Optional<String> saved = Optional.empty();
    Optional<String> live = Optional.empty();

    Row(String name) {
      this.name = name;
    }
  }

  private static Row row(Map<String, Row> rows, String name) {
    return rows.computeIfAbsent(name.replace('-', '_'), k -> new Row(name));
  }

  /**
   * Splits options as the kernel's parse_args does: words at blanks outside double quotes, the
   * quotes dropped, a bare name meaning {@code Y}; a later setting replaces an earlier one.
   *
   * @param options the options text
   * @return the values by parameter, in the order first set
   */
  public static Map<String, String> split(String options) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = options.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(options.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      while (i < n && (quoted || !Character.isWhitespace(options.charAt(i)))) {
        char c = options.charAt(i++);
        if (c == '"') {
          quoted = !quoted;
        } else {
          word.append(c);
        }
      }
      String w = word.toString();
      int eq = w.indexOf('=');
      if (eq < 0) {
        out.put(w, "Y");
      } else if (eq > 0) {
        out.put(w.substring(0, eq), w.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * The options lines of a module in a system's configuration, in the order they take effect.
   *
   * @param system the system
   * @param kernelCommandLine the kernel command line to honour (kmod only), if any
   * @param module the module
   * @return the lines
   */
  public static List<ConfiguredLine> configured(
      SystemImage system, Optional<String> kernelCommandLine, String module) {
    SystemImage sys = absolute(system);
    List<ConfiguredLine> out = new ArrayList<>();
    if (sys.dialect().equals("modutils")) {
      ModutilsConfig config =
          new ModulesConfReader(
                  new ModulesConfReader.Request(
                      sys.config().stream().findFirst(),
                      sys.release(),
                      sys.moduleDirectory(),
                      false,
                      false))
              .read();
      ModutilsConfig.Named o = config.options().get(module);
      if (o != null && !o.words().isEmpty()) {
        Origin at = config.origin("options", module).orElse(new Origin(config.lastConfigFile(), 0));
        out.add(new ConfiguredLine(at, String.join(" ", o.words())));
      }
      return out;
    }
    ModuleConfig config =
        new ModprobeDFrontEnd()
            .read(
                new ConfigSource(
                    sys.config(), sys.moduleDirectory(), kernelCommandLine, "kernel command line"));
    String normalized = ModuleNames.normalizeModuleName(module);
    for (ConfigEntry.Options o : config.options()) {
      if (o.name().equals(normalized) && !o.options().isEmpty()) {
        out.add(new ConfiguredLine(o.origin(), o.options()));
      }
    }
    return out;
  }

  /**
   * The options lines of a module in one configuration text (an editor's buffer), in the order they
   * take effect; values are shown as written (modutils variables unexpanded).
   *
   * @param dialect the text's dialect
   * @param file the file name to report
   * @param text the text
   * @param module the module
   * @return the lines
   */
  public static List<ConfiguredLine> configured(
      Dialect dialect, String file, String text, String module) {
    return OptionsRewriter.lines(dialect, file, text, module);
  }

  /**
   * The parameters a module's file declares ({@code parm} and {@code parmtype} in {@code
   * .modinfo}).
   *
   * @param system the system
   * @param module the module
   * @return them in modinfo order, or empty when the file is missing, empty or unreadable
   */
  public static Optional<List<DeclaredParameters.Parameter>> declared(
      SystemImage system, String module) {
    SystemImage sys = absolute(system);
    if (!sys.dialect().equals("modutils")) {
      try {
        return new DeclaredParameters(ModuleIndex.load(sys.moduleDirectory()))
            .parameters(ModuleNames.normalizeModuleName(module));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    Optional<Path> file = modutilsFile(sys, module);
    try {
      if (file.isEmpty() || !Files.isRegularFile(file.get()) || Files.size(file.get()) == 0) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    Outcome<KernelModule> read = ModuleReader.read(file.get());
    if (!(read instanceof Outcome.Ok<KernelModule> ok)
        || !(ok.value().info() instanceof Outcome.Ok<List<ModinfoEntry>> info)) {
      return Optional.empty();
    }
    return Optional.of(DeclaredParameters.fromModinfo(info.value()));
  }

  /** A modutils module's file, found in its 2.4 modules.dep. */
  private static Optional<Path> modutilsFile(SystemImage sys, String module) {
    try {
      Path dep = Path.of(sys.moduleDirectory(), "modules.dep");
      DepFile24.Result r = DepFile24.read(dep, sys.root());
      if (r.depFile().isEmpty()) {
        return Optional.empty();
      }
      for (DepFile24.Entry e : r.depFile().get().entries()) {
        String base = e.path().substring(e.path().lastIndexOf('/') + 1);
        if (DepFile24.stripo(base).equals(module)) {
          return Optional.of(Path.of(e.path()));
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static SystemImage absolute(SystemImage s) {
    if (s.root().isEmpty() || s.root().startsWith("/")) {
      return s;
    }
    return new SystemImage(
        Path.of(s.root()).toAbsolutePath().normalize().toString(),
        s.release(),
        s.dialect(),
        s.config());
  }
}
