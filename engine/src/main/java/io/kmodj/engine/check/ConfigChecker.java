package io.kmodj.engine.check;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigFiles;
import io.kmodj.engine.config.ConfigMessage;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.graph.EdgeKind;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.Vertex;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.grammar.diag.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a configuration against its module tree: everything kmod would silently ignore or get
 * wrong, each finding with its rule, place and a hint.
 */
public final class ConfigChecker {
  private final ModuleIndex index;
  private final ModuleConfig config;
  private final ModuleGraph graph;
  private final ModprobeContext ctx;
  private final List<String> paths;
  private final List<Finding> findings = new ArrayList<>();

  /**
   * Prepares to check a system.
   *
   * @param system the module index and configuration
   */
  public ConfigChecker(ModuleSystem system) {
    this.index = system.index();
    this.config = system.config();
    this.graph = system.graph();
    this.ctx = system.context(m -> {});
    List<String> given = system.spec().configPaths();
    this.paths = given.isEmpty() ? ConfigFiles.DEFAULT_PATHS : given;
  }

  /**
   * Runs every rule.
   *
   * @return the findings, by file, line and rule
   */
  public List<Finding> check() {
    findings.clear();
    badLines();
    aliases();
    cycles();
    blacklist();
    unknownNames();
    undeclaredParameters();
    installLoops();
    new KmodTraps(index, config, ctx, new ConfigFiles(index.dirname(), paths), findings).run();
    findings.sort(Finding.ORDER);
    return List.copyOf(findings);
  }

  private void add(Rule rule, Origin origin, String message, String hint) {
    findings.add(new Finding(rule, rule.severity(), origin, message, hint));
  }

  private void badLines() {
    for (ConfigMessage m : config.messages()) {
      Severity s = m.code().equals("bad-line") ? Severity.ERROR : Severity.WARNING;
      // kmod's words start with the position, which the finding carries already
      String prefix = m.origin() + ": ";
      String text = m.text().startsWith(prefix) ? m.text().substring(prefix.length()) : m.text();
      findings.add(new Finding(Rule.BAD_LINE, s, m.origin(), text, "fix or remove the line"));
    }
  }

  private boolean isModule(String name) {
    return index.dependencies(name).isPresent() || index.isBuiltin(name);
  }

  private boolean hasInstall(String name) {
    return config.installs().stream().anyMatch(i -> i.name().equals(name));
  }

  private void aliases() {
    Set<String> aliasNames = new HashSet<>();
    config.aliases().forEach(a -> aliasNames.add(a.name()));
    for (ConfigEntry.Alias a : config.aliases()) {
      String target = a.module();
      if (!isModule(target) && !hasInstall(target)) {
        if (aliasNames.contains(target)) {
          add(
              Rule.ALIAS_CHAIN,
              a.origin(),
              "alias " + a.name() + " points at alias " + target + ", which kmod does not follow",
              "point the alias at the module itself");
        } else {
          add(
              Rule.ALIAS_TARGET_MISSING,
              a.origin(),
              "alias " + a.name() + ": module " + target + " not found in " + index.dirname(),
              "check the module name (modprobe loads nothing for this alias and says nothing)");
        }
      }
      if (!isPattern(a.name()) && index.dependencies(a.name()).isPresent()) {
        add(
            Rule.ALIAS_HIDES_MODULE,
            a.origin(),
            "alias " + a.name() + " hides the module of the same name",
            "rename the alias; configured aliases are looked up before module names");
      }
    }
  }

  private static boolean isPattern(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
  }

  private void cycles() {
    Origin tree = new Origin(index.dirname() + "/modules.dep", 0);
    for (List<Vertex> c : graph.cycles(Set.of(EdgeKind.HARD))) {
      add(
          Rule.DEPENDENCY_CYCLE,
          tree,
          "dependency cycle: " + ModuleGraph.describe(c),
          "rebuild the indexes with depmod; a module tree with a cycle cannot load these modules");
    }
    for (List<Vertex> c : graph.cycles(Set.of(EdgeKind.SOFT_PRE, EdgeKind.SOFT_POST))) {
      Origin where = softdepOrigin(c.get(0).name());
      add(
          Rule.SOFTDEP_LOOP,
          where,
          "softdep loop: " + ModuleGraph.describe(c),
          "modprobe stops at modules it already visited; drop one of the softdeps");
    }
  }

  private Origin softdepOrigin(String module) {
    for (ConfigEntry.Softdep s : config.softdeps()) {
      if (s.name().equals(module)) {
        return s.origin();
      }
    }
    return new Origin(index.dirname() + "/modules.softdep", 0);
  }

  private void blacklist() {
    for (ConfigEntry.Blacklist b : config.blacklist()) {
      if (!isModule(b.name())) {
        add(
            Rule.BLACKLIST_UNKNOWN,
            b.origin(),
            "blacklist " + b.name() + ": no such module in " + index.dirname(),
            "check the module name (use underscores or dashes, they are the same)");
      }
    }
  }

  private boolean known(String name) {
    Optional<?> found = ctx.lookup(name);
    return found.isPresent() && !((List<?>) found.get()).isEmpty();
  }

  private void unknownNames() {
    for (ConfigEntry.Options o : config.options()) {
      if (o.origin().line() > 0 && !known(o.name())) {
        add(
            Rule.UNKNOWN_MODULE,
            o.origin(),
            "options for " + o.name() + ", which no module or alias is called",
            "check the name; options for an unknown name are never used");
      }
    }
    for (ConfigEntry.Softdep s : config.softdeps()) {
      if (s.origin().line() == 0 || s.origin().file().endsWith("modules.softdep")) {
        continue;
      }
      List<String> deps = new ArrayList<>(s.pre());
      deps.addAll(s.post());
      for (String d : deps) {
        if (!known(d)) {
          add(
              Rule.UNKNOWN_MODULE,
              s.origin(),
              "softdep " + s.name() + ": " + d + " is no module or alias",
              "check the name; modprobe skips soft dependencies it cannot find");
        }
      }
    }
  }

  private void undeclaredParameters() {
    DeclaredParameters declared = new DeclaredParameters(index);
    for (ConfigEntry.Options o : config.options()) {
      if (o.origin().line() == 0) {
        continue;
      }
      Optional<Set<String>> params = declared.of(o.name());
      if (params.isEmpty()) {
        continue;
      }
      for (String name : DeclaredParameters.names(o.options())) {
        if (!params.get().contains(name)) {
          add(
              Rule.UNDECLARED_PARAMETER,
              o.origin(),
              "options " + o.name() + ": the module declares no parameter " + name,
              params.get().isEmpty()
                  ? "the module takes no parameters; the kernel refuses to load it with this one"
                  : "declared: " + String.join(", ", new java.util.TreeSet<>(params.get())));
        }
      }
    }
  }

  private void installLoops() {
    InstallLoops loops = new InstallLoops();
    for (ConfigEntry.Install i : config.installs()) {
      loops.add(i.name(), i.command(), i.origin());
    }
    for (InstallLoops.Loop loop : loops.find()) {
      add(
          Rule.INSTALL_LOOP,
          loop.origin(),
          "install commands call modprobe in a loop: " + String.join(" -> ", loop.modules()),
          "call modprobe with --ignore-install (-i) inside an install command");
    }
  }

  /** Normalises a module name as kmod compares them. */
  static String normalize(String name) {
    return ModuleNames.normalizeModuleName(name);
  }
}
