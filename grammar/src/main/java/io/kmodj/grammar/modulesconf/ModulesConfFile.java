package io.kmodj.grammar.modulesconf;

import java.util.List;
import java.util.Objects;

/**
 * A parsed modules.conf file: its directives in file order, {@code if} blocks nested. Invalid lines
 * are not here; they are the parse result's diagnostics.
 *
 * @param file the file name as given to the parser
 * @param directives the top-level directives, in file order
 */
public record ModulesConfFile(String file, List<Directive> directives) {
  public ModulesConfFile {
    Objects.requireNonNull(file, "file");
    directives = List.copyOf(directives);
  }
}
