package io.kmodj.gui.editor;

import io.kmodj.engine.check.DeclaredParameters.Parameter;
import io.kmodj.grammar.diag.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the editor needs to know of the loaded system: names to complete, the parameters modules
 * declare, where a name is defined, and the findings of {@code check}. The shell passes one built
 * from its loaded system ({@link SystemEditorContext}); {@link #EMPTY} knows nothing.
 *
 * <p>Methods may be called from any thread and must not block on the FX thread.
 */
public interface EditorContext {
  /** A context that knows no system: completion offers directives only, nothing has findings. */
  EditorContext EMPTY = new EditorContext() {};

  /**
   * The module names of the system (modules.dep), in its order.
   *
   * @return the names
   */
  default List<String> moduleNames() {
    return List.of();
  }

  /**
   * The alias names the configuration defines.
   *
   * @return the names
   */
  default List<String> aliasNames() {
    return List.of();
  }

  /**
   * The parameters a module declares.
   *
   * @param module a module name
   * @return its parameters, empty when its file says nothing
   */
  default Optional<List<Parameter>> parameters(String module) {
    return Optional.empty();
  }

  /**
   * Values to offer for a module's parameter besides those its type allows: for a system whose
   * module files declare nothing, the values its configuration already gives the parameter.
   *
   * @param module a module name
   * @param parameter the parameter's name
   * @return the values, most likely first
   */
  default List<String> values(String module, String parameter) {
    return List.of();
  }

  /**
   * Where a name is defined: a configuration alias's line, or a module's file and its modules.dep
   * line.
   *
   * @param name a module or alias name
   * @return the places, the most specific first; empty when the name is unknown
   */
  default List<Definition> definitions(String name) {
    return List.of();
  }

  /**
   * The findings of {@code check} on a configuration file.
   *
   * @param fileName the file's name as the editor shows it
   * @return the findings on that file
   */
  default List<Finding> findings(String fileName) {
    return List.of();
  }

  /**
   * A place a name is defined.
   *
   * @param file the file
   * @param line its 1-based line, 0 for the whole file (a module's object file)
   * @param what a short description ({@code alias nic -> e1000}, {@code modules.dep})
   */
  record Definition(Path file, int line, String what) {
    /** Checks the parts. */
    public Definition {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(what, "what");
      if (line < 0) {
        throw new IllegalArgumentException("negative line " + line);
      }
    }
  }

  /**
   * One finding of {@code check}.
   *
   * @param line its 1-based line in the file
   * @param severity how bad it is
   * @param rule the rule's id
   * @param message what is wrong
   */
  record Finding(int line, Severity severity, String rule, String message) {
    /** Checks the parts. */
    public Finding {
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(message, "message");
    }

    /**
     * The findings of a check that stand on a line of the file with this name.
     *
     * @param all every finding of the system's check
     * @param fileName the file's name (no directory)
     * @return those on one of its lines, as the editor marks them
     */
    static List<Finding> inFile(List<io.kmodj.engine.check.Finding> all, String fileName) {
      List<Finding> out = new ArrayList<>();
      for (io.kmodj.engine.check.Finding f : all) {
        Path file = Path.of(f.origin().file()).getFileName();
        if (f.origin().line() > 0 && file != null && file.toString().equals(fileName)) {
          out.add(new Finding(f.origin().line(), f.severity(), f.rule().id(), f.message()));
        }
      }
      return List.copyOf(out);
    }
  }
}
