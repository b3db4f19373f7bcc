package io.kmodj.engine.config;

import io.kmodj.engine.index.ModuleIndex;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code modprobe -c}: the configuration grouped by kind (blacklist, install, remove, alias,
 * options, softdep; each kind in reading order), then the aliases of the index and its symbols in
 * key order, as kmod 30 prints them (cases c03 to c12).
 */
public final class ConfigDump {
  private final ModuleConfig config;
  private final ModuleIndex index;

  /**
   * A dump of a configuration over an index.
   *
   * @param config the configuration
   * @param index the index
   */
  public ConfigDump(ModuleConfig config, ModuleIndex index) {
    this.config = Objects.requireNonNull(config);
    this.index = Objects.requireNonNull(index);
  }

  /**
   * Writes the dump.
   *
   * @param out where to write
   * @throws IOException if writing fails
   */
  public void writeTo(Appendable out) throws IOException {
    for (ConfigEntry.Blacklist b : config.blacklist()) {
      out.append("blacklist ").append(b.name()).append('\n');
    }
    for (ConfigEntry.Install i : config.installs()) {
      out.append("install ").append(i.name()).append(' ').append(i.command()).append('\n');
    }
    for (ConfigEntry.Remove r : config.removes()) {
      out.append("remove ").append(r.name()).append(' ').append(r.command()).append('\n');
    }
    for (ConfigEntry.Alias a : config.aliases()) {
      out.append("alias ").append(a.name()).append(' ').append(a.module()).append('\n');
    }
    for (ConfigEntry.Options o : config.options()) {
      out.append("options ").append(o.name()).append(' ').append(o.options()).append('\n');
    }
    for (ConfigEntry.Softdep s : config.softdeps()) {
      out.append("softdep ").append(s.name()).append(' ').append(s.shown()).append('\n');
    }
    out.append("\n# End of configuration files. Dumping indexes now:\n\n");
    index.aliases().dump("alias ", out);
    index.symbols().dump("alias ", out);
  }
}
