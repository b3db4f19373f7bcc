package io.kmodj.engine.check;

import io.kmodj.grammar.diag.Severity;
import java.util.Locale;

/** The checks kmodj makes, each with an identifier, a severity and a short description. */
public enum Rule {
  /** A line kmod ignores (an unknown directive, a missing argument). */
  BAD_LINE(Severity.ERROR, "a line kmod ignores"),
  /** An alias whose module is neither in modules.dep nor built in: kmod loads nothing for it. */
  ALIAS_TARGET_MISSING(Severity.WARNING, "an alias whose module does not exist"),
  /** An alias whose target is another configured alias: kmod never follows alias chains. */
  ALIAS_CHAIN(Severity.WARNING, "an alias to another alias"),
  /**
   * A configured alias with a module's name: the alias wins, the module is never loaded by name.
   */
  ALIAS_HIDES_MODULE(Severity.WARNING, "an alias that hides a module of the same name"),
  /** A cycle of hard dependencies in modules.dep. */
  DEPENDENCY_CYCLE(Severity.ERROR, "a dependency cycle in modules.dep"),
  /** A loop of softdeps. */
  SOFTDEP_LOOP(Severity.WARNING, "softdeps that load each other"),
  /** A blacklist line for a module that does not exist. */
  BLACKLIST_UNKNOWN(Severity.WARNING, "a blacklist of a module that does not exist"),
  /** An install command that runs modprobe on its own module again without --ignore-install. */
  INSTALL_LOOP(Severity.ERROR, "install commands that call back into themselves"),
  /** Options naming a parameter the module's .modinfo does not declare: the load fails. */
  UNDECLARED_PARAMETER(Severity.WARNING, "options for a parameter the module does not declare"),
  /**
   * A blacklist that does not keep a module out: it stops only alias lookups, so {@code modprobe
   * NAME} and every module that needs it still load it.
   */
  BLACKLIST_NOT_A_BLOCK(Severity.INFO, "a blacklist that does not stop an explicit load"),
  /** A blacklisted module that a softdep loads anyway (blacklist never filters softdeps). */
  BLACKLIST_SOFTDEP(Severity.WARNING, "a blacklisted module that a softdep loads anyway"),
  /** An install command kmod never runs, because the module has soft dependencies. */
  INSTALL_DISABLED_BY_SOFTDEP(Severity.WARNING, "an install command that a softdep disables"),
  /** A softdep that an earlier one for the same module hides: kmod takes only the first. */
  SOFTDEP_SHADOWED(Severity.WARNING, "a softdep hidden by an earlier one for the same module"),
  /** An install or remove command that an earlier one for the same module overrides. */
  OVERRIDE_LOST(Severity.WARNING, "an install or remove that an earlier file's line overrides"),
  /** A configuration file that a file of the same name in an earlier directory hides. */
  HIDDEN_FILE(Severity.WARNING, "a file that one of the same name in an earlier directory hides"),
  /** A file in a configuration directory that kmod does not read (its name ends not in .conf). */
  NOT_CONF_FILE(Severity.WARNING, "a file in a configuration directory that kmod does not read"),
  /** A {@code .alias} file: kmod 30 reads it, kmod 33 and later do not. */
  ALIAS_FILE(Severity.WARNING, "a .alias file, which kmod 33 and later do not read"),
  /** An install or remove command that only runs modprobe on other modules around its own. */
  INSTALL_AS_SOFTDEP(Severity.INFO, "an install or remove command a softdep would express"),
  /** Options, install, remove or softdep for a name that nothing stands for. */
  UNKNOWN_MODULE(Severity.WARNING, "a directive for a module that does not exist"),
  /** modutils: a variable that neither define nor the environment sets (it expands to nothing). */
  UNKNOWN_VARIABLE(Severity.WARNING, "a variable that is never defined"),
  /** modutils: an include (or the file itself) that cannot be read, loops or nests too deep. */
  INCLUDE_PROBLEM(Severity.ERROR, "an include that cannot be read, loops or nests too deep"),
  /** modutils: aliases that stand for each other; modprobe never gets to a module. */
  ALIAS_LOOP(Severity.ERROR, "aliases that stand for each other"),
  /** modutils: a probe or probeall candidate that is no module, alias or probe name. */
  PROBE_CANDIDATE_MISSING(Severity.WARNING, "a probe or probeall candidate that does not exist"),
  /** modutils: below or above naming a missing module; loading the name then fails. */
  ORDER_TARGET_MISSING(Severity.ERROR, "below or above naming a module that does not exist"),
  /**
   * modutils: an options line that a later plain options line for the same name replaces (only
   * {@code add options} adds to what is there).
   */
  OPTIONS_REPLACED(Severity.WARNING, "an options line a later plain options line replaces");

  private final Severity severity;
  private final String description;

  Rule(Severity severity, String description) {
    this.severity = severity;
    this.description = description;
  }

  /** The identifier used in output and in ignore comments ({@code alias-target-missing}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The rule's default severity. */
  public Severity severity() {
    return severity;
  }

  /** What the rule looks for. */
  public String description() {
    return description;
  }
}
