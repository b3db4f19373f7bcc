package io.kmodj.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans the insertion of one module as libkmod's {@code kmod_module_probe_insert_module} does:
 * first each hard dependency (modules.dep order reversed) preceded by its own soft pre-dependencies
 * and followed by its post ones, then the module the same way. A module already visited is not
 * planned again, which is what keeps softdep loops finite (case c05: {@code virtio_net} and {@code
 * dummy} name each other and each appears once); a hard dependency is listed without that check, as
 * libkmod does, so it can appear twice. A module with soft dependencies never runs its install
 * command (its softdeps are loaded around its insmod instead); {@code -i} affects only the module
 * asked for.
 */
public final class ProbePlanner {
  private final ModprobeContext ctx;
  private final ProbeFlags flags;

  /**
   * A planner.
   *
   * @param ctx the context (index, configuration, loaded modules)
   * @param flags the probe flags
   */
  public ProbePlanner(ModprobeContext ctx, ProbeFlags flags) {
    this.ctx = Objects.requireNonNull(ctx);
    this.flags = Objects.requireNonNull(flags);
  }

  /**
   * Plans the insertion of a module.
   *
   * @param mod a module found by {@link ModprobeContext#lookup}
   * @param extraOptions options given on the command line, or null
   * @return the plan
   */
  public Plan plan(ModuleHandle mod, String extraOptions) {
    List<Step> steps = new ArrayList<>();
    if (!flags.ignoreLoaded() && mod.inKernel()) {
      steps.add(new Step.AlreadyLoaded(mod.name()));
      return new Plan(mod.name(), steps, flags.failOnLoaded() ? Plan.EEXIST : 0);
    }
    // modprobe always asks libkmod to honour the blacklist for modules found by an alias
    if ((mod.alias().isPresent() || flags.useBlacklist()) && mod.isBlacklisted()) {
      steps.add(new Step.Blacklisted(mod.name()));
      return new Plan(mod.name(), steps, Plan.BLACKLISTED);
    }
    List<ModuleHandle> list = probeList(mod);
    for (ModuleHandle m : list) {
      if (!flags.ignoreLoaded() && m.inKernel()) {
        steps.add(new Step.AlreadyLoaded(m.name()));
        if (m == mod && flags.failOnLoaded()) {
          return new Plan(mod.name(), steps, Plan.EEXIST);
        }
        continue;
      }
      String options = concat(m.options(), m == mod ? extraOptions : null);
      String cmd = m.installCommand();
      if (cmd != null && !m.ignoreCommand) {
        steps.add(new Step.RunInstall(m.name(), cmd, options, m.required));
      } else {
        String path = m.path();
        if (path != null) {
          steps.add(new Step.Insmod(m.name(), path, options, m.required));
        } else if (m.initState().orElse(null) == ModuleHandle.InitState.BUILTIN) {
          steps.add(new Step.Builtin(m.name()));
        } else {
          steps.add(new Step.Nothing(m.name()));
        }
      }
    }
    return new Plan(mod.name(), steps, 0);
  }

  /**
   * libkmod's {@code module_options_concat}: configured options, a blank, extra options; a blank
   * ends the configured options even when no extra ones follow.
   */
  static String concat(String opt, String extra) {
    if ((opt == null || opt.isEmpty()) && (extra == null || extra.isEmpty())) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    if (opt != null) {
      sb.append(opt).append(' ');
    }
    if (extra != null) {
      sb.append(extra);
    }
    return sb.toString();
  }

  private List<ModuleHandle> probeList(ModuleHandle mod) {
    ctx.resetProbeMarks();
    List<ModuleHandle> list = new ArrayList<>();
    visit(mod, true, flags.ignoreCommands(), list);
    return list;
  }

  private void visit(
      ModuleHandle mod, boolean required, boolean ignoreCommand, List<ModuleHandle> list) {
    if (mod.visited) {
      return;
    }
    mod.visited = true;
    List<ModuleHandle> deps = mod.dependencies();
    if (required) {
      // marked before softdeps may reach them
      mod.required = true;
      for (ModuleHandle d : deps) {
        d.required = true;
      }
    }
    for (ModuleHandle d : deps) {
      withSoftdeps(d, list);
    }
    if (ignoreCommand) {
      list.add(mod);
      mod.ignoreCommand = true;
    } else {
      withSoftdeps(mod, list);
    }
  }

  private void withSoftdeps(ModuleHandle mod, List<ModuleHandle> list) {
    List<List<ModuleHandle>> soft = ctx.softdeps(mod);
    for (ModuleHandle m : soft.get(0)) {
      visit(m, false, false, list);
    }
    list.add(mod);
    mod.ignoreCommand = !soft.get(0).isEmpty() || !soft.get(1).isEmpty();
    for (ModuleHandle m : soft.get(1)) {
      visit(m, false, false, list);
    }
  }
}
