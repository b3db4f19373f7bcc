package io.kmodj.gui.outline;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.modulesconf.Directive;
import io.kmodj.grammar.modulesconf.ShellWord;
import io.kmodj.gui.model.ConfigTexts;
import io.kmodj.gui.model.LoadedSystem;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outline of a modules.conf system, read again with a {@link ModulesConfReader.Listener} so
 * that every line is known with what became of it: the built-in defaults layer (modutils' own
 * configuration, read first) as a branch of its own, then the file's lines grouped by kind, every
 * {@code if}/{@code elseif}/{@code else} line with whether it was taken (its body under it), and
 * the files read. A line that takes no effect is kept and marked: in a branch not taken, replaced
 * by a later line of the same name (alias, options, probe, probeall, above, below; {@code add}
 * lines add to it), a second hook of a kind for a name (the first wins), a default {@code path}
 * that the file's {@code path} lines replace.
 */
final class ModutilsOutline {
  /** A directive and what the reading did with it. */
  private static final class Seen {
    final Directive directive;
    final Origin origin;
    final boolean applied;
    final List<String> words;
    final Optional<Branch> branch;
    String lostTo = "";

    Seen(Directive d, Origin o, boolean applied, List<String> words, Optional<Branch> branch) {
      this.directive = d;
      this.origin = o;
      this.applied = applied;
      this.words = List.copyOf(words);
      this.branch = branch;
    }
  }

  /** A branch line, the directives and branches under it. */
  private static final class Branch {
    final Directive.Branch branch;
    final Origin origin;
    final boolean taken;
    final boolean earlierTaken;
    final List<Object> body = new ArrayList<>();

    Branch(Directive.Branch b, Origin o, boolean taken, boolean earlierTaken) {
      this.branch = b;
      this.origin = o;
      this.taken = taken;
      this.earlierTaken = earlierTaken;
    }
  }

  private final LoadedSystem system;
  private final List<Seen> seen = new ArrayList<>();
  private final List<Branch> topBranches = new ArrayList<>();
  private final Deque<Branch> open = new ArrayDeque<>();
  private final Map<String, String> texts = new HashMap<>();
  private final IdentityHashMap<Seen, OutlineItem> items = new IdentityHashMap<>();
  private String defaults = "";
  private ModutilsConfig config;

  private ModutilsOutline(LoadedSystem system) {
    this.system = system;
  }

  /**
   * The outline of a modutils system.
   *
   * @param system the system (its configuration read again here, with its overlay)
   * @return the groups
   */
  static List<OutlineItem> of(LoadedSystem system) {
    return new ModutilsOutline(system).build();
  }

