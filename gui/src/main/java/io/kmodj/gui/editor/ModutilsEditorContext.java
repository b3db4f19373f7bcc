package io.kmodj.gui.editor;

import io.kmodj.engine.check.DeclaredParameters;
import io.kmodj.engine.check.DeclaredParameters.Parameter;
import io.kmodj.engine.check.ModutilsChecker;
import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.elf.KernelModule;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.elf.ModuleReader;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.modulesconf.Directive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An editor context from a loaded modutils (modules.conf) system, the counterpart of {@link
 * SystemEditorContext}: the module names of its 2.4 modules.dep, the aliases of its configuration
 * (the built-in defaults' too), the parameters a module declares, and the findings of {@link
 * ModutilsChecker} (run once, on first use).
 *
 * <p>A 2.4 module's parameters are read from its object file's {@code .modinfo} when it has one;
 * when it has none (an empty or unreadable {@code .o}, as in the bundled sample) the parameters are
 * those the configuration's {@code options} lines give the module (every line, the replaced ones
 * too), each with the values written there, so that completion still offers what this system uses.
 * Go to definition leads from an alias to its line and from a module to its object file and its
 * modules.dep line. Safe from any thread.
 */
public final class ModutilsEditorContext implements EditorContext {
  private final ModutilsSystem system;
  private final Map<String, Optional<List<Parameter>>> declared = new ConcurrentHashMap<>();
  private volatile List<io.kmodj.engine.check.Finding> findings;
  private volatile List<String> depLines;
  private final ConfigOverlay overlay;
  private volatile Map<String, List<List<String>>> options;

  /**
   * Wraps a loaded system.
   *
   * @param system the system the edited modules.conf belongs to
   */
  public ModutilsEditorContext(ModutilsSystem system) {
    this(system, ConfigOverlay.NONE);
  }

  /**
   * Wraps a system loaded with unsaved buffers.
   *
   * @param system the system the edited modules.conf belongs to
   * @param overlay the unsaved texts it was read with (read again for every {@code options} line)
   */
  public ModutilsEditorContext(ModutilsSystem system, ConfigOverlay overlay) {
    this.system = Objects.requireNonNull(system, "system");
    this.overlay = Objects.requireNonNull(overlay, "overlay");
  }

  @Override
  public List<String> moduleNames() {
    Set<String> names = new LinkedHashSet<>();
    for (DepFile24.Entry e : system.dep().entries()) {
      if (!e.key().equals("null")) {
        names.add(e.key());
      }
    }
    return List.copyOf(names);
  }

  @Override
  public List<String> aliasNames() {
    return List.copyOf(system.config().aliases().keySet());
  }

  @Override
  public Optional<List<Parameter>> parameters(String module) {
    Optional<List<Parameter>> fromFile = declared.computeIfAbsent(module, this::readDeclared);
    if (fromFile.isPresent()) {
      return fromFile;
    }
    Map<String, List<String>> configured = configured(module);
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    List<Parameter> out = new ArrayList<>();
    String where =
        system.config().origin("options", module).map(ModutilsEditorContext::place).orElse("");
    for (Map.Entry<String, List<String>> e : configured.entrySet()) {
      out.add(
          new Parameter(
              e.getKey(),
              "",
              "configured " + where + " as " + e.getKey() + "=" + String.join(", ", e.getValue())));
    }
    return Optional.of(List.copyOf(out));
  }

  @Override
  public List<String> values(String module, String parameter) {
    return configured(module).getOrDefault(parameter, List.of());
  }

