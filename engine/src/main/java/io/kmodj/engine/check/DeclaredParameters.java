package io.kmodj.engine.check;

import io.kmodj.engine.elf.KernelModule;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.elf.ModuleReader;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.index.ModuleIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters modules declare ({@code parm} and {@code parmtype} in {@code .modinfo}), read from
 * the module files on demand and kept. A module whose file is missing, empty or unreadable has no
 * answer: nothing can be said about its options.
 */
final class DeclaredParameters {
  private final ModuleIndex index;
  private final Map<String, Optional<Set<String>>> cache = new HashMap<>();

  DeclaredParameters(ModuleIndex index) {
    this.index = index;
  }

  /**
   * The parameters a module declares.
   *
   * @param module a module name in modules.dep
   * @return its parameters, or empty when its file says nothing
   */
  Optional<Set<String>> of(String module) {
    return cache.computeIfAbsent(module, this::read);
  }

  private Optional<Set<String>> read(String module) {
    var dep = index.dependencies(module);
    if (dep.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(index.absolutePath(dep.get().path()));
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return Optional.empty();
      }
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
    Outcome<KernelModule> read = ModuleReader.read(file);
    if (!(read instanceof Outcome.Ok<KernelModule> ok)
        || !(ok.value().info() instanceof Outcome.Ok<List<ModinfoEntry>> info)) {
      return Optional.empty();
    }
    Set<String> names = new HashSet<>();
    for (ModinfoEntry e : info.value()) {
      if (e.key().equals("parm") || e.key().equals("parmtype")) {
        int colon = e.value().indexOf(':');
        names.add(colon < 0 ? e.value() : e.value().substring(0, colon));
      }
    }
    return Optional.of(names);
  }

  /**
   * The parameter names an options text sets: the part before {@code =} of each word, words split
   * at blanks outside double quotes, as the kernel splits module parameters.
   *
   * @param options the options text
   * @return the names, in order
   */
  static List<String> names(String options) {
    List<String> names = new java.util.ArrayList<>();
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
