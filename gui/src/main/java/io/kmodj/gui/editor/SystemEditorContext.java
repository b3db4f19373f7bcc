package io.kmodj.gui.editor;

import io.kmodj.engine.check.ConfigChecker;
import io.kmodj.engine.check.DeclaredParameters;
import io.kmodj.engine.check.DeclaredParameters.Parameter;
import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.system.ModuleSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An editor context from a loaded kmod system: its modules.dep names, its configuration's aliases,
 * the parameters the module files declare, and the findings of {@link ConfigChecker} (run once, on
 * first use). Safe from any thread.
 */
public final class SystemEditorContext implements EditorContext {
  private final ModuleSystem system;
  private final DeclaredParameters declared;
  private volatile List<io.kmodj.engine.check.Finding> findings;

  /**
   * Wraps a loaded system.
   *
   * @param system the system the edited configuration belongs to
   */
  public SystemEditorContext(ModuleSystem system) {
    this.system = Objects.requireNonNull(system, "system");
    this.declared = new DeclaredParameters(system.index());
  }

  @Override
  public List<String> moduleNames() {
    return system.index().moduleNames();
  }

  @Override
  public List<String> aliasNames() {
    Set<String> names = new LinkedHashSet<>();
    for (ConfigEntry.Alias a : system.config().aliases()) {
      names.add(a.name());
    }
    return List.copyOf(names);
  }

  @Override
  public Optional<List<Parameter>> parameters(String module) {
    return declared.parameters(module);
  }

  @Override
  public List<Definition> definitions(String name) {
    List<Definition> out = new ArrayList<>();
    for (ConfigEntry.Alias a : system.config().aliases()) {
      if (a.name().equals(name) && a.origin().line() > 0) {
        out.add(
            new Definition(
                Path.of(a.origin().file()),
                a.origin().line(),
                "alias " + a.name() + " -> " + a.module()));
      }
    }
    Optional<DepEntry> dep = system.index().dependencies(name);
    if (dep.isEmpty()) {
      for (ConfigEntry.Alias a : system.config().aliases()) {
        if (a.name().equals(name)) {
          dep = system.index().dependencies(a.module());
          if (dep.isPresent()) {
            break;
          }
        }
      }
    }
    dep.ifPresent(
        d -> {
          out.add(
              new Definition(
                  Path.of(system.index().absolutePath(d.path())), 0, "module file " + d.path()));
          out.add(
              new Definition(
                  system.index().directory().resolve("modules.dep"),
                  d.order() + 1,
                  "modules.dep: " + d.name()));
        });
    return List.copyOf(out);
  }

  @Override
  public List<Finding> findings(String fileName) {
    List<io.kmodj.engine.check.Finding> all = findings;
    if (all == null) {
      all = new ConfigChecker(system).check();
      findings = all;
    }
    return Finding.inFile(all, fileName);
  }
}