  /**
   * The parameters the {@code options} lines give a module, each with its values as written: every
   * line read, not only the one that takes effect, so that the line being typed (which replaces the
   * earlier ones) does not hide what the others say.
   */
  private Map<String, List<String>> configured(String module) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (List<String> words : optionLines().getOrDefault(module, List.of())) {
      for (String w : words) {
        int eq = w.indexOf('=');
        if (eq > 0) {
          List<String> values = out.computeIfAbsent(w.substring(0, eq), k -> new ArrayList<>());
          String v = w.substring(eq + 1);
          if (!v.isEmpty() && !values.contains(v)) {
            values.add(v);
          }
        }
      }
    }
    return out;
  }

  /** The words of every applied {@code options} line, by module, read once. */
  private Map<String, List<List<String>>> optionLines() {
    Map<String, List<List<String>>> lines = options;
    if (lines != null) {
      return lines;
    }
    Map<String, List<List<String>>> found = new LinkedHashMap<>();
    SystemSpec spec = system.spec();
    String version = spec.version().orElse(System.getProperty("os.version"));
    Optional<String> file =
        spec.configPaths().isEmpty() ? Optional.empty() : Optional.of(spec.configPaths().get(0));
    new ModulesConfReader(
            new ModulesConfReader.Request(
                file, version, spec.modutilsRoot() + "/lib/modules/" + version, false, false),
            overlay,
            new ModulesConfReader.Listener() {
              @Override
              public void directive(
                  Directive d, Origin origin, boolean applied, List<String> words) {
                if (applied && d instanceof Directive.Options o) {
                  found.computeIfAbsent(o.name().raw(), k -> new ArrayList<>()).add(words);
                }
              }
            })
        .read();
    options = found;
    return found;
  }

  private Optional<List<Parameter>> readDeclared(String module) {
    Optional<DepFile24.Entry> e = system.dep().byKey(module);
    if (e.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(e.get().path());
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return Optional.empty();
      }
    } catch (IOException ex) {
      return Optional.empty();
    }
    Outcome<KernelModule> read = ModuleReader.read(file);
    if (!(read instanceof Outcome.Ok<KernelModule> ok)
        || !(ok.value().info() instanceof Outcome.Ok<List<ModinfoEntry>> info)) {
      return Optional.empty();
    }
    List<Parameter> ps = DeclaredParameters.fromModinfo(info.value());
    return ps.isEmpty() ? Optional.empty() : Optional.of(ps);
  }

  @Override
  public List<Definition> definitions(String name) {
    List<Definition> out = new ArrayList<>();
    ModutilsConfig config = system.config();
    String module = name;
    ModutilsConfig.Named alias = config.aliases().get(name);
    if (alias != null) {
      String target = String.join(" ", alias.words());
      config
          .origin("alias", name)
          .filter(o -> o.line() > 0 && !o.file().equals(ModulesConfReader.DEFAULTS_NAME))
          .ifPresent(
              o ->
                  out.add(
                      new Definition(
                          Path.of(o.file()), o.line(), "alias " + name + " -> " + target)));
      if (alias.words().size() == 1) {
        module = alias.words().get(0);
      }
    }
    system
        .dep()
        .byKey(module)
        .ifPresent(
            d -> {
              out.add(new Definition(Path.of(d.path()), 0, "module file " + d.path()));
              out.add(
                  new Definition(
                      Path.of(system.dep().file()),
                      depLine(d),
                      "modules.dep: " + DepFile24.stripo(d.path())));
            });
    return List.copyOf(out);
  }

  /** The 1-based line of modules.dep that starts an entry (0 when it cannot be found). */
  private int depLine(DepFile24.Entry entry) {
    List<String> lines = depLines;
    if (lines == null) {
      try {
        lines =
            List.of(
                new String(
                        Files.readAllBytes(Path.of(system.dep().file())),
                        StandardCharsets.ISO_8859_1)
                    .split("\n", -1));
      } catch (IOException e) {
        lines = List.of();
      }
      depLines = lines;
    }
    String root = system.spec().modutilsRoot();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int colon = l.indexOf(':');
      if (colon > 0) {
        String path = l.substring(0, colon).strip();
        if (path.equals(entry.path()) || (root + path).equals(entry.path())) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  @Override
  public List<Finding> findings(String fileName) {
    List<io.kmodj.engine.check.Finding> all = findings;
    if (all == null) {
      all = new ModutilsChecker(system).check();
      findings = all;
    }
    return Finding.inFile(all, fileName);
  }

  private static String place(Origin o) {
    Path name = Path.of(o.file()).getFileName();
    return "at " + (name == null ? o.file() : name.toString()) + ":" + o.line();
  }
}
