package io.kmodj.engine.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code # kmodj: ignore RULE} comments of configuration files, and the findings they silence.
 *
 * <p>A comment line (a {@code #} in the first column, which both dialects read as a comment) of the
 * form {@code # kmodj: ignore RULE[,RULE...]} silences the findings of those rules on the line that
 * follows it (the whole of a directive continued with backslashes). When the comment is in the
 * file's leading comment block, before its first directive, it also silences the findings of those
 * rules about the file as a whole (a hidden file, a file kmod does not read). Rule identifiers are
 * those of {@link Rule#id()}; {@code all} stands for every rule.
 */
public final class Suppressions {
  private static final Pattern IGNORE =
      Pattern.compile("#\\s*kmodj:\\s*ignore\\s+([A-Za-z0-9_,\\- \t]+?)\\s*");

  private static final Pattern SPLIT = Pattern.compile("[,\\s]+");

  /** The findings kept and the number silenced. */
  public record Result(List<Finding> kept, int silenced) {
    public Result {
      kept = List.copyOf(kept);
    }
  }

  /** What one file's comments silence: per line (0 for the file), the rule identifiers. */
  private record FileRules(Map<Integer, Set<String>> byLine) {}

  private final Map<String, Optional<FileRules>> files = new HashMap<>();

  /**
   * Drops the findings that an ignore comment silences.
   *
   * @param findings the findings
   * @return those kept, and how many were silenced
   */
  public Result apply(List<Finding> findings) {
    List<Finding> kept = new ArrayList<>();
    int silenced = 0;
    for (Finding f : findings) {
      Optional<FileRules> rules = files.computeIfAbsent(f.origin().file(), Suppressions::read);
      Set<String> ids =
          rules.map(r -> r.byLine().getOrDefault(f.origin().line(), Set.of())).orElse(Set.of());
      if (ids.contains(f.rule().id()) || ids.contains("all")) {
        silenced++;
      } else {
        kept.add(f);
      }
    }
    return new Result(kept, silenced);
  }

  private static Optional<FileRules> read(String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
      return Optional.of(parse(text));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads the ignore comments of a file's text.
   *
   * @param text the text
   * @return for each silenced line (0: the file itself), the rule identifiers
   */
  static FileRules parse(String text) {
    String[] lines = text.split("\n", -1);
    Map<Integer, Set<String>> byLine = new HashMap<>();
    boolean leading = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher m = IGNORE.matcher(line);
      if (m.matches()) {
        Set<String> ids = new TreeSet<>();
        for (String id : SPLIT.split(m.group(1), -1)) {
          if (!id.isEmpty()) {
            ids.add(id.toLowerCase(Locale.ROOT));
          }
        }
        if (leading) {
          byLine.computeIfAbsent(0, k -> new TreeSet<>()).addAll(ids);
        }
        // the next line, and its continuation lines (a finding names a directive's last line)
        int j = i + 1;
        while (j < lines.length) {
          byLine.computeIfAbsent(j + 1, k -> new TreeSet<>()).addAll(ids);
          if (!lines[j].endsWith("\\")) {
            break;
          }
          j++;
        }
      } else if (!line.isBlank() && !line.startsWith("#")) {
        leading = false;
      }
    }
    return new FileRules(byLine);
  }
}
