package io.kmodj.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The effective configuration, whatever dialect it was written in: each kind of entry in the order
 * kmod keeps it (files in their reading order, then the kernel command line), and the problems met
 * while reading. This is what the planner consumes.
 *
 * @param aliases the aliases
 * @param options the options
 * @param installs the install commands
 * @param removes the remove commands
 * @param blacklist the blacklisted modules
 * @param softdeps the soft dependencies
 * @param messages problems, in the order they were found
 */
public record ModuleConfig(
    List<ConfigEntry.Alias> aliases,
    List<ConfigEntry.Options> options,
    List<ConfigEntry.Install> installs,
    List<ConfigEntry.Remove> removes,
    List<ConfigEntry.Blacklist> blacklist,
    List<ConfigEntry.Softdep> softdeps,
    List<ConfigMessage> messages) {
  public ModuleConfig {
    aliases = List.copyOf(aliases);
    options = List.copyOf(options);
    installs = List.copyOf(installs);
    removes = List.copyOf(removes);
    blacklist = List.copyOf(blacklist);
    softdeps = List.copyOf(softdeps);
    messages = List.copyOf(messages);
  }

  /** A configuration with nothing in it. */
  public static ModuleConfig empty() {
    return new Builder().build();
  }

  /** Collects entries in reading order; one per configuration read. */
  public static final class Builder {
    private final List<ConfigEntry.Alias> aliases = new ArrayList<>();
    private final List<ConfigEntry.Options> options = new ArrayList<>();
    private final List<ConfigEntry.Install> installs = new ArrayList<>();
    private final List<ConfigEntry.Remove> removes = new ArrayList<>();
    private final List<ConfigEntry.Blacklist> blacklist = new ArrayList<>();
    private final List<ConfigEntry.Softdep> softdeps = new ArrayList<>();
    private final List<ConfigMessage> messages = new ArrayList<>();

    /**
     * Adds an entry to the list of its kind.
     *
     * @param e the entry
     * @return this builder
     */
    public Builder add(ConfigEntry e) {
      Objects.requireNonNull(e);
      // Java 17 has no pattern switch; the sealed interface keeps this list complete
      if (e instanceof ConfigEntry.Alias a) {
        aliases.add(a);
      } else if (e instanceof ConfigEntry.Options o) {
        options.add(o);
      } else if (e instanceof ConfigEntry.Install i) {
        installs.add(i);
      } else if (e instanceof ConfigEntry.Remove r) {
        removes.add(r);
      } else if (e instanceof ConfigEntry.Blacklist b) {
        blacklist.add(b);
      } else if (e instanceof ConfigEntry.Softdep s) {
        softdeps.add(s);
      }
      return this;
    }

    /**
     * Records a problem.
     *
     * @param m the message
     * @return this builder
     */
    public Builder message(ConfigMessage m) {
      messages.add(Objects.requireNonNull(m));
      return this;
    }

    /** The configuration collected so far. */
    public ModuleConfig build() {
      return new ModuleConfig(aliases, options, installs, removes, blacklist, softdeps, messages);
    }
  }
}
