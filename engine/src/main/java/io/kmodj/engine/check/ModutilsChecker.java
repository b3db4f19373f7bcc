package io.kmodj.engine.check;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.graph.EdgeKind;
import io.kmodj.engine.graph.ModuleGraph;
import io.kmodj.engine.graph.Vertex;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.grammar.diag.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a modutils configuration against its 2.4 modules.dep: what the front end reported while
 * reading, and every name that modutils' modprobe would fail to resolve (alias chains followed as
 * modprobe follows them). Entries of the built-in defaults are not checked, only used.
 */
public final class ModutilsChecker {
  private final ModutilsConfig config;
  private final DepFile24 dep;
  private final ModuleGraph graph;
  private final List<Finding> findings = new ArrayList<>();

  /**
   * Prepares to check a system.
   *
   * @param system the configuration and modules.dep
   */
  public ModutilsChecker(ModutilsSystem system) {
    this.config = system.config();
    this.dep = system.dep();
    this.graph = system.graph();
  }

  /**
   * Runs every rule.
   *
   * @return the findings, by file, line and rule
   */
  public List<Finding> check() {
    findings.clear();
    problems();
    aliases();
    probes();
    order();
    unknownNames();
    replacedOptions();
    cycles();
    commandsAsOrder();
    findings.sort(Finding.ORDER);
    return List.copyOf(findings);
  }

  private void add(Rule rule, Origin origin, String message, String hint) {
    findings.add(new Finding(rule, rule.severity(), origin, message, hint));
  }

  private void problems() {
    for (ModutilsConfig.Problem p : config.problems()) {
      String code = p.code();
      if (code.equals("unknown-variable")) {
        add(
            Rule.UNKNOWN_VARIABLE,
            p.origin(),
            p.message(),
            "define the variable before the line that uses it");
      } else if (code.startsWith("include-") || code.equals("missing-file")) {
        add(Rule.INCLUDE_PROBLEM, p.origin(), p.message(), "fix the include's file name");
      } else {
        Severity s = p.severity();
        findings.add(
            new Finding(
                Rule.BAD_LINE,
                s,
                p.origin(),
                p.message(),
                s == Severity.ERROR
                    ? "fix or remove the line; modprobe stops on it"
                    : "modutils reads this line otherwise than it looks"));
      }
    }
  }

  private static boolean user(Optional<Origin> origin) {
    return origin.isPresent() && !origin.get().file().equals(ModulesConfReader.DEFAULTS_NAME);
  }

  private Origin where(String keyword, String name) {
    return config.origin(keyword, name).orElse(new Origin(config.lastConfigFile(), 0));
  }

  /** Where following a name ends: fine, a missing module, or a loop. */
  private static final class Resolution {
    final List<String> path;
    final String missing;
    final List<String> loop;

    private Resolution(List<String> path, String missing, List<String> loop) {
      this.path = path;
      this.missing = missing;
      this.loop = loop;
    }
  }

  /** Follows a name as modprobe does: alias chain first, then a module, then a probe list. */
  private Resolution resolve(String name) {
    List<String> path = new ArrayList<>();
    String p = name;
    while (true) {
      if (p.equals("off") || p.equals("null") || p.startsWith("/")) {
        return new Resolution(path, "", List.of());
      }
      String key = DepFile24.stripo(p);
      int at = path.indexOf(key);
      if (at >= 0) {
        return new Resolution(path, "", List.copyOf(path.subList(at, path.size())));
      }
      path.add(key);
      ModutilsConfig.Named a = config.aliases().get(key);
      if (a != null && !a.words().isEmpty()) {
        p = a.words().get(0);
        continue;
      }
      if (dep.byKey(key).isPresent()
          || config.probes().containsKey(p)
          || config.probealls().containsKey(p)) {
        return new Resolution(path, "", List.of());
      }
      return new Resolution(path, key, List.of());
    }
  }

  private void aliases() {
    Set<Set<String>> loops = new HashSet<>();
    for (ModutilsConfig.Named a : config.aliases().values()) {
      Optional<Origin> origin = config.origin("alias", a.name());
      if (!user(origin) || a.words().isEmpty() || a.name().startsWith("/")) {
        continue;
      }
      Resolution r = resolve(a.name());
      if (!r.loop.isEmpty()) {
        if (loops.add(new TreeSet<>(r.loop))) {
          aliasLoop(r.loop);
        }
      } else if (!r.missing.isEmpty()) {
        add(
            Rule.ALIAS_TARGET_MISSING,
            origin.get(),
            "alias "
                + a.name()
                + ": module "
                + r.missing
                + " not found in "
                + dep.file()
                + (r.path.size() > 2 ? " (" + String.join(" -> ", r.path) + ")" : ""),
            "check the module name; modprobe " + a.name() + " says Can't locate module");
      }
    }
  }

