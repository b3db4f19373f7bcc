package io.kmodj.engine.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Removes a module as kmod 30's {@code rmmod_do_module} does: unless {@code -i}, its soft
 * post-dependencies first (in reverse), then the module (its remove command, or rmmod when it is
 * loaded and unused), then the dependencies nobody uses any more, then its soft pre-dependencies
 * (in reverse). Without {@code --show-depends}, a module that is not loaded is left alone.
 */
final class RemovePlanner {
  private final ModprobeContext ctx;
  private final ProbeFlags flags;
  private final Modprobe.Log log;

  RemovePlanner(ModprobeContext ctx, ProbeFlags flags, Modprobe.Log log) {
    this.ctx = Objects.requireNonNull(ctx);
    this.flags = Objects.requireNonNull(flags);
    this.log = Objects.requireNonNull(log);
  }

  int remove(ModuleHandle mod, boolean removeHolders, boolean ignoreBuiltin, Executor executor) {
    List<ModuleHandle> pre = List.of();
    List<ModuleHandle> post = List.of();
    String cmd = null;
    if (!flags.ignoreCommands()) {
      List<List<ModuleHandle>> soft = ctx.softdeps(mod);
      pre = soft.get(0);
      post = soft.get(1);
      cmd = mod.removeCommand();
    }
    if (cmd == null && !flags.ignoreLoaded()) {
      Optional<ModuleHandle.InitState> state = mod.initState();
      if (state.isEmpty()) {
        if (flags.failOnLoaded()) {
          log.log(Modprobe.LOG_CRIT, "Module " + mod.name() + " is not in kernel.");
          return Plan.ENOENT;
        }
        return 0;
      }
      if (state.get() == ModuleHandle.InitState.BUILTIN) {
        if (ignoreBuiltin) {
          return 0;
        }
        log.log(Modprobe.LOG_CRIT, "Module " + mod.name() + " is builtin.");
        return Plan.ENOENT;
      }
    }
    removeAll(post, executor, false);
    if (removeHolders) {
      for (int i = ctx.loaded().holders(mod.name()).size() - 1; i >= 0; i--) {
        String h = ctx.loaded().holders(mod.name()).get(i);
        int r = remove(ctx.fromName(h), false, true, executor);
        if (r < 0) {
          return r;
        }
      }
    }
    if (cmd == null && !flags.ignoreLoaded()) {
      OptionalInt usage = ctx.loaded().refcount(mod.name());
      if (usage.isPresent() && usage.getAsInt() > 0) {
        log.log(Modprobe.LOG_CRIT, "Module " + mod.name() + " is in use.");
        return -16;
      }
    }
    int err;
    if (cmd == null) {
      err = executor.execute(new Step.Rmmod(mod.name()));
    } else {
      err = executor.execute(new Step.RunRemove(mod.name(), cmd.replace("$CMDLINE_OPTS", "")));
    }
    if (err < 0) {
      return err;
    }
    if (cmd == null) {
      // dependencies that became unused, in modules.dep order (kmod's rmmod_do_deps_list walks
      // the load-order list in reverse), so a module goes before the ones it needs
      List<ModuleHandle> deps = mod.dependencies();
      for (int i = deps.size() - 1; i >= 0; i--) {
        ModuleHandle dep = deps.get(i);
        OptionalInt usage = ctx.loaded().refcount(dep.name());
        if (usage.isPresent() && usage.getAsInt() == 0) {
          executor.execute(new Step.Rmmod(dep.name()));
        }
      }
    }
    removeAll(pre, executor, false);
    return 0;
  }

  private void removeAll(List<ModuleHandle> list, Executor executor, boolean stopOnErrors) {
    for (int i = list.size() - 1; i >= 0; i--) {
      int r = remove(list.get(i), false, true, executor);
      if (r < 0 && stopOnErrors) {
        return;
      }
    }
  }
}