  private List<OutlineItem> build() {
    String version = system.spec().version().orElse(System.getProperty("os.version"));
    String moduleDir = system.spec().modutilsRoot() + "/lib/modules/" + version;
    Optional<String> file =
        system.spec().configPaths().isEmpty()
            ? Optional.empty()
            : Optional.of(system.spec().configPaths().get(0));
    defaults =
        ModulesConfReader.defaultsText()
            .replace("@MODULE_DIR@", moduleDir)
            .replace("@VERSION@", version);
    config =
        new ModulesConfReader(
                new ModulesConfReader.Request(file, version, moduleDir, false, false),
                system.overlay(),
                new ModulesConfReader.Listener() {
                  @Override
                  public void branch(
                      Directive.Branch b, Origin origin, boolean taken, boolean earlierTaken) {
                    Branch br = new Branch(b, origin, taken, earlierTaken);
                    if (open.isEmpty()) {
                      topBranches.add(br);
                    } else {
                      open.peek().body.add(br);
                    }
                    open.push(br);
                  }

                  @Override
                  public void branchEnd() {
                    if (!open.isEmpty()) {
                      open.pop();
                    }
                  }

                  @Override
                  public void directive(
                      Directive d, Origin origin, boolean applied, List<String> words) {
                    Seen s = new Seen(d, origin, applied, words, Optional.ofNullable(open.peek()));
                    seen.add(s);
                    if (!open.isEmpty()) {
                      open.peek().body.add(s);
                    }
                  }
                })
            .read();
    resolveWinners();
    Map<String, List<OutlineItem>> builtIn = new LinkedHashMap<>();
    Map<String, List<OutlineItem>> fromFiles = new LinkedHashMap<>();
    for (String g :
        List.of("Aliases", "Options", "Commands", "Probes", "Below/above", "Settings")) {
      builtIn.put(g, new ArrayList<>());
      fromFiles.put(g, new ArrayList<>());
    }
    Set<String> files = new LinkedHashSet<>();
    file.ifPresent(files::add);
    for (Seen s : seen) {
      OutlineItem item = item(s);
      items.put(s, item);
      boolean isDefault = isDefault(s.origin);
      if (!isDefault) {
        files.add(s.origin.file());
      }
      (isDefault ? builtIn : fromFiles).get(group(s.directive)).add(item);
    }
    List<OutlineItem> defaultsGroups = nonEmpty(builtIn);
    List<OutlineItem> out = new ArrayList<>();
    if (!defaultsGroups.isEmpty()) {
      out.add(OutlineItem.group("Built-in defaults (modutils)", defaultsGroups));
    }
    out.addAll(nonEmpty(fromFiles));
    List<OutlineItem> branches = new ArrayList<>();
    for (Branch b : topBranches) {
      branches.add(branchItem(b));
    }
    if (!branches.isEmpty()) {
      out.add(OutlineItem.group("Conditionals", branches));
    }
    List<OutlineItem> fileItems = new ArrayList<>();
    for (String f : files) {
      Path p = Path.of(f);
      boolean read = ConfigTexts.text(system, p).isPresent();
      fileItems.add(
          new OutlineItem(
              OutlineItem.Kind.FILE,
              f,
              Optional.empty(),
              f,
              ConfigTexts.place(system, new Origin(f, 1)),
              read,
              read ? "" : "cannot be read",
              List.of()));
    }
    if (!fileItems.isEmpty()) {
      out.add(OutlineItem.group("Files", fileItems));
    }
    return out;
  }

  private static List<OutlineItem> nonEmpty(Map<String, List<OutlineItem>> groups) {
    List<OutlineItem> out = new ArrayList<>();
    groups.forEach(
        (title, list) -> {
          if (!list.isEmpty()) {
            out.add(OutlineItem.group(title, list));
          }
        });
    return out;
  }

  private static boolean isDefault(Origin o) {
    return o.file().equals(ModulesConfReader.DEFAULTS_NAME);
  }

  private static String group(Directive d) {
    if (d instanceof Directive.Alias) {
      return "Aliases";
    } else if (d instanceof Directive.Options) {
      return "Options";
    } else if (d instanceof Directive.Hook) {
      return "Commands";
    } else if (d instanceof Directive.ModuleList l) {
      return l.kind() == Directive.ListKind.PROBE || l.kind() == Directive.ListKind.PROBEALL
          ? "Probes"
          : "Below/above";
    }
    return "Settings";
  }

  /**
   * Marks the applied lines a later one replaced (alias, options and the lists: the last line of a
   * name wins, {@code add} lines add to it), the hooks after the first of a kind and name, and the
   * path lines not in the final search path.
   */
  private void resolveWinners() {
    Map<String, List<Seen>> current = new HashMap<>();
    Map<String, Seen> firstHook = new HashMap<>();
    for (Seen s : seen) {
      if (!s.applied) {
        continue;
      }
      Directive d = s.directive;
      if (d instanceof Directive.Hook h) {
        String key = h.kind().keyword() + " " + h.name().raw();
        Seen first = firstHook.putIfAbsent(key, s);
        if (first != null) {
          s.lostTo = "not applied: the earlier line " + KmodOutline.shown(first.origin) + " wins";
        }
        continue;
      }
      Optional<String> key = key(d);
      if (key.isEmpty()) {
        continue;
      }
      List<Seen> now = current.computeIfAbsent(key.get(), k -> new ArrayList<>());
      if (!adds(d)) {
        for (Seen old : now) {
          old.lostTo = "not applied: replaced by " + KmodOutline.shown(s.origin);
        }
        now.clear();
      }
      now.add(s);
    }
    for (Seen s : seen) {
      if (s.applied && s.directive instanceof Directive.Path p) {
        boolean kept = config.paths().stream().anyMatch(e -> e.directory().equals(p.value().raw()));
        if (!kept) {
          s.lostTo = "not applied: the file's path lines replace the default search path";
        }
      }
    }
  }

