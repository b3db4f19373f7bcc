package io.kmodj.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the effective configuration, names already normalised as kmod stores them. Every
 * dialect's front end produces these; the planner reads nothing else.
 */
public sealed interface ConfigEntry {

  /** The module name, or the alias pattern, the entry is about. */
  String name();

  /** Where it was written. */
  Origin origin();

  /**
   * A name or shell pattern standing for a module.
   *
   * @param name the alias or pattern
   * @param module the module it stands for
   * @param origin where it was written
   */
  record Alias(String name, String module, Origin origin) implements ConfigEntry {
    public Alias {
      Objects.requireNonNull(name);
      Objects.requireNonNull(module);
      Objects.requireNonNull(origin);
    }
  }

  /**
   * Options passed when a module (or a module looked up by this alias) is inserted.
   *
   * @param name the module or alias
   * @param options the options, tabs turned into spaces
   * @param origin where it was written
   */
  record Options(String name, String options, Origin origin) implements ConfigEntry {
    public Options {
      Objects.requireNonNull(name);
      Objects.requireNonNull(options);
      Objects.requireNonNull(origin);
    }
  }

  /**
   * A shell command run instead of inserting a module.
   *
   * @param name the module (a pattern when matched against a module's name)
   * @param command the command, verbatim
   * @param origin where it was written
   */
  record Install(String name, String command, Origin origin) implements ConfigEntry {
    public Install {
      Objects.requireNonNull(name);
      Objects.requireNonNull(command);
      Objects.requireNonNull(origin);
    }
  }

  /**
   * A shell command run instead of removing a module.
   *
   * @param name the module
   * @param command the command, verbatim
   * @param origin where it was written
   */
  record Remove(String name, String command, Origin origin) implements ConfigEntry {
    public Remove {
      Objects.requireNonNull(name);
      Objects.requireNonNull(command);
      Objects.requireNonNull(origin);
    }
  }

  /**
   * A module whose aliases are not followed.
   *
   * @param name the module
   * @param origin where it was written
   */
  record Blacklist(String name, Origin origin) implements ConfigEntry {
    public Blacklist {
      Objects.requireNonNull(name);
      Objects.requireNonNull(origin);
    }
  }

  /**
   * Optional modules loaded before and after a module.
   *
   * @param name the module (a pattern)
   * @param pre the names to load first
   * @param post the names to load after
   * @param shown the value {@code modprobe -c} prints after the name
   * @param origin where it was written
   */
  record Softdep(String name, List<String> pre, List<String> post, String shown, Origin origin)
      implements ConfigEntry {
    public Softdep {
      Objects.requireNonNull(name);
      pre = List.copyOf(pre);
      post = List.copyOf(post);
      Objects.requireNonNull(shown);
      Objects.requireNonNull(origin);
    }
  }
}
