package io.kmodj.engine.kernel;

import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModuleState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The host's modules as kmod's modprobe sees them when it plans: {@code /sys/module/NAME/initstate}
 * ({@code live}, {@code coming}, {@code going}), {@code refcnt} and the {@code holders/} directory.
 * Real kmod 30 decides "already in kernel" from initstate alone: a module /proc/modules lists but
 * whose initstate is missing counts as not loaded, and so does one whose /sys/module directory has
 * no initstate (the kernel creates such directories for built-in code with parameters; kmod knows
 * built-ins from modules.builtin instead). Read on each call, so it always says what the kernel
 * says now.
 */
final class SysfsModules implements LoadedModules {
  private final Path moduleDir;

  /**
   * @param moduleDir the kernel's {@code /sys/module}
   */
  SysfsModules(Path moduleDir) {
    this.moduleDir = moduleDir;
  }

  @Override
  public Optional<ModuleState> state(String name) {
    Optional<String> initstate = read(name, "initstate");
    if (initstate.isEmpty()) {
      // kmod: no initstate but the directory is there: the module is still coming
      return dir(name).filter(Files::isDirectory).map(d -> ModuleState.COMING);
    }
    return initstate.flatMap(
        s ->
            switch (s) {
              case "live" -> Optional.of(ModuleState.LIVE);
              case "coming" -> Optional.of(ModuleState.COMING);
              case "going" -> Optional.of(ModuleState.GOING);
              default -> Optional.empty();
            });
  }

  @Override
  public OptionalInt refcount(String name) {
    Optional<String> s = read(name, "refcnt");
    if (s.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(s.get()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  @Override
  public List<String> holders(String name) {
    Optional<Path> dir = dir(name).map(d -> d.resolve("holders"));
    List<String> out = new ArrayList<>();
    if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.get())) {
      for (Path p : ds) {
        out.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }

  private Optional<String> read(String name, String attribute) {
    Optional<Path> dir = dir(name);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new String(Files.readAllBytes(dir.get().resolve(attribute)), StandardCharsets.UTF_8)
              .strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The module's directory; empty for a name that is not one path component. */
  private Optional<Path> dir(String name) {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      return Optional.empty();
    }
    return Optional.of(moduleDir.resolve(name));
  }
}
