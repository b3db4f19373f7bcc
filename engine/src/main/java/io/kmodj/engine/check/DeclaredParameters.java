package io.kmodj.engine.check;

import io.kmodj.engine.elf.KernelModule;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.elf.ModuleReader;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.index.ModuleIndex;
import java.io.IOException;
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
 * The parameters modules declare ({@code parm} and {@code parmtype} in {@code .modinfo}), read from
 * the module files on demand and kept. A module whose file is missing, empty or unreadable has no
 * answer: nothing can be said about its options.
 *
 * <p>Safe for use from several threads: each module file is read at most once per instance.
 */
public final class DeclaredParameters {
  /**
   * One declared parameter, as {@code modinfo -p} would show it.
   *
   * @param name the parameter name
   * @param type its {@code parmtype} ({@code int}, {@code bool}, {@code charp}, {@code array of
   *     int}, ...), empty when the module declares none
   * @param description its {@code parm} text, empty when the module gives none
   */
  public record Parameter(String name, String type, String description) {
    /** Checks the parts are present. */
    public Parameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
    }

    /**
     * Whether the kernel parses this parameter as a boolean ({@code bool} or {@code invbool}),
     * accepting {@code 0/1}, {@code y/n}, {@code Y/N} and {@code on/off}.
     *
     * @return true for a boolean parameter
     */
    public boolean isBoolean() {
      return type.equals("bool") || type.equals("invbool");
    }
  }

  private final ModuleIndex index;
  private final Map<String, Optional<List<Parameter>>> cache = new ConcurrentHashMap<>();

  /**
   * Reads declared parameters of the modules in an index.
   *
   * @param index where module names are resolved to files
   */
  public DeclaredParameters(ModuleIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /**
   * The parameter names a module declares.
   *
   * @param module a module name in modules.dep
   * @return its parameter names, or empty when its file says nothing
   */
  public Optional<Set<String>> of(String module) {
    return parameters(module)
        .map(
            ps -> {
              Set<String> names = new LinkedHashSet<>();
              ps.forEach(p -> names.add(p.name()));
              return names;
            });
  }

  /**
   * The parameters a module declares, in the order of their first mention in {@code .modinfo}.
   *
   * @param module a module name in modules.dep
   * @return its parameters with type and description, or empty when its file is missing, empty or
   *     unreadable
   */
  public Optional<List<Parameter>> parameters(String module) {
    return cache.computeIfAbsent(module, this::read);
  }

  private Optional<List<Parameter>> read(String module) {
    var dep = index.dependencies(module);
    if (dep.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(index.absolutePath(dep.get().path()));
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    Outcome<KernelModule> read = ModuleReader.read(file);
    if (!(read instanceof Outcome.Ok<KernelModule> ok)
        || !(ok.value().info() instanceof Outcome.Ok<List<ModinfoEntry>> info)) {
      return Optional.empty();
    }
    return Optional.of(fromModinfo(info.value()));
  }

  /**
   * The parameters a {@code .modinfo} section declares: each {@code parm=NAME:DESCRIPTION} and
   * {@code parmtype=NAME:TYPE} entry, merged by name; for a 2.4 object, each {@code parm_NAME=TYPE}
   * (MODULE_PARM's type string, {@code i}, {@code 1-8s}, ...) and {@code
   * parm_desc_NAME=DESCRIPTION}.
   *
   * @param entries the section's entries
   * @return the parameters, in the order of their first mention
   */
  public static List<Parameter> fromModinfo(List<ModinfoEntry> entries) {
    Map<String, String[]> byName = new LinkedHashMap<>();
    for (ModinfoEntry e : entries) {
      if (e.key().startsWith("parm_desc_") && e.key().length() > 10) {
        byName.computeIfAbsent(e.key().substring(10), n -> new String[] {"", ""})[1] =
            e.value().strip();
        continue;
      }
      if (e.key().startsWith("parm_") && e.key().length() > 5) {
        byName.computeIfAbsent(e.key().substring(5), n -> new String[] {"", ""})[0] =
            e.value().strip();
        continue;
      }
      boolean parm = e.key().equals("parm");
      if (!parm && !e.key().equals("parmtype")) {
        continue;
      }
      int colon = e.value().indexOf(':');
      String name = colon < 0 ? e.value() : e.value().substring(0, colon);
      String rest = colon < 0 ? "" : e.value().substring(colon + 1).strip();
      String[] typeAndText = byName.computeIfAbsent(name, n -> new String[] {"", ""});
      typeAndText[parm ? 1 : 0] = rest;
    }
    List<Parameter> out = new ArrayList<>();
    byName.forEach((name, tt) -> out.add(new Parameter(name, tt[0], tt[1])));
    return List.copyOf(out);
  }

  /**
   * The parameter names an options text sets: the part before {@code =} of each word, words split
   * at blanks outside double quotes, as the kernel splits module parameters.
   *
   * @param options the options text
   * @return the names, in order
   */
  public static List<String> names(String options) {
    List<String> names = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i <= options.length(); i++) {
      char c = i < options.length() ? options.charAt(i) : ' ';
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ' ' || c == '\t')) {
        if (word.length() > 0) {
          String w = word.toString();
          int eq = w.indexOf('=');
          names.add(eq < 0 ? w : w.substring(0, eq));
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    return names;
  }
}
