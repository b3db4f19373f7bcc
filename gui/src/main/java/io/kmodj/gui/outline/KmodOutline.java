package io.kmodj.gui.outline;

import io.kmodj.engine.config.ConfigEntry;
import io.kmodj.engine.config.ConfigFiles;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.config.Origin;
import io.kmodj.gui.model.ConfigTexts;
import io.kmodj.gui.model.LoadedSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outline of a modprobe.d system: every entry of the effective configuration, all files of the
 * system together, grouped by kind in reading order (as {@code modprobe -c --sources} lists them),
 * each with its file and line. An entry that takes no effect is kept and marked: a second install,
 * remove or softdep for a name (kmod takes the first), and every entry of a file that a file of the
 * same name in an earlier directory hides. The files read and hidden close the outline.
 */
final class KmodOutline {
  private final LoadedSystem system;

  private KmodOutline(LoadedSystem system) {
    this.system = system;
  }

  /**
   * The outline of a kmod system.
   *
   * @param system the system (its configuration read with its overlay)
   * @return the groups
   */
  static List<OutlineItem> of(LoadedSystem system) {
    return new KmodOutline(system).build();
  }

  /** The entries of one kind: effective ones, then hidden files' ones. */
  private record Kind(String title, List<ConfigEntry> read, List<ConfigEntry> hidden) {}

  private List<OutlineItem> build() {
    ModuleConfig config = system.config();
    List<String> paths =
        system.spec().configPaths().isEmpty()
            ? ConfigFiles.DEFAULT_PATHS
            : system.spec().configPaths();
    ConfigFiles files =
        new ConfigFiles(system.spec().moduleDirectory(), paths, system.overlay().snapshot());
    ModuleConfig.Builder hiddenEntries = new ModuleConfig.Builder();
    Map<String, String> hiddenBy = new HashMap<>();
    for (ConfigFiles.Hidden h : files.hidden()) {
      Optional<String> text = ConfigTexts.text(system, h.file().path());
      if (text.isPresent()) {
        ModprobeDFrontEnd.readFile(h.file().shownAs(), text.get(), hiddenEntries);
        hiddenBy.put(h.file().shownAs(), h.by().shownAs());
      }
    }
    ModuleConfig hidden = hiddenEntries.build();
    List<OutlineItem> groups = new ArrayList<>();
    List<Kind> kinds =
        List.of(
            new Kind("Aliases", List.copyOf(config.aliases()), List.copyOf(hidden.aliases())),
            new Kind("Options", List.copyOf(config.options()), List.copyOf(hidden.options())),
            new Kind(
                "Install commands", List.copyOf(config.installs()), List.copyOf(hidden.installs())),
            new Kind(
                "Remove commands", List.copyOf(config.removes()), List.copyOf(hidden.removes())),
            new Kind("Blacklist", List.copyOf(config.blacklist()), List.copyOf(hidden.blacklist())),
            new Kind("Softdeps", List.copyOf(config.softdeps()), List.copyOf(hidden.softdeps())));
    for (Kind k : kinds) {
      List<OutlineItem> items = new ArrayList<>();
      // kmod takes the first install, remove and softdep of a name (libkmod's lookups stop there)
      boolean firstWins = !k.read().isEmpty() && firstWins(k.read().get(0));
      Map<String, Origin> winner = new HashMap<>();
      for (ConfigEntry e : k.read()) {
        Origin first = firstWins ? winner.putIfAbsent(e.name(), e.origin()) : null;
        items.add(
            entry(
                e,
                first == null,
                first == null ? "" : "not applied: the earlier line " + shown(first) + " wins"));
      }
      for (ConfigEntry e : k.hidden()) {
        items.add(
            entry(
                e, false, "not applied: the file is hidden by " + hiddenBy.get(e.origin().file())));
      }
      if (!items.isEmpty()) {
        groups.add(OutlineItem.group(k.title(), items));
      }
    }
    List<OutlineItem> fileItems = new ArrayList<>();
    for (ConfigFiles.ConfigFile f : files.files()) {
      if (ConfigTexts.text(system, f.path()).isPresent()) {
        fileItems.add(file(f, true, ""));
      }
    }
    for (ConfigFiles.Hidden h : files.hidden()) {
      fileItems.add(file(h.file(), false, "not read: hidden by " + h.by().shownAs()));
    }
    if (!fileItems.isEmpty()) {
      groups.add(OutlineItem.group("Files", fileItems));
    }
    return groups;
  }

  private static boolean firstWins(ConfigEntry e) {
    return e instanceof ConfigEntry.Install
        || e instanceof ConfigEntry.Remove
        || e instanceof ConfigEntry.Softdep;
  }

  private OutlineItem entry(ConfigEntry e, boolean applied, String note) {
    return new OutlineItem(
        OutlineItem.Kind.ENTRY,
        text(e),
        Optional.of(e.name()),
        shown(e.origin()),
        ConfigTexts.place(system, e.origin()),
        applied,
        note,
        List.of());
  }

  private OutlineItem file(ConfigFiles.ConfigFile f, boolean read, String note) {
    Path p = f.path().toAbsolutePath().normalize();
    return new OutlineItem(
        OutlineItem.Kind.FILE,
        f.shownAs(),
        Optional.empty(),
        f.shownAs(),
        ConfigTexts.place(system, new Origin(p.toString(), 1)),
        read,
        note,
        List.of());
  }

  /** The entry as {@code modprobe -c} prints it. */
  static String text(ConfigEntry e) {
    if (e instanceof ConfigEntry.Alias a) {
      return "alias " + a.name() + " " + a.module();
    } else if (e instanceof ConfigEntry.Options o) {
      return "options " + o.name() + " " + o.options();
    } else if (e instanceof ConfigEntry.Install i) {
      return "install " + i.name() + " " + i.command();
    } else if (e instanceof ConfigEntry.Remove r) {
      return "remove " + r.name() + " " + r.command();
    } else if (e instanceof ConfigEntry.Blacklist b) {
      return "blacklist " + b.name();
    } else if (e instanceof ConfigEntry.Softdep s) {
      // the words as written, not kmod 30's -c rendering (which runs "pre:" lists into "post:")
      return "softdep "
          + s.name()
          + (s.pre().isEmpty() ? "" : " pre: " + String.join(" ", s.pre()))
          + (s.post().isEmpty() ? "" : " post: " + String.join(" ", s.post()));
    }
    return e.name();
  }

  /** An origin as {@code modprobe -c --sources} writes it: {@code FILE:LINE}, or the file alone. */
  static String shown(Origin o) {
    return o.line() == 0 ? o.file() : o.file() + ":" + o.line();
  }
}
