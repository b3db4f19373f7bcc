package io.kmodj.engine.graph;

import java.util.Objects;

/** A vertex of the module graph. */
public sealed interface Vertex {

  /** The name shown for the vertex. */
  String name();

  /**
   * A loadable module (a line of modules.dep).
   *
   * @param name the module name
   */
  record Module(String name) implements Vertex {
    public Module {
      Objects.requireNonNull(name);
    }
  }

  /**
   * A module built into the kernel.
   *
   * @param name the module name
   */
  record Builtin(String name) implements Vertex {
    public Builtin {
      Objects.requireNonNull(name);
    }
  }

  /**
   * A name or pattern that stands for modules (configuration or modules.alias).
   *
   * @param name the alias or pattern
   */
  record Alias(String name) implements Vertex {
    public Alias {
      Objects.requireNonNull(name);
    }
  }

  /**
   * A target that loads nothing: modutils' {@code off} (the name is switched off) or {@code null}
   * (the pseudo module that always loads).
   *
   * @param name {@code off} or {@code null}
   */
  record Off(String name) implements Vertex {
    public Off {
      Objects.requireNonNull(name);
    }
  }

  /**
   * An install or remove command configured for a module.
   *
   * @param name {@code install} or {@code remove}
   * @param module the module
   * @param command the command
   */
  record Command(String name, String module, String command) implements Vertex {
    public Command {
      Objects.requireNonNull(name);
      Objects.requireNonNull(module);
      Objects.requireNonNull(command);
    }
  }
}
