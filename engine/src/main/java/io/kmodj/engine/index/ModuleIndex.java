package io.kmodj.engine.index;

import io.kmodj.engine.cache.BinaryReader;
import io.kmodj.engine.cache.BinaryWriter;
import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.FileStamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
    this.aliases = l.aliases.freeze();
    this.symbols = l.symbols.freeze();
    this.builtins = Set.copyOf(l.builtins);
    this.builtinAliases = l.builtinAliases.freeze();
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
    Loader l = new Loader(dirname);
    l.readFiles();
    return new ModuleIndex(l.load());
  }

  /** The index files, in the order a cache entry stamps them. */
  private static final List<String> FILES =
      List.of(
          "modules.dep",
          "modules.alias",
          "modules.symbols",
          "modules.builtin",
          "modules.builtin.modinfo",
          "modules.devname");

  private static final String CACHE_KIND = "index";

  /**
   * Reads the index of a module directory as {@link #load(String)} does, from a cache entry while
   * the index files are unchanged: the entry is keyed by the directory and holds each file's stamp
   * (kind, size and CRC-32C of its content), checked against the files just read; on a miss the
   * files are parsed and the entry written anew.
   *
   * @param dirname the directory as kmod names it
   * @param cache the cache
   * @return the index
   * @throws IOException if a file exists but cannot be read
   */
  public static ModuleIndex load(String dirname, CacheStore cache) throws IOException {
    Loader l = new Loader(dirname);
    l.readFiles();
    Optional<ByteBuffer> hit = cache.read(CACHE_KIND, dirname);
    if (hit.isPresent()) {
      try {
        BinaryReader r = new BinaryReader(hit.get());
        boolean same = true;
        for (FileStamp.Content c : l.contents) {
          same &= FileStamp.readFrom(r).sameContent(c.stamp());
        }
        if (same) {
          ModuleIndex index = new ModuleIndex(l, r);
          if (r.atEnd()) {
            return index;
          }
        }
      } catch (RuntimeException e) {
        // a corrupt entry (BinaryReader.CorruptEntryException or a record refusing a value):
        // read the files instead
      }
    }
    ModuleIndex index = new ModuleIndex(l.load());
    BinaryWriter w = new BinaryWriter();
    for (FileStamp.Content c : l.contents) {
      c.stamp().writeTo(w);
    }
    index.writeTo(w);
    cache.write(CACHE_KIND, dirname, w.toByteArray());
    return index;
  }

  /** Decodes the rest of a cache entry. */
  private ModuleIndex(Loader l, BinaryReader r) {
    this.dirname = l.dirname;
    this.directory = l.directory;
    int n = r.readCount();
    Map<String, DepEntry> d = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      String name = r.readShared();
      String path = r.readString();
      List<String> list = r.readSharedList();
      d.put(name, new DepEntry(name, path, list, r.readInt()));
    }
    this.deps = Collections.unmodifiableMap(d);
    this.aliases = PatternTrie.readFrom(r);
    this.symbols = PatternTrie.readFrom(r);
    this.builtinAliases = PatternTrie.readFrom(r);
    this.builtins = Set.copyOf(r.readSharedList());
    int devices = r.readCount();
    List<DeviceNode> nodes = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) {
      nodes.add(
          new DeviceNode(
              r.readShared(), r.readString(), (char) r.readInt(), r.readInt(), r.readInt()));
    }
    this.deviceNodes = List.copyOf(nodes);
  }

  private void writeTo(BinaryWriter w) {
    List<DepEntry> all = new ArrayList<>(deps.values());
    all.sort(java.util.Comparator.comparingInt(DepEntry::order));
    w.writeInt(all.size());
    for (DepEntry e : all) {
      w.writeShared(e.name()).writeString(e.path()).writeSharedList(e.dependencies());
      w.writeInt(e.order());
    }
    aliases.writeTo(w);
    symbols.writeTo(w);
    builtinAliases.writeTo(w);
    w.writeSharedList(List.copyOf(builtins));
    w.writeInt(deviceNodes.size());
    for (DeviceNode d : deviceNodes) {
      w.writeShared(d.module()).writeString(d.node()).writeInt(d.type());
      w.writeInt(d.major()).writeInt(d.minor());
    }
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
    private final List<FileStamp.Content> contents = new ArrayList<>();

    Loader(String dirname) {
      this.dirname = Objects.requireNonNull(dirname, "dirname");
      this.directory = Path.of(dirname);
    }

    Loader load() {
      readDeps();
      readAliases("modules.alias", aliases, true);
      readAliases("modules.symbols", symbols, false);
      readBuiltins();
      readBuiltinModinfo();
      readDevnames();
      return this;
    }

    /** Reads every index file, in {@link #FILES} order. */
    void readFiles() throws IOException {
      for (String f : FILES) {
        FileStamp.Content c = FileStamp.read(directory.resolve(f));
        if (c.stamp().size() == FileStamp.UNREADABLE) {
          throw new IOException("cannot read " + directory.resolve(f));
        }
        contents.add(c);
      }
    }

    private String text(String file) {
      return new String(contents.get(FILES.indexOf(file)).bytes(), StandardCharsets.ISO_8859_1);
    }

    /** The lines of a file, split as {@code Files.readAllLines} splits them. */
    private List<String> lines(String file) {
      return text(file).lines().toList();
    }

    private void readDeps() {
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

    private void readAliases(String file, PatternTrie into, boolean normalize) {
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

    private void readBuiltins() {
      for (String line : lines("modules.builtin")) {
        // depmod: a line not starting with a letter is invalid
        if (line.isEmpty() || !Character.isLetter(line.charAt(0)) || line.charAt(0) > 127) {
          continue;
        }
        builtins.add(ModuleNames.fromPath(line));
      }
    }

    private void readBuiltinModinfo() {
      String all = text("modules.builtin.modinfo");
      if (all.isEmpty()) {
        return;
      }
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

    private void readDevnames() {
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
