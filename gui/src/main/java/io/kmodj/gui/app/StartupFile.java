package io.kmodj.gui.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses the file the editor opens at start: the one named on the command line, else the file open
 * when the application last closed (if it still exists), else the bundled legacy sample {@code
 * samples/modutils/etc/modules.conf}, else the first {@code .conf} of {@code
 * samples/modern/etc/modprobe.d}, else none (an untitled buffer).
 */
final class StartupFile {
  /** The system property the launcher sets to the project root. */
  static final String HOME_PROPERTY = "kmodj.home";

  private final List<String> args;
  private final Path home;
  private final Optional<Path> last;

  /**
   * Prepares the choice.
   *
   * @param args the command-line arguments after {@code gui}
   * @param home the project root that holds {@code samples/}
   */
  StartupFile(List<String> args, Path home) {
    this(args, home, Optional.empty());
  }

  /**
   * Prepares the choice, remembering the file open last.
   *
   * @param args the command-line arguments after {@code gui}
   * @param home the project root that holds {@code samples/}
   * @param last the file open when the application last closed
   */
  StartupFile(List<String> args, Path home, Optional<Path> last) {
    this.args = List.copyOf(args);
    this.home = Objects.requireNonNull(home, "home");
    this.last = Objects.requireNonNull(last, "last");
  }

  /** The project root from {@value #HOME_PROPERTY}, or the working directory without it. */
  static Path home() {
    return Path.of(System.getProperty(HOME_PROPERTY, ""));
  }

  /**
   * The file to open.
   *
   * @return the file named on the command line (which need not exist yet), else the last one while
   *     it exists, else a sample, else empty
   * @throws IOException if the sample directory cannot be listed
   */
  Optional<Path> path() throws IOException {
    if (!args.isEmpty()) {
      return Optional.of(Path.of(args.get(0)));
    }
    if (last.isPresent() && Files.isRegularFile(last.get())) {
      return last;
    }
    Path legacy = home.resolve("samples/modutils/etc/modules.conf");
    if (Files.isRegularFile(legacy)) {
      return Optional.of(legacy);
    }
    Path modern = home.resolve("samples/modern/etc/modprobe.d");
    if (!Files.isDirectory(modern)) {
      return Optional.empty();
    }
    // kmod reads a directory's .conf files in name order; the first is the natural start
    try (Stream<Path> files = Files.list(modern)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p))
          .min(Path::compareTo);
    }
  }
}
