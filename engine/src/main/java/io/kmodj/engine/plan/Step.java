package io.kmodj.engine.plan;

import java.util.Objects;

/** One step of a plan, in the order modprobe takes them. */
public sealed interface Step {

  /** The module the step is about. */
  String module();

  /**
   * Insert a module file.
   *
   * @param module the module
   * @param path its file
   * @param options the options, as modprobe passes them (may end with a blank)
   * @param required false for a soft dependency, whose failure modprobe ignores
   */
  record Insmod(String module, String path, String options, boolean required) implements Step {
    public Insmod {
      Objects.requireNonNull(module);
      Objects.requireNonNull(path);
      Objects.requireNonNull(options);
    }
  }

  /**
   * A module built into the kernel: nothing to insert.
   *
   * @param module the module
   */
  record Builtin(String module) implements Step {
    public Builtin {
      Objects.requireNonNull(module);
    }
  }

  /**
   * A module with neither a file nor a place in the kernel (an alias to a missing module): kmod
   * does nothing and says nothing.
   *
   * @param module the module
   */
  record Nothing(String module) implements Step {
    public Nothing {
      Objects.requireNonNull(module);
    }
  }

  /**
   * Run an install command instead of inserting.
   *
   * @param module the module
   * @param command the command as configured ({@code $CMDLINE_OPTS} not yet replaced)
   * @param options the options that replace {@code $CMDLINE_OPTS}
   * @param required false for a soft dependency
   */
  record RunInstall(String module, String command, String options, boolean required)
      implements Step {
    public RunInstall {
      Objects.requireNonNull(module);
      Objects.requireNonNull(command);
      Objects.requireNonNull(options);
    }

    /** The command with {@code $CMDLINE_OPTS} replaced, as the shell would get it. */
    public String expanded() {
      return command.replace("$CMDLINE_OPTS", options);
    }
  }

  /**
   * Remove a loaded module.
   *
   * @param module the module
   */
  record Rmmod(String module) implements Step {
    public Rmmod {
      Objects.requireNonNull(module);
    }
  }

  /**
   * Run a remove command instead of removing.
   *
   * @param module the module
   * @param command the command, {@code $CMDLINE_OPTS} replaced by nothing
   */
  record RunRemove(String module, String command) implements Step {
    public RunRemove {
      Objects.requireNonNull(module);
      Objects.requireNonNull(command);
    }
  }

  /**
   * Skip a module the kernel already has.
   *
   * @param module the module
   */
  record AlreadyLoaded(String module) implements Step {
    public AlreadyLoaded {
      Objects.requireNonNull(module);
    }
  }

  /**
   * Skip a blacklisted module.
   *
   * @param module the module
   */
  record Blacklisted(String module) implements Step {
    public Blacklisted {
      Objects.requireNonNull(module);
    }
  }
}