  private static Optional<String> key(Directive d) {
    if (d instanceof Directive.Alias a) {
      return Optional.of("alias " + a.name().raw());
    } else if (d instanceof Directive.Options o) {
      return Optional.of("options " + o.name().raw());
    } else if (d instanceof Directive.ModuleList l) {
      return Optional.of(l.kind().keyword() + " " + l.name().raw());
    }
    return Optional.empty();
  }

  private static boolean adds(Directive d) {
    return (d instanceof Directive.Options o && o.add())
        || (d instanceof Directive.ModuleList l && l.add());
  }

  private static Optional<String> nameOf(Directive d) {
    ShellWord n = null;
    if (d instanceof Directive.Alias a) {
      n = a.name();
    } else if (d instanceof Directive.Options o) {
      n = o.name();
    } else if (d instanceof Directive.Hook h) {
      n = h.name();
    } else if (d instanceof Directive.ModuleList l) {
      n = l.name();
    }
    return n == null || n.raw().isEmpty() ? Optional.empty() : Optional.of(n.raw());
  }

  private OutlineItem item(Seen s) {
    String note;
    if (!s.applied) {
      note =
          s.branch
              .map(
                  b ->
                      "not applied: in a branch not taken ("
                          + lineText(b.origin, b.branch.span())
                          + ", "
                          + KmodOutline.shown(b.origin)
                          + ")")
              .orElse("not applied");
    } else if (!s.lostTo.isEmpty()) {
      note = s.lostTo;
    } else {
      note = expansion(s);
    }
    boolean builtIn = isDefault(s.origin);
    return new OutlineItem(
        OutlineItem.Kind.ENTRY,
        lineText(s.origin, s.directive.span()),
        nameOf(s.directive),
        KmodOutline.shown(s.origin),
        builtIn ? Optional.empty() : ConfigTexts.place(system, s.origin),
        s.applied && s.lostTo.isEmpty(),
        builtIn && note.isEmpty() ? "built-in default" : note,
        List.of());
  }

  /** What the words of an applied line expanded to, when that differs from what is written. */
  private static String expansion(Seen s) {
    List<ShellWord> written;
    Directive d = s.directive;
    if (d instanceof Directive.Alias a) {
      written = a.rest().isEmpty() ? List.of() : a.rest().subList(0, 1);
    } else if (d instanceof Directive.Options o) {
      written = o.values();
    } else if (d instanceof Directive.ModuleList l) {
      written = l.modules();
    } else {
      return "";
    }
    List<String> raw = written.stream().map(ShellWord::raw).toList();
    return raw.equals(s.words) ? "" : "expands to: " + String.join(" ", s.words);
  }

  private OutlineItem branchItem(Branch b) {
    List<OutlineItem> children = new ArrayList<>();
    for (Object o : b.body) {
      if (o instanceof Branch nested) {
        children.add(branchItem(nested));
      } else {
        children.add(items.get((Seen) o));
      }
    }
    String what =
        b.taken ? "taken" : b.earlierTaken ? "not taken: an earlier branch was" : "not taken";
    return new OutlineItem(
        OutlineItem.Kind.BRANCH,
        lineText(b.origin, b.branch.span()),
        Optional.empty(),
        KmodOutline.shown(b.origin),
        isDefault(b.origin) ? Optional.empty() : ConfigTexts.place(system, b.origin),
        b.taken,
        what,
        children);
  }

  /** The text of a line as written, continuations joined and blanks collapsed. */
  private String lineText(Origin origin, Span span) {
    String text =
        isDefault(origin)
            ? defaults
            : texts.computeIfAbsent(
                span.file(), f -> ConfigTexts.text(system, Path.of(f)).orElse(""));
    if (span.start() < 0 || span.end() > text.length() || span.start() >= span.end()) {
      return describe(span);
    }
    String line = text.substring(span.start(), span.end());
    int nl = line.indexOf('\n');
    if (!(span.endLine() > span.line()) && nl >= 0) {
      line = line.substring(0, nl);
    }
    return line.replace("\\\n", " ").replaceAll("\\s+", " ").strip();
  }

  private static String describe(Span span) {
    return span.file() + ":" + span.line();
  }
}
