package io.kmodj.engine.cli;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A command line read without picocli, for one command's plain forms ({@link ModprobeArguments},
 * {@link DepmodArguments}): boolean flags, options with a value (separate, or attached to a long
 * name with {@code =}), {@code -v} counted, {@code --} ending the options, everything else a
 * positional argument. It declines (answers empty, and picocli reads the line) whatever it is not
 * sure to read exactly as picocli does: an option it does not know, an {@code @file}, an option
 * given twice unless repeatable, a value that is empty or starts with {@code -} or {@code @}, a
 * value missing, and short flags written together unless the command allows them.
 *
 * @param <C> the command whose fields it sets
 */
final class PlainArguments<C> {
  /** A boolean option's setter. */
  interface Flag<C> {
    void set(C c);
  }

  /** A value option's setter. */
  interface Value<C> {
    void set(C c, String v);
  }

  private final String command;
  private final Supplier<C> fresh;
  private final Map<String, Flag<C>> flags;
  private final Map<String, Value<C>> values;
  private final List<List<String>> groups;
  private final Set<String> repeatable;
  private final boolean clusters;
  private final BiConsumer<C, String> positional;
  private final BiConsumer<C, boolean[]> verbose;

  /**
   * A reader.
   *
   * @param command the command's name, the first word of the line
   * @param fresh a command with its defaults
   * @param flags the boolean options by name
   * @param values the value options by name
   * @param groups the names that stand for one option, its field first ({@code dryRun, -n,
   *     --dry-run}), so that two of them count as the option given twice
   * @param repeatable the fields that may be given more than once
   * @param clusters whether short flags may be written together ({@code -nv})
   * @param positional adds a positional argument
   * @param verbose sets the {@code -v} count, as picocli sets a {@code boolean[]}
   */
  PlainArguments(
      String command,
      Supplier<C> fresh,
      Map<String, Flag<C>> flags,
      Map<String, Value<C>> values,
      List<List<String>> groups,
      Set<String> repeatable,
      boolean clusters,
      BiConsumer<C, String> positional,
      BiConsumer<C, boolean[]> verbose) {
    this.command = Objects.requireNonNull(command);
    this.fresh = Objects.requireNonNull(fresh);
    this.flags = Map.copyOf(flags);
    this.values = Map.copyOf(values);
    this.groups = List.copyOf(groups);
    this.repeatable = Set.copyOf(repeatable);
    this.clusters = clusters;
    this.positional = Objects.requireNonNull(positional);
    this.verbose = Objects.requireNonNull(verbose);
  }

  /** The option names this reader knows, for the tests that compare them with picocli's. */
  Set<String> names() {
    Set<String> all = new HashSet<>(flags.keySet());
    all.addAll(values.keySet());
    all.add("-v");
    all.add("--verbose");
    return all;
  }

  /**
   * Reads a command line.
   *
   * @param args the whole command line (the command's name first)
   * @return the command with its fields set, or empty when picocli must read this command line
   */
  Optional<C> parse(String... args) {
    if (args.length == 0 || !args[0].equals(command)) {
      return Optional.empty();
    }
    C c = fresh.get();
    Set<String> seen = new HashSet<>();
    int verbosity = 0;
    boolean options = true;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("@")) {
        // picocli reads an @file's words as arguments
        return Optional.empty();
      }
      if (!options || !a.startsWith("-")) {
        positional.accept(c, a);
        continue;
      }
      if (a.equals("--")) {
        options = false;
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (name.equals("-v") || name.equals("--verbose")) {
        if (value != null) {
          return Optional.empty();
        }
        verbosity++;
        continue;
      }
      Flag<C> flag = flags.get(name);
      if (flag != null) {
        if (value != null || !seen.add(field(name))) {
          return Optional.empty();
        }
        flag.set(c);
        continue;
      }
      Value<C> setter = values.get(name);
      if (setter != null) {
        if (value == null) {
          if (i + 1 >= args.length) {
            return Optional.empty();
          }
          value = args[++i];
        }
        String f = field(name);
        if (value.isEmpty()
            || value.startsWith("-")
            || value.startsWith("@")
            || (!seen.add(f) && !repeatable.contains(f))) {
          return Optional.empty();
        }
        setter.set(c, value);
        continue;
      }
      if (!clusters || !cluster(a, c, seen)) {
        return Optional.empty();
      }
      verbosity += count(a, 'v');
    }
    boolean[] v = new boolean[verbosity];
    Arrays.fill(v, true);
    verbose.accept(c, v);
    return Optional.of(c);
  }

  /** {@code -nv}: short flags written together; false unless every letter is a known flag. */
  private boolean cluster(String a, C c, Set<String> seen) {
    if (a.length() < 3 || a.charAt(1) == '-') {
      return false;
    }
    for (int k = 1; k < a.length(); k++) {
      String one = "-" + a.charAt(k);
      if (!one.equals("-v") && (!flags.containsKey(one) || seen.contains(field(one)))) {
        return false;
      }
    }
    for (int k = 1; k < a.length(); k++) {
      String one = "-" + a.charAt(k);
      if (!one.equals("-v")) {
        if (!seen.add(field(one))) {
          return false;
        }
        flags.get(one).set(c);
      }
    }
    return true;
  }

  private static int count(String a, char ch) {
    int n = 0;
    for (int k = 1; k < a.length(); k++) {
      n += a.charAt(k) == ch ? 1 : 0;
    }
    return n;
  }

  /** The option an alias stands for, so that {@code -n --dry-run} counts as given twice. */
  private String field(String name) {
    for (List<String> group : groups) {
      if (group.contains(name)) {
        return group.get(0);
      }
    }
    return name;
  }
}