  /** Reports a loop once, on its first line, named whole from the alias written there. */
  private void aliasLoop(List<String> loop) {
    int first = 0;
    for (int i = 1; i < loop.size(); i++) {
      if (compare(where("alias", loop.get(i)), where("alias", loop.get(first))) < 0) {
        first = i;
      }
    }
    List<String> named = new ArrayList<>(loop.subList(first, loop.size()));
    named.addAll(loop.subList(0, first));
    named.add(named.get(0));
    add(
        Rule.ALIAS_LOOP,
        where("alias", loop.get(first)),
        "alias loop: " + String.join(" -> ", named),
        "point one of the aliases at a module; modutils' modprobe followed this loop forever");
  }

  private static int compare(Origin a, Origin b) {
    int c = a.file().compareTo(b.file());
    return c != 0 ? c : Integer.compare(a.line(), b.line());
  }

  private void probes() {
    probes("probe", config.probes());
    probes("probeall", config.probealls());
  }

  private void probes(String keyword, Map<String, ModutilsConfig.Named> lists) {
    for (ModutilsConfig.Named p : lists.values()) {
      Optional<Origin> origin = config.origin(keyword, p.name());
      if (!user(origin)) {
        continue;
      }
      for (String c : p.words()) {
        Resolution r = resolve(c);
        if (r.loop.isEmpty() && !r.missing.isEmpty()) {
          add(
              Rule.PROBE_CANDIDATE_MISSING,
              origin.get(),
              keyword + " " + p.name() + ": candidate " + c + " is no module, alias or probe name",
              "remove the candidate or check its name");
        }
      }
    }
  }

  private void order() {
    order("below", config.below());
    order("above", config.above());
  }

  private void order(String keyword, Map<String, ModutilsConfig.Named> lists) {
    for (ModutilsConfig.Named l : lists.values()) {
      Optional<Origin> origin = config.origin(keyword, l.name());
      if (!user(origin)) {
        continue;
      }
      if (!known(l.name())) {
        add(
            Rule.UNKNOWN_MODULE,
            origin.get(),
            keyword + " " + l.name() + ": no module or alias is called " + l.name(),
            "check the name; the line is never used");
      }
      for (String m : l.words()) {
        Resolution r = resolve(m);
        if (r.loop.isEmpty() && !r.missing.isEmpty()) {
          add(
              Rule.ORDER_TARGET_MISSING,
              origin.get(),
              keyword + " " + l.name() + ": module " + r.missing + " not found in " + dep.file(),
              "loading " + l.name() + " fails with Can't locate module; fix or drop the name");
        }
      }
    }
  }

  private boolean known(String name) {
    if (name.startsWith("/")) {
      return true;
    }
    String key = DepFile24.stripo(name);
    return dep.byKey(key).isPresent()
        || config.aliases().containsKey(key)
        || config.probes().containsKey(name)
        || config.probealls().containsKey(name);
  }

  private void unknownNames() {
    for (ModutilsConfig.Named o : config.options().values()) {
      Optional<Origin> origin = config.origin("options", o.name());
      if (user(origin) && !known(o.name())) {
        add(
            Rule.UNKNOWN_MODULE,
            origin.get(),
            "options for " + o.name() + ", which no module or alias is called",
            "check the name; options for an unknown name are never used");
      }
    }
    Set<String> seen = new HashSet<>();
    for (ModutilsConfig.Hook h : config.hooks()) {
      String keyword = h.kind().keyword();
      Optional<Origin> origin = config.origin(keyword, h.name());
      if (user(origin) && seen.add(keyword + " " + h.name()) && !known(h.name())) {
        add(
            Rule.UNKNOWN_MODULE,
            origin.get(),
            keyword + " for " + h.name() + ", which no module or alias is called",
            "modprobe cannot locate " + h.name() + ", so the command never runs");
      }
    }
  }

