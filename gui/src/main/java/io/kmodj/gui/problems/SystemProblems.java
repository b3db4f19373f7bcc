package io.kmodj.gui.problems;

import io.kmodj.engine.check.ConfigChecker;
import io.kmodj.engine.check.Finding;
import io.kmodj.engine.check.ModutilsChecker;
import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.SourceText;
import io.kmodj.gui.model.ConfigTexts;
import io.kmodj.gui.model.LoadedSystem;
import io.kmodj.gui.model.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The problems of every configuration file of a loaded system, as the editor marks them in a tab:
 * the grammar's diagnostics of the file's text (an unsaved buffer's text in place of the disk's)
 * and the findings of {@code check} ({@link ConfigChecker}, {@link ModutilsChecker}) on its lines,
 * a finding that repeats the grammar's diagnostic on its line left out. Plain Java, no JavaFX, and
 * slow (it reads and parses every file and checks the whole system): call it off the FX thread.
 */
public final class SystemProblems {
  /**
   * One file's problems.
   *
   * @param file the file, absolute and normalised
   * @param diagnostics its problems in file order, spans naming the file by its name
   */
  public record FileProblems(Path file, List<Diagnostic> diagnostics) {
    public FileProblems {
      Objects.requireNonNull(file, "file");
      diagnostics = List.copyOf(diagnostics);
    }

    /** The file's name, as its tab would show it. */
    public String name() {
      return nameOf(file);
    }
  }

  private final LoadedSystem system;
  private final List<Path> files;

  /**
   * Prepares to collect a system's problems.
   *
   * @param system the loaded system (read with the unsaved buffers' overlay)
   * @param files its configuration files, in reading order
   */
  public SystemProblems(LoadedSystem system, List<Path> files) {
    this.system = Objects.requireNonNull(system, "system");
    this.files = List.copyOf(files);
  }

  /**
   * Parses every file and checks the system.
   *
   * @return the files that have problems: the configuration files in their order, then other files
   *     a finding names (a module directory's modules.softdep)
   */
  public List<FileProblems> problems() {
    Map<Path, List<Finding>> byFile = new LinkedHashMap<>();
    for (Path f : files) {
      byFile.put(f.toAbsolutePath().normalize(), new ArrayList<>());
    }
    Set<Path> configuration = new HashSet<>(byFile.keySet());
    for (Finding f : findings()) {
      Optional<Selection.Location> at = ConfigTexts.place(system, f.origin());
      if (at.isPresent()) {
        byFile.computeIfAbsent(at.get().file(), k -> new ArrayList<>()).add(f);
      }
    }
    List<FileProblems> out = new ArrayList<>();
    for (Map.Entry<Path, List<Finding>> e : byFile.entrySet()) {
      Path file = e.getKey();
      Optional<String> text = ConfigTexts.text(system, file);
      if (text.isEmpty()) {
        continue;
      }
      String name = nameOf(file);
      List<Diagnostic> all = new ArrayList<>();
      if (configuration.contains(file)) {
        // an included file of a modules.conf is modutils' whatever its name
        all.addAll(system.dialect().parse(name, text.get()).diagnostics());
      }
      all.addAll(asDiagnostics(e.getValue(), name, text.get(), List.copyOf(all)));
      if (!all.isEmpty()) {
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
        out.add(new FileProblems(file, all));
      }
    }
    return List.copyOf(out);
  }

  private static String nameOf(Path file) {
    Path n = file.getFileName();
    return n == null ? file.toString() : n.toString();
  }

  /** The findings of check, as the editor gets them (none for a kmod system without its tree). */
  private List<Finding> findings() {
    if (system.modutils().isPresent()) {
      return new ModutilsChecker(system.modutils().get()).check();
    }
    // without a module tree every name would be unknown: the findings would be noise
    if (!Files.isDirectory(Path.of(system.spec().moduleDirectory()))) {
      return List.of();
    }
    return new ConfigChecker(system.kmod().orElseThrow()).check();
  }

  /**
   * Findings on a file's lines as diagnostics covering those lines, as the editor underlines them,
   * but those that repeat the grammar's own diagnostic on the line ({@code check} reports the
   * syntax too).
   */
  private static List<Diagnostic> asDiagnostics(
      List<Finding> findings, String name, String text, List<Diagnostic> syntax) {
    List<Diagnostic> out = new ArrayList<>();
    SourceText source = new SourceText(name, text);
    for (Finding f : findings) {
      int line = f.origin().line();
      if (line < 1 || line > source.lineCount()) {
        continue;
      }
      boolean repeated = false;
      for (Diagnostic d : syntax) {
        repeated |= d.span().line() == line && d.message().equals(f.message());
      }
      if (repeated) {
        continue;
      }
      int start = source.lineStart(line);
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      String rule = f.rule().id();
      out.add(
          new Diagnostic(
              f.severity(),
              source.span(start, end),
              rule,
              f.message() + " [" + rule + "]",
              text.substring(start, end),
              Optional.empty()));
    }
    return out;
  }
}
