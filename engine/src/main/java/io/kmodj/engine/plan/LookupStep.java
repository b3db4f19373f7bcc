package io.kmodj.engine.plan;

import io.kmodj.engine.config.Origin;
import java.util.List;
import java.util.Objects;

/**
 * One source {@link ModprobeContext#lookup(String, List)} consulted for a name, in the order
 * libkmod's {@code kmod_module_new_from_lookup} consults them, and what it found there.
 *
 * @param source the source
 * @param consulted false when the source was skipped without being asked (a module name never
 *     contains {@code :}; only {@code symbol:} names are looked up among the symbols)
 * @param modules the modules it answered with, in order; empty when it knew nothing
 * @param lines the configuration lines that answered (configured aliases, the install or remove
 *     line); empty for the index files
 * @param detail a short sentence for people: what was searched and what came of it
 */
public record LookupStep(
    Source source, boolean consulted, List<String> modules, List<Origin> lines, String detail) {
  public LookupStep {
    Objects.requireNonNull(source);
    modules = List.copyOf(modules);
    lines = List.copyOf(lines);
    Objects.requireNonNull(detail);
  }

  /** Whether this source answered (the lookup stopped here). */
  public boolean answered() {
    return !modules.isEmpty();
  }

  /** The sources of a lookup, in libkmod's order. */
  public enum Source {
    /** {@code alias} lines of the configuration (every matching line counts). */
    CONFIG_ALIAS("configuration aliases"),
    /** modules.dep: the name is a module's name. */
    MODULE_NAME("module names (modules.dep)"),
    /** modules.symbols, for {@code symbol:} names. */
    SYMBOL("symbols (modules.symbols)"),
    /** An {@code install} (else {@code remove}) line for exactly this name. */
    COMMAND("install and remove commands"),
    /** modules.alias: the aliases modules declare. */
    MODULES_ALIAS("module aliases (modules.alias)"),
    /** modules.builtin. */
    BUILTIN("built-in modules (modules.builtin)"),
    /** modules.builtin.alias. */
    BUILTIN_ALIAS("built-in aliases (modules.builtin.alias)");

    private final String title;

    Source(String title) {
      this.title = title;
    }

    /** The source as people read it. */
    public String title() {
      return title;
    }

    /** The identifier used in JSON ({@code config-alias}). */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
