package io.kmodj.grammar.modprobed;

import java.util.List;
import java.util.Objects;

/**
 * A parsed modprobe.d file: its directives in file order. Bad lines are not here; they are the
 * parse result's diagnostics.
 *
 * @param file the file name as given to the parser
 * @param directives the directives, in file order
 */
public record ModprobeDFile(String file, List<Directive> directives) {
  public ModprobeDFile {
    Objects.requireNonNull(file, "file");
    directives = List.copyOf(directives);
  }
}
