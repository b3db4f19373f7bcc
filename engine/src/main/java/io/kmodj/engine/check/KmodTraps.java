package io.kmodj.engine.check;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigFiles;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.engine.index.DepEntry;
import io.kmodj.engine.index.Fnmatch;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ModuleHandle;
import io.kmodj.grammar.diag.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The traps of the kmod 30 modprobe.d dialect, each a place where the configuration says one thing
 * and kmod does another: blacklists that block nothing but aliases, install commands a softdep
 * disables, softdeps and install/remove commands that an earlier line for the same module hides
 * (the first one wins, and files are read in the order of their names whatever their directory),
 * files hidden by a file of the same name, files kmod does not read, {@code .alias} files, and
 * install commands that are softdeps in disguise.
 */
final class KmodTraps {
  private static final String SOFTDEP_FILE = "modules.softdep";
  private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:;|&&)\\s*");
  private static final Pattern BLANKS = Pattern.compile("[ \t]+");

  private final ModuleIndex index;
  private final ModuleConfig config;
  private final ModprobeContext ctx;
  private final ConfigFiles files;
  private final List<Finding> findings;

  KmodTraps(
      ModuleIndex index,
      ModuleConfig config,
      ModprobeContext ctx,
      ConfigFiles files,
      List<Finding> findings) {
    this.index = index;
    this.config = config;
    this.ctx = ctx;
    this.files = files;
    this.findings = findings;
  }

  void run() {
    files();
    softdeps();
    overrides("install", config.installs());
    overrides("remove", config.removes());
    disabledInstalls();
    blacklists();
    commandsAsSoftdeps();
  }

  private void add(Rule rule, Origin origin, String message, String hint) {
    findings.add(new Finding(rule, rule.severity(), origin, message, hint));
  }

  private static String at(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }

  private static String baseName(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? file : file.substring(slash + 1);
  }

  /** A name that sorts before most: {@code 99-local.conf} becomes {@code 00-local.conf}. */
  private static String earlyName(String name) {
    return "00-" + name.replaceFirst("^[0-9]+-", "");
  }

  private static boolean fromSoftdepFile(ConfigEntry e) {
    return baseName(e.origin().file()).equals(SOFTDEP_FILE) && e.origin().line() > 0;
  }

  // --- files -------------------------------------------------------------------------------

  private void files() {
    for (ConfigFiles.Hidden h : files.hidden()) {
      String by = h.by().shownAs();
      String hidden = h.file().shownAs();
      add(
          Rule.HIDDEN_FILE,
          new Origin(by, 0),
          hidden + " is not read: " + by + " has the same name and comes from an earlier directory",
          "if "
              + hidden
              + " should be read too, rename one of them; if "
              + by
              + " overrides it on purpose, start it with '# kmodj: ignore hidden-file'");
    }
    for (ConfigFiles.ConfigFile f : files.skipped()) {
      add(
          Rule.NOT_CONF_FILE,
          new Origin(f.shownAs(), 0),
          f.shownAs() + " is not read: kmod reads only files whose names end in .conf",
          "rename it to end in .conf if it is meant to be read, else move it out of the directory");
    }
    for (ConfigFiles.ConfigFile f : files.files()) {
      if (f.name().endsWith(".alias")) {
        String renamed = f.name().substring(0, f.name().length() - ".alias".length()) + ".conf";
        add(
            Rule.ALIAS_FILE,
            new Origin(f.shownAs(), 0),
            "kmod 30 reads " + f.shownAs() + ", but kmod 33 and later skip files ending in .alias",
            "rename it to " + renamed);
      }
    }
  }

  // --- softdeps ----------------------------------------------------------------------------

  /** The first line of a list whose pattern matches a later line's name, if it is earlier. */
  private static <T extends ConfigEntry> Optional<T> earlier(List<T> list, int j) {
    T later = list.get(j);
    boolean literal = !Fnmatch.isPattern(later.name());
    for (int i = 0; i < j; i++) {
      T e = list.get(i);
      if (e.name().equals(later.name()) || (literal && Fnmatch.matches(e.name(), later.name()))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static String softdepLine(String name, Set<String> pre, Set<String> post) {
    StringBuilder b = new StringBuilder("softdep ").append(name);
    if (!pre.isEmpty() || post.isEmpty()) {
      b.append(" pre:");
      pre.forEach(p -> b.append(' ').append(p));
    }
    if (!post.isEmpty()) {
      b.append(" post:");
      post.forEach(p -> b.append(' ').append(p));
    }
    return b.toString();
  }

  private static String merged(String name, List<ConfigEntry.Softdep> lines) {
    Set<String> pre = new LinkedHashSet<>();
    Set<String> post = new LinkedHashSet<>();
    for (ConfigEntry.Softdep s : lines) {
      pre.addAll(s.pre());
      post.addAll(s.post());
    }
    return softdepLine(name, pre, post);
  }

  private void softdeps() {
    List<ConfigEntry.Softdep> all = config.softdeps();
    Map<ConfigEntry.Softdep, List<ConfigEntry.Softdep>> hiddenOwn = new LinkedHashMap<>();
    Map<ConfigEntry.Softdep, List<ConfigEntry.Softdep>> generated = new LinkedHashMap<>();
    for (int j = 0; j < all.size(); j++) {
      ConfigEntry.Softdep later = all.get(j);
      Optional<ConfigEntry.Softdep> found = earlier(all, j);
      if (found.isEmpty()) {
        continue;
      }
      ConfigEntry.Softdep first = found.get();
      String name = later.name();
      String pair = merged(name, List.of(first, later));
      if (fromSoftdepFile(first) && fromSoftdepFile(later)) {
        generated.computeIfAbsent(first, k -> new ArrayList<>()).add(later);
      } else if (fromSoftdepFile(first)) {
        add(
            Rule.SOFTDEP_SHADOWED,
            later.origin(),
            "softdep "
                + name
                + " is never used: "
                + at(first.origin())
                + " has a softdep for "
                + name
                + " and modules.softdep sorts before "
                + baseName(later.origin().file())
                + "; kmod takes only the first",
            "move the line to a file whose name sorts before modules.softdep and repeat the"
                + " module's own there: '"
                + pair
                + "'");
      } else if (fromSoftdepFile(later)) {
        hiddenOwn.computeIfAbsent(first, k -> new ArrayList<>()).add(later);
      } else {
        boolean sameFile = first.origin().file().equals(later.origin().file());
        add(
            Rule.SOFTDEP_SHADOWED,
            later.origin(),
            "softdep "
                + name
                + " is never used: "
                + at(first.origin())
                + " has a softdep for "
                + name
                + " first, and kmod takes only the first",
            (sameFile ? "merge the two lines: '" : "merge the two lines into one: '") + pair + "'");
      }
    }
    generated.forEach(
        (first, rest) -> {
          List<ConfigEntry.Softdep> lines = new ArrayList<>();
          lines.add(first);
          lines.addAll(rest);
          String together = merged(first.name(), lines);
          boolean empty = lines.stream().allMatch(l -> l.pre().isEmpty() && l.post().isEmpty());
          findings.add(
              new Finding(
                  Rule.SOFTDEP_SHADOWED,
                  Severity.INFO,
                  first.origin(),
                  "modules.softdep has "
                      + lines.size()
                      + " softdep lines for "
                      + first.name()
                      + " and kmod uses only this first one",
                  empty
                      ? "none of them names pre: or post: modules (an old format), so none loads"
                          + " anything"
                      : "depmod writes a line per softdep of the module; to have them all, write '"
                          + together
                          + "' in a file whose name sorts before modules.softdep"));
        });
    hiddenOwn.forEach(
        (first, own) -> {
          List<ConfigEntry.Softdep> lines = new ArrayList<>();
          lines.add(first);
          lines.addAll(own);
          List<String> where = new ArrayList<>();
          own.forEach(s -> where.add(at(s.origin()) + " '" + s.shown().strip() + "'"));
          add(
              Rule.SOFTDEP_SHADOWED,
              first.origin(),
              "softdep "
                  + first.name()
                  + " hides the module's own softdep ("
                  + String.join(", ", where)
                  + "): "
                  + baseName(first.origin().file())
                  + " sorts before modules.softdep, and kmod takes only the first",
              "repeat the module's own soft dependencies in this line: '"
                  + merged(first.name(), lines)
                  + "'");
        });
  }

  /** The first softdep line whose pattern matches a module name: the one kmod uses. */
  private Optional<ConfigEntry.Softdep> softdepOf(String module) {
    for (ConfigEntry.Softdep s : config.softdeps()) {
      if (Fnmatch.matches(s.name(), module)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The modules a name finds, as a softdep looks it up. */
  private List<ModuleHandle> lookup(String name) {
    return ctx.lookup(name).orElse(List.of());
  }

  private List<String> finding(ConfigEntry.Softdep s) {
    List<String> out = new ArrayList<>();
    for (String n : s.pre()) {
      if (!lookup(n).isEmpty()) {
        out.add(n);
      }
    }
    for (String n : s.post()) {
      if (!lookup(n).isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  // --- install and remove ------------------------------------------------------------------

  private <T extends ConfigEntry> void overrides(String keyword, List<T> lines) {
    for (int j = 0; j < lines.size(); j++) {
      Optional<T> found = earlier(lines, j);
      if (found.isEmpty()) {
        continue;
      }
      T first = found.get();
      T later = lines.get(j);
      boolean sameFile = first.origin().file().equals(later.origin().file());
      add(
          Rule.OVERRIDE_LOST,
          later.origin(),
          keyword
              + " "
              + later.name()
              + " is never used: "
              + at(first.origin())
              + " has one for "
              + first.name()
              + " first"
              + (sameFile
                  ? ""
                  : " (files are read in the order of their names, whatever their directory)")
              + ", and kmod takes only the first",
          sameFile
              ? "remove one of the two lines"
              : "give "
                  + baseName(later.origin().file())
                  + " a name that sorts before "
                  + baseName(first.origin().file())
                  + " (such as "
                  + earlyName(baseName(later.origin().file()))
                  + "), or remove the line there");
    }
  }

  private static <T extends ConfigEntry> boolean effective(List<T> lines, int j) {
    return earlier(lines, j).isEmpty();
  }

  private void disabledInstalls() {
    List<ConfigEntry.Install> installs = config.installs();
    for (int j = 0; j < installs.size(); j++) {
      ConfigEntry.Install i = installs.get(j);
      if (!effective(installs, j) || Fnmatch.isPattern(i.name())) {
        continue;
      }
      Optional<ConfigEntry.Softdep> s = softdepOf(i.name());
      if (s.isEmpty()) {
        continue;
      }
      List<String> found = finding(s.get());
      if (found.isEmpty()) {
        continue;
      }
      boolean own = fromSoftdepFile(s.get());
      add(
          Rule.INSTALL_DISABLED_BY_SOFTDEP,
          i.origin(),
          "install "
              + i.name()
              + " is never run: "
              + (own ? "the module's own softdep " : "softdep ")
              + s.get().name()
              + " ("
              + at(s.get().origin())
              + ") finds "
              + String.join(", ", found)
              + ", and kmod ignores the install command of a module with soft dependencies",
          own
              ? "to have the command run, write 'softdep "
                  + i.name()
                  + " pre:' (empty) in a file whose name sorts before modules.softdep"
              : "drop the softdep, or run its modules from the install command");
    }
  }

  private boolean installRuns(String module) {
    List<ConfigEntry.Install> installs = config.installs();
    for (int j = 0; j < installs.size(); j++) {
      ConfigEntry.Install i = installs.get(j);
      if (Fnmatch.matches(i.name(), module)) {
        Optional<ConfigEntry.Softdep> s = softdepOf(module);
        return s.isEmpty() || finding(s.get()).isEmpty();
      }
    }
    return false;
  }

  // --- blacklist ---------------------------------------------------------------------------

  private Map<String, List<String>> dependents() {
    Map<String, List<String>> users = new HashMap<>();
    for (String m : index.moduleNames()) {
      Optional<DepEntry> e = index.dependencies(m);
      if (e.isEmpty()) {
        continue;
      }
      for (String d : e.get().dependencies()) {
        users.computeIfAbsent(ModuleNames.fromPath(d), k -> new ArrayList<>()).add(m);
      }
    }
    return users;
  }

  private void blacklists() {
    Map<String, List<String>> users = null;
    for (ConfigEntry.Blacklist b : config.blacklist()) {
      String module = b.name();
      if (index.dependencies(module).isEmpty()) {
        continue;
      }
      List<String> via = new ArrayList<>();
      List<ConfigEntry.Softdep> softdeps = config.softdeps();
      for (int j = 0; j < softdeps.size(); j++) {
        ConfigEntry.Softdep s = softdeps.get(j);
        if (!effective(softdeps, j)) {
          continue;
        }
        List<String> names = new ArrayList<>(s.pre());
        names.addAll(s.post());
        for (String n : names) {
          if (lookup(n).stream().anyMatch(h -> h.name().equals(module))) {
            via.add("softdep " + s.name() + " (" + at(s.origin()) + ")");
            break;
          }
        }
      }
      if (!via.isEmpty()) {
        add(
            Rule.BLACKLIST_SOFTDEP,
            b.origin(),
            "blacklist "
                + module
                + " does not stop "
                + String.join(", ", via)
                + " from loading it: blacklist never applies to soft dependencies, not even with"
                + " modprobe -b",
            "remove "
                + module
                + " from the softdep, or keep it out with 'install "
                + module
                + " /bin/false'");
      }
      if (installRuns(module)) {
        continue;
      }
      if (users == null) {
        users = dependents();
      }
      List<String> need = new ArrayList<>(new TreeSet<>(users.getOrDefault(module, List.of())));
      String needers = "";
      if (!need.isEmpty()) {
        List<String> shown = need.size() > 3 ? need.subList(0, 3) : need;
        needers =
            ", and so does loading a module that needs it ("
                + String.join(", ", shown)
                + (need.size() > 3 ? " and " + (need.size() - 3) + " more" : "")
                + ")";
      }
      add(
          Rule.BLACKLIST_NOT_A_BLOCK,
          b.origin(),
          "blacklist "
              + module
              + " only stops lookups through aliases (and modprobe -b): modprobe "
              + module
              + " still loads it"
              + needers,
          "to keep " + module + " out of the kernel, add 'install " + module + " /bin/false'");
    }
  }

  // --- install and remove commands that are softdeps ---------------------------------------

  /** One modprobe call of a command: the module and whether it is the entry's own. */
  private record Call(String module, boolean self) {}

  /**
   * The modprobe calls of a command made only of such calls joined by {@code ;} or {@code &&},
   * exactly one of them on the entry's own module with its command ignored; empty otherwise.
   */
  private static Optional<List<Call>> calls(String command, String own, boolean remove) {
    if (command.contains("|")
        || command.contains("`")
        || command.contains("$(")
        || command.contains(">")
        || command.contains("<")
        || command.contains("'")
        || command.contains("\"")
        || command.replace("&&", "").contains("&")) {
      return Optional.empty();
    }
    List<Call> calls = new ArrayList<>();
    int selves = 0;
    for (String part : SEPARATOR.split(command.strip(), -1)) {
      Optional<Call> c = call(part, own, remove);
      if (c.isEmpty()) {
        return Optional.empty();
      }
      if (c.get().self()) {
        selves++;
      }
      calls.add(c.get());
    }
    return selves == 1 && calls.size() > 1 ? Optional.of(calls) : Optional.empty();
  }

  private static Optional<Call> call(String part, String own, boolean remove) {
    String[] words = BLANKS.split(part.strip(), -1);
    if (words.length < 2 || !(words[0].equals("modprobe") || words[0].endsWith("/modprobe"))) {
      return Optional.empty();
    }
    boolean ignore = false;
    boolean removing = false;
    String module = null;
    boolean options = false;
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      switch (w) {
        case "-q", "--quiet", "-b", "--use-blacklist" -> {}
        case "-i", "--ignore-install", "--ignore-remove" -> ignore = true;
        case "-r", "--remove" -> removing = true;
        case "$CMDLINE_OPTS" -> options = true;
        default -> {
          if (w.startsWith("-") || module != null) {
            return Optional.empty();
          }
          module = ModuleNames.normalizeModuleName(w);
        }
      }
    }
    if (module == null || removing != remove) {
      return Optional.empty();
    }
    boolean self = module.equals(own);
    if (self != ignore || (!self && options)) {
      return Optional.empty();
    }
    return Optional.of(new Call(module, self));
  }

  private void commandsAsSoftdeps() {
    for (ConfigEntry.Install i : config.installs()) {
      asSoftdep("install", i.name(), i.command(), i.origin(), false);
    }
    for (ConfigEntry.Remove r : config.removes()) {
      asSoftdep("remove", r.name(), r.command(), r.origin(), true);
    }
  }

  private void asSoftdep(String keyword, String name, String command, Origin o, boolean remove) {
    if (Fnmatch.isPattern(name)) {
      return;
    }
    Optional<List<Call>> found = calls(command, name, remove);
    if (found.isEmpty()) {
      return;
    }
    Set<String> before = new LinkedHashSet<>();
    Set<String> after = new LinkedHashSet<>();
    boolean seen = false;
    for (Call c : found.get()) {
      if (c.self()) {
        seen = true;
      } else {
        (seen ? after : before).add(c.module());
      }
    }
    // removal runs post first and pre last: what a remove command removes before the module is
    // its post list
    String line = remove ? softdepLine(name, after, before) : softdepLine(name, before, after);
    add(
        Rule.INSTALL_AS_SOFTDEP,
        o,
        keyword
            + " "
            + name
            + " only runs modprobe on "
            + String.join(
                ", ", new TreeSet<>(remove ? concat(after, before) : concat(before, after)))
            + " around "
            + name
            + " itself: a softdep says the same, and modprobe --show-depends can follow it",
        "replace the line by '"
            + line
            + "'"
            + (remove ? " (which also loads them with " + name + ")" : ""));
  }

  private static Set<String> concat(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }
}
