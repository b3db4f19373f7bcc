package io.kmodj.engine.plan;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.index.Fnmatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A module as libkmod's {@code struct kmod_module} knows it during one query: its name, the alias
 * it was found by (if any), and facts looked up lazily (file, dependencies, options, install
 * command). A module found by an alias is a different object from the same module found by name, as
 * in libkmod's pool, which decides what a probe visits twice. Owned by one {@link ModprobeContext};
 * not thread-safe.
 */
public final class ModuleHandle {
  private final ModprobeContext ctx;
  private final String name;
  private final String alias;

  private String path;
  private boolean depInit;
  private List<ModuleHandle> deps = List.of();
  private Boolean builtin;
  private boolean installInit;
  private String install;
  private boolean removeInit;
  private String remove;

  // probe-list state, reset before each probe
  boolean visited;
  boolean required;
  boolean ignoreCommand;

  ModuleHandle(ModprobeContext ctx, String name, String alias) {
    this.ctx = ctx;
    this.name = name;
    this.alias = alias;
  }

  /** The module name. */
  public String name() {
    return name;
  }

  /** The alias (or alias pattern) the module was found by, if any. */
  public Optional<String> alias() {
    return Optional.ofNullable(alias);
  }

  void setPathIfUnset(String p) {
    if (path == null) {
      path = p;
    }
  }

  String rawPath() {
    return path;
  }

  void setBuiltin(boolean b) {
    builtin = b;
  }

  void setInstallCommand(String cmd) {
    installInit = true;
    install = cmd;
  }

  void setRemoveCommand(String cmd) {
    removeInit = true;
    remove = cmd;
  }

  /** The module's file, from modules.dep; null when it has none. */
  public String path() {
    if (path != null || depInit) {
      return path;
    }
    ctx.index().dependencies(name).ifPresent(this::parseDepLine);
    return path;
  }

  /** The modules this one needs, in load order (modules.dep's order reversed). */
  public List<ModuleHandle> dependencies() {
    if (!depInit) {
      ctx.index().dependencies(name).ifPresent(this::parseDepLine);
    }
    return deps;
  }

  /** kmod_module_parse_depline: the module's own path, then each dependency prepended. */
  void parseDepLine(DepEntry e) {
    if (depInit) {
      return;
    }
    depInit = true;
    setPathIfUnset(ctx.index().absolutePath(e.path()));
    List<ModuleHandle> list = new ArrayList<>();
    for (String dep : e.dependencies()) {
      Optional<ModuleHandle> m = ctx.fromPath(ctx.index().absolutePath(dep));
      if (m.isEmpty()) {
        // libkmod gives up on the whole line when a dependency clashes with a known module
        depInit = false;
        deps = List.of();
        return;
      }
      list.add(0, m.get());
    }
    deps = List.copyOf(list);
  }

  /** Whether the kernel has the module built in (modules.builtin). */
  public boolean isBuiltin() {
    if (builtin == null) {
      builtin = ctx.index().isBuiltin(name);
    }
    return builtin;
  }

  /** The state kmod reads from /sys/module, builtin first. */
  public Optional<InitState> initState() {
    if (isBuiltin()) {
      return Optional.of(InitState.BUILTIN);
    }
    return ctx.loaded().state(name).map(InitState::of);
  }

  /** Whether the kernel has it, built in or live. */
  boolean inKernel() {
    Optional<InitState> s = initState();
    return s.isPresent() && (s.get() == InitState.BUILTIN || s.get() == InitState.LIVE);
  }

  /**
   * The configured options: every {@code options} line for the module's name or for the alias it
   * was found by, in order, joined by blanks; null when there are none.
   */
  public String options() {
    StringBuilder sb = new StringBuilder();
    for (ConfigEntry.Options o : ctx.config().options()) {
      if (!(o.name().equals(name) || (alias != null && o.name().equals(alias)))) {
        continue;
      }
      if (o.options().isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(o.options());
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** The first install command whose pattern matches the module's name; null when none. */
  public String installCommand() {
    if (!installInit) {
      installInit = true;
      for (ConfigEntry.Install i : ctx.config().installs()) {
        if (Fnmatch.matches(i.name(), name)) {
          install = i.command();
          break;
        }
      }
    }
    return install;
  }

  /** The first remove command whose pattern matches the module's name; null when none. */
  public String removeCommand() {
    if (!removeInit) {
      removeInit = true;
      for (ConfigEntry.Remove r : ctx.config().removes()) {
        if (Fnmatch.matches(r.name(), name)) {
          remove = r.command();
          break;
        }
      }
    }
    return remove;
  }

  /** Whether a blacklist entry names this module exactly. */
  public boolean isBlacklisted() {
    for (ConfigEntry.Blacklist b : ctx.config().blacklist()) {
      if (b.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return alias == null ? name : name + "\\" + alias;
  }

  /** libkmod's init states, builtin included. */
  public enum InitState {
    BUILTIN,
    LIVE,
    COMING,
    GOING;

    static InitState of(ModuleState s) {
      return switch (s) {
        case LIVE -> LIVE;
        case COMING -> COMING;
        case GOING -> GOING;
      };
    }
  }
}