  /**
   * Options lines a later plain options line replaces: modutils keeps only the last plain line and
   * the {@code add options} after it (conformance record 06), where users often expect the lines to
   * add up. Reported on the replaced line, which no longer does anything (but its {@code -k}).
   */
  private void replacedOptions() {
    for (ModutilsConfig.OptionsReplaced o : config.optionsReplaced()) {
      String written =
          (o.add() ? "add options " : "options ")
              + (o.noAutoclean() ? "-k " : "")
              + o.name()
              + (o.words().isEmpty() ? "" : " " + String.join(" ", o.words()));
      String by = at(o.by());
      add(
          Rule.OPTIONS_REPLACED,
          o.replaced(),
          "'"
              + written
              + "' ("
              + at(o.replaced())
              + ") is replaced by the options line for "
              + o.name()
              + " at "
              + by
              + ": modutils keeps only the last options line without add, and the add options"
              + " lines after it"
              + (o.noAutoclean() ? " (the -k stays: modutils keeps -k once seen)" : ""),
          "to add to this line, write 'add options "
              + o.name()
              + " ...' at "
              + by
              + "; otherwise delete this line");
    }
  }

  private static String at(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }

  private static final java.util.regex.Pattern SEPARATOR =
      java.util.regex.Pattern.compile("\\s*(?:;|&&)\\s*");
  private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("[ \t]+");

  /**
   * Install and remove commands made only of modprobe calls on other modules around insmod (or
   * rmmod) of the module itself: {@code below} and {@code above} say the same, and modprobe then
   * follows them ({@code -n -v} shows them, removal unloads them in the right order).
   */
  private void commandsAsOrder() {
    Set<String> seen = new HashSet<>();
    for (ModutilsConfig.Hook h : config.hooks()) {
      boolean remove = h.kind() == ModutilsConfig.HookKind.REMOVE;
      if (!remove && h.kind() != ModutilsConfig.HookKind.INSTALL) {
        continue;
      }
      Optional<Origin> origin = config.origin(h.kind().keyword(), h.name());
      if (!user(origin) || !seen.add(h.kind().keyword() + " " + h.name())) {
        continue;
      }
      String c = h.command();
      if (c.contains("|")
          || c.contains("`")
          || c.contains("$(")
          || c.contains(">")
          || c.contains("<")
          || c.replace("&&", "").contains("&")) {
        continue;
      }
      List<String> before = new ArrayList<>();
      List<String> after = new ArrayList<>();
      int selves = 0;
      boolean plain = true;
      for (String part : SEPARATOR.split(c.strip(), -1)) {
        String[] w = BLANKS.split(part.strip(), -1);
        String tool = w[0].substring(w[0].lastIndexOf('/') + 1);
        String module = null;
        boolean removing = false;
        for (int i = 1; i < w.length && plain; i++) {
          if (w[i].equals("-r")) {
            removing = true;
          } else if (!w[i].equals("-k")
              && !w[i].equals("-q")
              && !w[i].equals("-s")
              && (w[i].startsWith("-") || w[i].startsWith("$") || module != null)) {
            plain = false;
          } else if (!w[i].startsWith("-")) {
            module = DepFile24.stripo(w[i]);
          }
        }
        boolean self = tool.equals(remove ? "rmmod" : "insmod");
        if (!plain
            || module == null
            || (!self && (!tool.equals("modprobe") || removing != remove))) {
          plain = false;
          break;
        }
        if (self) {
          if (!module.equals(DepFile24.stripo(h.name()))) {
            plain = false;
            break;
          }
          selves++;
        } else {
          (selves == 0 ? before : after).add(module);
        }
      }
      if (!plain || selves != 1 || (before.isEmpty() && after.isEmpty())) {
        continue;
      }
      // below: loaded before the module, unloaded after it; above: the reverse
      List<String> below = remove ? after : before;
      List<String> above = remove ? before : after;
      List<String> lines = new ArrayList<>();
      if (!below.isEmpty()) {
        lines.add("below " + h.name() + " " + String.join(" ", below));
      }
      if (!above.isEmpty()) {
        lines.add("above " + h.name() + " " + String.join(" ", above));
      }
      List<String> others = new ArrayList<>(before);
      others.addAll(after);
      add(
          Rule.INSTALL_AS_SOFTDEP,
          origin.get(),
          h.kind().keyword()
              + " "
              + h.name()
              + " only runs modprobe on "
              + String.join(", ", others)
              + " around "
              + (remove ? "rmmod " : "insmod ")
              + h.name()
              + ": below and above say the same, and modprobe -n -v can follow them",
          "replace the line by '" + String.join("' and '", lines) + "'");
    }
  }

  private void cycles() {
    Origin tree = new Origin(dep.file(), 0);
    for (List<Vertex> c : graph.cycles(Set.of(EdgeKind.HARD))) {
      add(
          Rule.DEPENDENCY_CYCLE,
          tree,
          "dependency cycle: " + ModuleGraph.describe(c),
          "rebuild modules.dep with depmod -a; modprobe gives up on these modules");
    }
  }
}
