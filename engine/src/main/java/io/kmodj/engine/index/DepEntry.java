package io.kmodj.engine.index;

import java.util.List;
import java.util.Objects;

/**
 * One line of modules.dep: a module's file and the files of all the modules it needs, as depmod
 * wrote them (paths relative to the version directory unless absolute; dependencies in the reverse
 * of their load order).
 *
 * @param name the module name
 * @param path the module's file as written
 * @param dependencies the files it needs, as written
 * @param order the line's 0-based position, depmod's priority for the module
 */
public record DepEntry(String name, String path, List<String> dependencies, int order) {
  public DepEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    dependencies = List.copyOf(dependencies);
  }
}
