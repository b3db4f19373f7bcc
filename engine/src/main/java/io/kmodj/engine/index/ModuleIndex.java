package io.kmodj.engine.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The module index of one kernel version, read from the text files depmod writes in {@code
 * ROOT/lib/modules/VERSION}: modules.dep, modules.alias, modules.symbols, modules.builtin,
 * modules.builtin.modinfo and modules.devname. It answers the questions libkmod asks its {@code
 * .bin} tries, with the same keys (aliases normalised) and the same value order (depmod's priority:
 * the module's line in modules.dep). Immutable once loaded; safe to share.
 */
public final class ModuleIndex {
  private final String dirname;
  private final Path directory;
  private final Map<String, DepEntry> deps;
  private final PatternTrie aliases;
  private final PatternTrie symbols;
  private final Set<String> builtins;
  private final PatternTrie builtinAliases;
  private final List<DeviceNode> deviceNodes;

  private ModuleIndex(Loader l) {
    this.dirname = l.dirname;
    this.directory = l.directory;
    this.deps = Map.copyOf(l.deps);
    this.aliases = l.aliases;
    this.symbols = l.symbols;
    this.builtins = Set.copyOf(l.builtins);
    this.builtinAliases = l.builtinAliases;
    this.deviceNodes = List.copyOf(l.devnames);
  }

  /**
   * Reads the index files of a module directory. Missing files count as empty, as libkmod treats a
   * missing optional index.
   *
   * @param dirname the directory as kmod names it in messages and paths ({@code
   *     ROOT/lib/modules/VERSION}, made absolute)
   * @return the index
   * @throws IOException if a file exists but cannot be read
   */
  public static ModuleIndex load(String dirname) throws IOException {
    return new ModuleIndex(new Loader(dirname).load());
  }

  /** The module directory as kmod prints it. */
  public String dirname() {
    return dirname;
  }

  /** The module directory. */
  public Path directory() {
    return directory;
  }

  /**
   * The modules.dep line of a module (libkmod's {@code kmod_search_moddep}).
   *
   * @param name a normalised module name
   * @return the entry, if the module is in modules.dep
   */
  public Optional<DepEntry> dependencies(String name) {
    return Optional.ofNullable(deps.get(name));
  }

  /** The names of the modules of modules.dep, in its order. */
  public List<String> moduleNames() {
    List<DepEntry> all = new ArrayList<>(deps.values());
    all.sort(java.util.Comparator.comparingInt(DepEntry::order));
    List<String> names = new ArrayList<>(all.size());
    for (DepEntry e : all) {
      names.add(e.name());
    }
    return names;
  }

  /** Number of modules in modules.dep. */
  public int moduleCount() {
    return deps.size();
  }

  /** The aliases of modules.alias, keys normalised as depmod stores them. */
  public PatternTrie aliases() {
    return aliases;
  }

  /** The {@code symbol:NAME} aliases of modules.symbols. */
  public PatternTrie symbols() {
    return symbols;
  }

  /** Whether modules.builtin lists a module of this name. */
  public boolean isBuiltin(String name) {
    return builtins.contains(name);
  }

  /** The {@code alias=} entries of modules.builtin.modinfo, normalised. */
  public PatternTrie builtinAliases() {
    return builtinAliases;
  }

  /** The lines of modules.devname. */
  public List<DeviceNode> deviceNodes() {
    return deviceNodes;
  }

  /** The full path of a module file written in modules.dep. */
  public String absolutePath(String path) {
    return path.startsWith("/") ? path : dirname + "/" + path;
  }

  /** Reads the files once; used by {@link #load}. */
  private static final class Loader {
    private final String dirname;
    private final Path directory;
    private final Map<String, DepEntry> deps = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final PatternTrie aliases = new PatternTrie();
    private final PatternTrie symbols = new PatternTrie();
    private final Set<String> builtins = new HashSet<>();
    private final PatternTrie builtinAliases = new PatternTrie();
    private final List<DeviceNode> devnames = new ArrayList<>();

    Loader(String dirname) {
      this.dirname = Objects.requireNonNull(dirname, "dirname");
      this.directory = Path.of(dirname);
    }

    Loader load() throws IOException {
      readDeps();
      readAliases("modules.alias", aliases, true);
      readAliases("modules.symbols", symbols, false);
      readBuiltins();
      readBuiltinModinfo();
      readDevnames();
      return this;
    }

    private List<String> lines(String file) throws IOException {
      Path p = directory.resolve(file);
      if (!Files.isRegularFile(p)) {
        return List.of();
      }
      return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
    }

    private void readDeps() throws IOException {
      int n = 0;
      for (String line : lines("modules.dep")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String path = line.substring(0, colon);
        String name = ModuleNames.fromPath(path);
        List<String> list = new ArrayList<>();
        for (String d : line.substring(colon + 1).split("[ \t]+", -1)) {
          if (!d.isEmpty()) {
            list.add(d);
          }
        }
        int idx = n++;
        // the first line of a name wins, as the lowest priority does in modules.dep.bin
        if (deps.putIfAbsent(name, new DepEntry(name, path, list, idx)) == null) {
          order.put(name, idx);
        }
      }
    }

    private void readAliases(String file, PatternTrie into, boolean normalize) throws IOException {
      for (String line : lines(file)) {
        if (!line.startsWith("alias ")) {
          continue;
        }
        String[] w = line.substring(6).trim().split("[ \t]+", -1);
        if (w.length < 2) {
          continue;
        }
        String key = w[0];
        if (normalize) {
          // depmod skips an alias with unmatched brackets when it writes modules.alias.bin
          Optional<String> k = ModuleNames.normalizeAlias(key);
          if (k.isEmpty()) {
            continue;
          }
          key = k.get();
        }
        into.add(key, w[1], order.getOrDefault(w[1], Integer.MAX_VALUE));
      }
    }

    private void readBuiltins() throws IOException {
      for (String line : lines("modules.builtin")) {
        // depmod: a line not starting with a letter is invalid
        if (line.isEmpty() || !Character.isLetter(line.charAt(0)) || line.charAt(0) > 127) {
          continue;
        }
        builtins.add(ModuleNames.fromPath(line));
      }
    }

    private void readBuiltinModinfo() throws IOException {
      Path p = directory.resolve("modules.builtin.modinfo");
      if (!Files.isRegularFile(p)) {
        return;
      }
      String all = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
      for (String rec : all.split("\0", -1)) {
        int dot = rec.indexOf('.');
        int eq = rec.indexOf('=');
        if (dot <= 0 || eq < dot || !rec.startsWith("alias", dot + 1) || eq != dot + 6) {
          continue;
        }
        String value = rec.substring(eq + 1);
        if (value.isEmpty()) {
          continue;
        }
        Optional<String> alias = ModuleNames.normalizeAlias(value);
        alias.ifPresent(a -> builtinAliases.add(a, rec.substring(0, dot), 0));
      }
    }

    private void readDevnames() throws IOException {
      for (String line : lines("modules.devname")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] w = line.trim().split("[ \t]+", -1);
        if (w.length < 3 || w[2].length() < 4) {
          continue;
        }
        String[] mm = w[2].substring(1).split(":", -1);
        try {
          devnames.add(
              new DeviceNode(
                  w[0], w[1], w[2].charAt(0), Integer.parseInt(mm[0]), Integer.parseInt(mm[1])));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          // depmod never writes such a line; skip it as kmod skips what it cannot parse
        }
      }
    }
  }
}
