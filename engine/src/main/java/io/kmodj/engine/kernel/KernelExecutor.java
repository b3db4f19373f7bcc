package io.kmodj.engine.kernel;

import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.plan.Executor;
import io.kmodj.engine.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Carries a modprobe plan out on the simulated kernel: an insmod becomes {@code init_module} with
 * the module's modules.dep dependencies, an rmmod {@code delete_module}. Install and remove
 * commands are shell commands; the simulation never runs a shell, so it reports them instead.
 *
 * <p>Each module loaded keeps the request it came with ({@link LoadCause}): the runner says which
 * name it is working on ({@link #asking}) before it plans it, and every insmod of that plan (the
 * module, its dependencies, its softdeps) records that request. Not thread-safe: one run, one
 * executor.
 */
public final class KernelExecutor implements Executor {
  private final SimulatedKernel kernel;
  private final BiFunction<String, String, List<String>> dependencies;
  private final boolean autoclean;
  private final Consumer<String> notes;
  private LoadCause cause;

  /**
   * An executor.
   *
   * @param kernel the kernel acted on
   * @param index the module index of its system
   * @param autoclean whether loads are marked autoclean (modprobe {@code -k})
   * @param notes receives what the simulation did not do (install and remove commands)
   */
  public KernelExecutor(
      SimulatedKernel kernel, ModuleIndex index, boolean autoclean, Consumer<String> notes) {
    this(kernel, (name, path) -> dependencies(index, name), autoclean, notes);
  }

  /**
   * An executor whose modules' dependencies come from elsewhere (a 2.4 modules.dep).
   *
   * @param kernel the kernel acted on
   * @param dependencies the modules a module (name, file) needs
   * @param autoclean whether loads are marked autoclean (modprobe {@code -k})
   * @param notes receives what the simulation did not do (install and remove commands)
   */
  public KernelExecutor(
      SimulatedKernel kernel,
      BiFunction<String, String, List<String>> dependencies,
      boolean autoclean,
      Consumer<String> notes) {
    this.kernel = Objects.requireNonNull(kernel);
    this.dependencies = Objects.requireNonNull(dependencies);
    this.autoclean = autoclean;
    this.notes = Objects.requireNonNull(notes);
  }

  /**
   * Says which request the steps that follow carry out, until the next call.
   *
   * @param request the request: who asked, and for which name
   * @return this executor
   */
  public KernelExecutor asking(LoadCause request) {
    this.cause = Objects.requireNonNull(request);
    return this;
  }

  @Override
  public int execute(Step step) {
    if (step instanceof Step.Insmod s) {
      return insmod(s.module(), s.path(), s.options());
    } else if (step instanceof Step.Rmmod s) {
      return kernel.deleteModule(s.module());
    } else if (step instanceof Step.RunInstall s) {
      notes.accept("install command not run in the simulation: " + s.expanded().strip());
    } else if (step instanceof Step.RunRemove s) {
      notes.accept("remove command not run in the simulation: " + s.command().strip());
    }
    // builtin, nothing, already loaded, blacklisted: nothing to do
    return 0;
  }

  private static List<String> dependencies(ModuleIndex index, String name) {
    List<String> deps = new ArrayList<>();
    Optional<DepEntry> dep = index.dependencies(name);
    if (dep.isPresent()) {
      for (String d : dep.get().dependencies()) {
        deps.add(ModuleNames.fromPath(d));
      }
    }
    return deps;
  }

  /**
   * Loads one module file, its dependencies taken from modules.dep.
   *
   * @param name the module name
   * @param path its file
   * @param options its options
   * @return 0 or a negative errno
   */
  public int insmod(String name, String path, String options) {
    List<String> deps = dependencies.apply(name, path);
    long size = 0;
    try {
      size = Files.size(Path.of(path));
    } catch (IOException | RuntimeException e) {
      size = 0;
    }
    return kernel.initModule(
        new SimulatedKernel.InitRequest(name, path, size, deps, options.strip(), autoclean, cause));
  }
}
