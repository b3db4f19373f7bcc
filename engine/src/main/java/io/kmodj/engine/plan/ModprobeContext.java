package io.kmodj.engine.plan;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.index.Fnmatch;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One modprobe run's view of a kernel: the index, the configuration, what is loaded, and the pool
 * of module objects (libkmod's {@code kmod_ctx}). Its central question is {@link #lookup}: which
 * modules a name stands for. Single-threaded: one context per query.
 */
public final class ModprobeContext {
  private final ModuleIndex index;
  private final ModuleConfig config;
  private final LoadedModules loaded;
  private final Consumer<String> errors;
  private final Map<String, ModuleHandle> pool = new HashMap<>();

  /**
   * A context.
   *
   * @param index the module index
   * @param config the effective configuration
   * @param loaded what the kernel has loaded
   * @param errors receives libkmod's error messages (without prefix)
   */
  public ModprobeContext(
      ModuleIndex index, ModuleConfig config, LoadedModules loaded, Consumer<String> errors) {
    this.index = Objects.requireNonNull(index);
    this.config = Objects.requireNonNull(config);
    this.loaded = Objects.requireNonNull(loaded);
    this.errors = Objects.requireNonNull(errors);
  }

  /** The module index. */
  public ModuleIndex index() {
    return index;
  }

  /** The configuration. */
  public ModuleConfig config() {
    return config;
  }

  /** What the kernel has loaded. */
  public LoadedModules loaded() {
    return loaded;
  }

  void error(String message) {
    errors.accept(message);
  }

  /**
   * The modules a name stands for, as {@code kmod_module_new_from_lookup} finds them: the first of
   * these sources that knows the name wins: configured aliases (every match), modules.dep, {@code
   * symbol:} names, install then remove commands, modules.alias, modules.builtin, builtin aliases.
   *
   * @param given the name as asked
   * @return the modules, possibly none; empty when the name is invalid (unpaired brackets)
   */
  public Optional<List<ModuleHandle>> lookup(String given) {
    return lookup(given, null);
  }

  /**
   * {@link #lookup(String)}, recording each source consulted, in order, with what it found.
   *
   * @param given the name as asked
   * @param trace receives one {@link LookupStep} per source, the last one the source that answered
   *     (or the last source when none did); nothing when the name is invalid
   * @return the modules, as {@link #lookup(String)} answers
   */
  public Optional<List<ModuleHandle>> lookup(String given, List<LookupStep> trace) {
    Optional<String> normalized = ModuleNames.normalizeAlias(given);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    String name = normalized.get();
    List<ModuleHandle> list = new ArrayList<>();
    // configured aliases: every matching line
    List<Origin> lines = trace == null ? null : new ArrayList<>();
    for (ConfigEntry.Alias a : config.aliases()) {
      if (Fnmatch.matches(a.name(), name)) {
        list.add(fromAlias(a.name(), a.module()));
        if (lines != null) {
          lines.add(a.origin());
        }
      }
    }
    if (trace != null) {
      trace.add(
          step(
              LookupStep.Source.CONFIG_ALIAS,
              true,
              list,
              lines,
              list.isEmpty()
                  ? "no alias line matches " + name
                  : lines.size() + " alias line(s) match " + name));
    }
    if (!list.isEmpty()) {
      return Optional.of(list);
    }
    // module names never contain ':'
    if (name.indexOf(':') < 0) {
      var dep = index.dependencies(name);
      if (dep.isPresent()) {
        ModuleHandle m = fromName(name);
        m.parseDepLine(dep.get());
        record(trace, LookupStep.Source.MODULE_NAME, true, List.of(m), "modules.dep has " + name);
        return Optional.of(List.of(m));
      }
      record(
          trace,
          LookupStep.Source.MODULE_NAME,
          true,
          list,
          "no module " + name + " in modules.dep");
    } else {
      record(
          trace,
          LookupStep.Source.MODULE_NAME,
          false,
          list,
          "skipped: module names never hold ':'");
    }
    if (name.startsWith("symbol:")) {
      for (String mod : index.symbols().search(name)) {
        list.add(fromAlias(name, mod));
      }
      record(
          trace,
          LookupStep.Source.SYMBOL,
          true,
          list,
          list.isEmpty() ? "no module exports " + name.substring(7) : "exported by " + names(list));
      if (!list.isEmpty()) {
        return Optional.of(list);
      }
    } else {
      record(trace, LookupStep.Source.SYMBOL, false, list, "skipped: not a symbol: name");
    }
    Optional<ModuleHandle> byCommand = fromCommands(name);
    if (trace != null) {
      Optional<Origin> at = commandOrigin(name);
      trace.add(
          step(
              LookupStep.Source.COMMAND,
              true,
              byCommand.map(List::of).orElse(List.of()),
              at.map(List::of).orElse(List.of()),
              byCommand.isPresent()
                  ? "an install or remove line names " + name + " exactly"
                  : "no install or remove line names " + name + " exactly"));
    }
    if (byCommand.isPresent()) {
      return Optional.of(List.of(byCommand.get()));
    }
    for (String mod : index.aliases().search(name)) {
      list.add(fromAlias(name, mod));
    }
    record(
        trace,
        LookupStep.Source.MODULES_ALIAS,
        true,
        list,
        list.isEmpty() ? "no pattern of modules.alias matches" : "matched: " + names(list));
    if (!list.isEmpty()) {
      return Optional.of(list);
    }
    if (index.isBuiltin(name)) {
      ModuleHandle m = fromName(name);
      m.setBuiltin(true);
      record(
          trace, LookupStep.Source.BUILTIN, true, List.of(m), name + " is built into the kernel");
      return Optional.of(List.of(m));
    }
    record(trace, LookupStep.Source.BUILTIN, true, list, name + " is not in modules.builtin");
    for (String mod : index.builtinAliases().search(name)) {
      ModuleHandle m = fromAlias(name, mod);
      m.setBuiltin(true);
      list.add(m);
    }
    record(
        trace,
        LookupStep.Source.BUILTIN_ALIAS,
        true,
        list,
        list.isEmpty() ? "no built-in alias matches" : "matched: " + names(list));
    return Optional.of(list);
  }

  private static LookupStep step(
      LookupStep.Source source,
      boolean consulted,
      List<ModuleHandle> found,
      List<Origin> lines,
      String detail) {
    List<String> names = new ArrayList<>();
    for (ModuleHandle m : found) {
      names.add(m.name());
    }
    return new LookupStep(source, consulted, names, lines == null ? List.of() : lines, detail);
  }

  private static void record(
      List<LookupStep> trace,
      LookupStep.Source source,
      boolean consulted,
      List<ModuleHandle> found,
      String detail) {
    if (trace != null) {
      trace.add(step(source, consulted, found, List.of(), detail));
    }
  }

  private static String names(List<ModuleHandle> list) {
    StringBuilder sb = new StringBuilder();
    for (ModuleHandle m : list) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(m.name());
    }
    return sb.toString();
  }

  /** The line {@link #fromCommands} takes its answer from. */
  private Optional<Origin> commandOrigin(String name) {
    for (ConfigEntry.Install i : config.installs()) {
      if (i.name().equals(name)) {
        return Optional.of(i.origin());
      }
    }
    for (ConfigEntry.Remove r : config.removes()) {
      if (r.name().equals(name)) {
        return Optional.of(r.origin());
      }
    }
    return Optional.empty();
  }

  /** An install (else remove) command configured for exactly this name: the first one. */
  private Optional<ModuleHandle> fromCommands(String name) {
    for (ConfigEntry.Install i : config.installs()) {
      if (i.name().equals(name)) {
        ModuleHandle m = fromName(name);
        m.setInstallCommand(i.command());
        return Optional.of(m);
      }
    }
    for (ConfigEntry.Remove r : config.removes()) {
      if (r.name().equals(name)) {
        ModuleHandle m = fromName(name);
        m.setRemoveCommand(r.command());
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The pooled module of a name (kmod_module_new_from_name). */
  ModuleHandle fromName(String name) {
    String key = ModuleNames.normalizeModuleName(name);
    return pool.computeIfAbsent(key, k -> new ModuleHandle(this, k, null));
  }

  /** The pooled module found through an alias (kmod_module_new_from_alias). */
  ModuleHandle fromAlias(String alias, String name) {
    return pool.computeIfAbsent(name + "\\" + alias, k -> new ModuleHandle(this, name, alias));
  }

  /**
   * The pooled module of a file (kmod_module_new_from_path); empty when a module of that name
   * already has another file.
   */
  Optional<ModuleHandle> fromPath(String path) {
    String name = ModuleNames.fromPath(path);
    ModuleHandle m = pool.get(name);
    if (m == null) {
      m = new ModuleHandle(this, name, null);
      pool.put(name, m);
    } else if (m.rawPath() != null && !m.rawPath().equals(path)) {
      error(
          "kmod_module '"
              + name
              + "' already exists with different path: new-path='"
              + path
              + "' old-path='"
              + m.rawPath()
              + "'");
      return Optional.empty();
    }
    m.setPathIfUnset(path);
    m.setBuiltin(false);
    return Optional.of(m);
  }

  /** Clears the probe marks of every pooled module, as each probe starts. */
  void resetProbeMarks() {
    for (ModuleHandle m : pool.values()) {
      m.visited = false;
      m.required = false;
    }
  }

  /**
   * The modules a softdep list names, each looked up as a name; a name that cannot be looked up is
   * reported and skipped.
   */
  List<ModuleHandle> lookupAll(List<String> names) {
    List<ModuleHandle> out = new ArrayList<>();
    for (String n : names) {
      Optional<List<ModuleHandle>> found = lookup(n);
      if (found.isEmpty()) {
        error("failed to lookup soft dependency '" + n + "', continuing anyway.");
        continue;
      }
      out.addAll(found.get());
    }
    return out;
  }

  /**
   * The soft dependencies of a module: the first softdep line whose pattern matches its name.
   *
   * @return pre in [0], post in [1]
   */
  List<List<ModuleHandle>> softdeps(ModuleHandle m) {
    for (ConfigEntry.Softdep s : config.softdeps()) {
      if (Fnmatch.matches(s.name(), m.name())) {
        return List.of(lookupAll(s.pre()), lookupAll(s.post()));
      }
    }
    return List.of(List.of(), List.of());
  }
}
