package io.kmodj.engine.depmod;

import io.kmodj.engine.elf.KernelModule;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.elf.ModuleReader;
import io.kmodj.engine.elf.Outcome;
import io.kmodj.engine.elf.Symbol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * kmod 30's depmod over one module directory: finds the modules (search order, {@code updates}
 * first), sorts them by modules.order, resolves needed symbols to exporting modules, orders the
 * dependency graph topologically, and renders the text indexes exactly as kmod writes them.
 */
public final class Depmod {
  /**
   * What to index.
   *
   * @param dirname {@code ROOT/lib/modules/VERSION}, as kmod spells it
   * @param files modules named on the command line (absolute paths); empty to search the tree
   * @param config the depmod.d configuration (search order, excluded directories)
   * @param kernelSymbols symbols of the kernel image ({@code -F}/{@code -E}), exported by no module
   * @param checkSymvers compare CRCs with the kernel's ({@code -E})
   * @param printUnknown warn about unknown symbols ({@code -e})
   * @param symPrefix the architecture's symbol prefix ({@code -P}), 0 for none
   */
  public record Options(
      String dirname,
      List<String> files,
      DepmodConfig config,
      List<Symbol> kernelSymbols,
      boolean checkSymvers,
      boolean printUnknown,
      char symPrefix) {
    /** Copies the lists. */
    public Options {
      files = List.copyOf(files);
      kernelSymbols = List.copyOf(kernelSymbols);
    }
  }

  /** One module while depmod works on it. */
  private static final class Mod {
    final String path;
    final String relpath;
    final String uncrelpath;
    final String name;
    int sortIdx = 1;
    int depSortIdx = Integer.MAX_VALUE;
    int idx;
    int users;
    final List<Mod> deps = new ArrayList<>();
    List<ModinfoEntry> info = List.of();
    List<Symbol> needed = List.of();
    boolean hasNeeded;

    Mod(String path, String relpath, String name) {
      this.path = path;
      this.relpath = relpath;
      this.name = name;
      if (relpath == null) {
        this.uncrelpath = null;
      } else {
        int slash = relpath.lastIndexOf('/');
        this.uncrelpath =
            relpath.substring(0, Math.min(relpath.length(), slash + 1 + name.length() + 3));
      }
    }

    String shownPath() {
      return relpath != null ? relpath : path;
    }
  }

  private final Options options;
  private final Diagnostics log;
  private final KmodHashTable<Mod> byName = new KmodHashTable<>(512);
  private final KmodHashTable<Mod> byUncrelpath = new KmodHashTable<>(512);
  private final KmodHashTable<SymbolOwner> symbols = new KmodHashTable<>(2048);
  private final List<Mod> modules = new ArrayList<>();

  private record SymbolOwner(Mod owner, long crc) {}

  /**
   * Prepares a run.
   *
   * @param options what to index
   * @param log where warnings and errors go, worded as kmod's
   */
  public Depmod(Options options, Diagnostics log) {
    this.options = options;
    this.log = log;
  }

  /**
   * Computes the indexes.
   *
   * @return the text of the index files, or empty when depmod fails (a dependency cycle; the errors
   *     are in the log)
   */
  public Optional<Indexes> compute() {
    for (Symbol s : options.kernelSymbols()) {
      addSymbol(s.name(), s.crc(), null);
    }
    if (!options.kernelSymbols().isEmpty()) {
      addSymbol("__this_module", 0, null);
      addSymbol("_GLOBAL_OFFSET_TABLE_", 0, null);
      if (findSymbol("TOC.") == null) {
        addSymbol("TOC.", 0, null);
      }
    }
    if (options.files().isEmpty()) {
      search(options.dirname());
      // depmod_modules_search: then each external directory, a missing one reported and skipped
      for (String ext : options.config().externals()) {
        search(ext);
      }
    } else if (!addFiles()) {
      return Optional.empty();
    }
    byName.forEach(
        (k, m) -> {
          m.idx = modules.size();
          modules.add(m);
        });
    sortByOrder();
    loadModules();
    loadDependencies();
    if (!calculateDependencies()) {
      return Optional.empty();
    }
    return Optional.of(
        new Indexes(
            renderDeps(), renderAliases(), renderSoftdeps(), renderSymbols(), renderDevname()));
  }

  private void search(String dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(dir))) {
      for (Path entry : entries) {
        String name = String.valueOf(entry.getFileName());
        if (options.config().excludes(name)) {
          continue;
        }
        String path = dir + "/" + name;
        // one stat (following links) answers both questions
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // neither a directory nor a regular file to Files.isDirectory/isRegularFile
        }
        if (attrs.isDirectory()) {
          search(path);
        } else if (attrs.isRegularFile()) {
          searchFile(path, name);
        }
      }
    } catch (IOException e) {
      log.error("could not open directory " + dir + ": " + strerror(e));
    }
  }

  // the text of the errno opendir fails with, as %m prints it
  private static String strerror(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "Not a directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    return String.valueOf(e.getMessage());
  }

  // modules named on the command line: kmod stops at the first it cannot add
  private boolean addFiles() {
    for (String f : options.files()) {
      if (!Files.exists(Path.of(f))) {
        log.fatal("could not create module " + f + ": No such file or directory");
        return false;
      }
      Mod existing = byName.get(KernelModule.nameOf(f));
      if (existing != null && !existing.path.equals(f)) {
        log.error(
            "../libkmod/libkmod-module.c:428 kmod_module_new_from_path() kmod_module '"
                + existing.name
                + "' already exists with different path: new-path='"
                + f
                + "' old-path='"
                + existing.path
                + "'");
        log.fatal("could not create module " + f + ": File exists");
        return false;
      }
      if (!add(f)) {
        log.fatal("could not add module " + f + ": File exists");
        return false;
      }
    }
    return true;
  }

  private void searchFile(String path, String fileName) {
    if (!KernelModule.hasModuleExtension(fileName)) {
      return;
    }
    String name = KernelModule.nameOf(path);
    Mod existing = byName.get(name);
    if (existing != null) {
      if (existingIsHigherPriority(existing, path)) {
        return;
      }
      byName.remove(existing.name);
      if (existing.uncrelpath != null) {
        byUncrelpath.remove(existing.uncrelpath);
      }
    }
    add(path);
  }

  // depmod_module_is_higher_priority: overrides, then the search list of depmod.d, where the
  // external keyword stands for each external directory in turn (kmod counts them into the index)
  private boolean existingIsHigherPriority(Mod old, String newPath) {
    int newLen = newPath.lastIndexOf('/') + 1 + KernelModule.nameOf(newPath).length();
    int oldLen = old.path.lastIndexOf('/') + 1 + old.name.length();
    String relNew = priorityRelative(newPath, newLen);
    String relOld = priorityRelative(old.path, oldLen);
    for (String ov : options.config().overrides()) {
      if (ov.equals(relNew)) {
        return false;
      }
      if (ov.equals(relOld)) {
        return true;
      }
    }
    int bprio = -1;
    int newprio = -1;
    int oldprio = -1;
    int i = 0;
    for (String se : options.config().searches()) {
      if (se.equals(DepmodConfig.BUILTIN)) {
        bprio = i;
      } else if (se.equals(DepmodConfig.EXTERNAL)) {
        for (String ext : options.config().externals()) {
          if (startsWithDir(newPath, newLen, ext)) {
            newprio = i;
          }
          if (startsWithDir(old.path, oldLen, ext)) {
            oldprio = i;
          }
          i++;
        }
      } else if (relNew != null && relNew.startsWith(se + "/")) {
        newprio = i;
      } else if (relOld != null && relOld.startsWith(se + "/")) {
        oldprio = i;
      }
      i++;
    }
    if (newprio < 0) {
      newprio = bprio;
    }
    if (oldprio < 0) {
      oldprio = bprio;
    }
    return newprio <= oldprio;
  }

  // the path below the module directory, cut after the module name's length of the file name (no
  // extension); kmod tests only the directory's prefix here (strncmp), not the slash after it
  private String priorityRelative(String path, int len) {
    String dir = options.dirname();
    if (!path.startsWith(dir)) {
      return null;
    }
    return path.substring(Math.min(dir.length() + 1, len), len);
  }

  // depmod_is_path_starts_with: PATH cut at LEN lies below DIR
  private static boolean startsWithDir(String path, int len, String dir) {
    return len > dir.length() && path.charAt(dir.length()) == '/' && path.startsWith(dir);
  }

  private String relative(String path) {
    String dir = options.dirname();
    if (path.startsWith(dir) && path.length() > dir.length() && path.charAt(dir.length()) == '/') {
      return path.substring(dir.length() + 1);
    }
    return null;
  }

  private boolean add(String path) {
    Mod mod = new Mod(path, relative(path), KernelModule.nameOf(path));
    if (!byName.putUnique(mod.name, mod)) {
      log.error("hash_add_unique " + mod.name + ": File exists");
      return false;
    }
    if (mod.uncrelpath != null && !byUncrelpath.putUnique(mod.uncrelpath, mod)) {
      log.error("hash_add_unique " + mod.uncrelpath + ": File exists");
      byName.remove(mod.name);
      return false;
    }
    return true;
  }

  private void sortByOrder() {
    Path order = Path.of(options.dirname(), "modules.order");
    List<String> lines;
    try {
      byte[] bytes = Files.readAllBytes(order);
      if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        log.error(
            options.dirname()
                + "/modules.order:"
                + all.split("\n", -1).length
                + " corrupted line misses '\\n'");
        return;
      }
      lines = List.of(new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1));
    } catch (IOException e) {
      // no modules.order: the hash order stays
      log.warning(
          "could not open modules.order at " + options.dirname() + ": No such file or directory");
      return;
    }
    int count = lines.size() - 1; // the text after the last newline is empty
    int total = count + 1;
    for (int i = 0; i < count; i++) {
      Mod m = byUncrelpath.get(lines.get(i));
      if (m != null) {
        m.sortIdx = (i + 1) - total;
      }
    }
    // glibc's qsort is a stable merge sort
    modules.sort(Comparator.comparingInt(m -> m.sortIdx));
    for (int i = 0; i < modules.size(); i++) {
      modules.get(i).idx = i;
    }
  }

  private void loadModules() {
    // the files are read in parallel (each read stands alone), then taken in the modules' order,
    // so that symbols, warnings and output are as a sequential run gives them
    List<Outcome<KernelModule>> reads =
        modules.parallelStream()
            .map(m -> ModuleReader.readWithoutSignature(Path.of(m.path)))
            .toList();
    for (int i = 0; i < reads.size(); i++) {
      Mod mod = modules.get(i);
      Outcome<KernelModule> read = reads.get(i);
      if (read instanceof Outcome.Failed<KernelModule> f) {
        log.error("failed to load symbols from " + mod.path + ": " + f.error().errno().text());
        continue;
      }
      KernelModule km = ((Outcome.Ok<KernelModule>) read).value();
      if (km.exported() instanceof Outcome.Ok<List<Symbol>> ok) {
        for (Symbol s : ok.value()) {
          addSymbol(stripPrefix(s.name()), s.crc(), mod);
        }
      } else if (km.exported() instanceof Outcome.Failed<List<Symbol>> f
          && f.error().errno() != io.kmodj.engine.elf.Errno.ENOENT) {
        log.error("failed to load symbols from " + mod.path + ": " + f.error().errno().text());
      }
      mod.info = km.info().orElse(List.of());
      if (km.needed() instanceof Outcome.Ok<List<Symbol>> ok) {
        mod.needed = ok.value();
        mod.hasNeeded = !ok.value().isEmpty();
      }
    }
  }

  private String stripPrefix(String name) {
    if (!name.isEmpty() && name.charAt(0) == options.symPrefix()) {
      return name.substring(1);
    }
    return name;
  }

  private void addSymbol(String name, long crc, Mod owner) {
    symbols.put(name, new SymbolOwner(owner, crc));
  }

  private SymbolOwner findSymbol(String name) {
    String n = name;
    if (n.startsWith(".")) {
      n = n.substring(1); // PPC64: .foo == foo
    }
    return symbols.get(stripPrefix(n));
  }

  private void loadDependencies() {
    for (Mod mod : modules) {
      if (!mod.hasNeeded) {
        continue;
      }
      for (Symbol s : mod.needed) {
        SymbolOwner sym = findSymbol(s.name());
        boolean weak = s.bind() == Symbol.Bind.WEAK;
        if (sym == null) {
          if (options.printUnknown() && !weak) {
            log.warning(mod.path + " needs unknown symbol " + s.name());
          }
          continue;
        }
        if (options.checkSymvers() && options.printUnknown() && sym.crc() != s.crc() && !weak) {
          log.warning(mod.path + " disagrees about version of symbol " + s.name());
        }
        Mod owner = sym.owner();
        if (owner == null || mod.deps.contains(owner)) {
          continue;
        }
        mod.deps.add(owner);
        owner.users++;
      }
    }
  }

  private boolean calculateDependencies() {
    int n = modules.size();
    int[] users = new int[n];
    int[] roots = new int[n];
    int nRoots = 0;
    for (int i = 0; i < n; i++) {
      users[i] = modules.get(i).users;
      if (users[i] == 0) {
        roots[nRoots++] = i;
      }
    }
    int sorted = 0;
    // a stack: the last root found is taken first, as kmod
    while (nRoots > 0) {
      Mod src = modules.get(roots[--nRoots]);
      src.depSortIdx = sorted++;
      for (Mod dst : src.deps) {
        if (--users[dst.idx] == 0) {
          roots[nRoots++] = dst.idx;
        }
      }
    }
    if (sorted < n) {
      new CycleReport(modules, users, log).report();
      return false;
    }
    for (Mod m : modules) {
      m.deps.sort(Comparator.comparingInt(d -> d.depSortIdx));
    }
    return true;
  }

  private String renderDeps() {
    StringBuilder sb = new StringBuilder();
    for (Mod mod : modules) {
      depLine(mod, sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  // "PATH: DEP DEP", the dependencies in topological order
  private static void depLine(Mod mod, StringBuilder sb) {
    sb.append(mod.shownPath()).append(':');
    if (!mod.deps.isEmpty()) {
      Set<Mod> all = new LinkedHashSet<>();
      collect(mod, all);
      List<Mod> list = new ArrayList<>(all);
      list.sort(Comparator.comparingInt(d -> d.depSortIdx));
      for (Mod d : list) {
        sb.append(' ').append(d.shownPath());
      }
    }
  }

  /**
   * Renders the binary indexes kmod writes beside the text ones (not printed with {@code -n}), in
   * kmod's order: modules.dep.bin, modules.alias.bin, modules.symbols.bin, modules.builtin.bin,
   * modules.builtin.alias.bin. The last two are empty when the kernel's modules.builtin or
   * modules.builtin.modinfo is missing (kmod then warns and writes an empty file). Call after a
   * successful {@link #compute()}.
   *
   * @return the files
   */
  public List<Indexes.Binary> binaryIndexes() {
    return binaryIndexes(false);
  }

  /**
   * Renders the binary indexes, as {@link #binaryIndexes()}, warning as kmod's {@code -w} does of a
   * module name, alias or symbol that holds the same value twice.
   *
   * @param warnDups whether to warn of duplicates
   * @return the files
   */
  public List<Indexes.Binary> binaryIndexes(boolean warnDups) {
    this.warnDups = warnDups;
    return List.of(
        new Indexes.Binary("modules.dep.bin", renderDepsBin()),
        new Indexes.Binary("modules.alias.bin", renderAliasesBin()),
        new Indexes.Binary("modules.symbols.bin", renderSymbolsBin()),
        new Indexes.Binary("modules.builtin.bin", renderBuiltinBin()),
        new Indexes.Binary("modules.builtin.alias.bin", renderBuiltinAliasBin()));
  }

  // kmod keeps a module's index in a uint16_t
  private static int priority(Mod mod) {
    return mod.idx & 0xFFFF;
  }

  private boolean warnDups;

  private boolean insert(BinaryIndex index, String key, String value, int priority) {
    for (String s : new String[] {key, value}) {
      if (!BinaryIndex.isAscii(s)) {
        log.error("Module index: bad character - only 7-bit ASCII is supported: " + s);
        return false;
      }
    }
    return index.insert(key, value, priority);
  }

  private byte[] renderDepsBin() {
    BinaryIndex index = new BinaryIndex();
    StringBuilder sb = new StringBuilder();
    for (Mod mod : modules) {
      sb.setLength(0);
      depLine(mod, sb);
      if (insert(index, mod.name, sb.toString(), priority(mod)) && warnDups) {
        log.warning("duplicate module deps:\n" + sb);
      }
    }
    return index.toBytes();
  }

  private byte[] renderAliasesBin() {
    BinaryIndex index = new BinaryIndex();
    for (Mod mod : modules) {
      for (ModinfoEntry e : mod.info) {
        if (!e.key().equals("alias")) {
          continue;
        }
        String alias = normalizeAlias(e.value());
        if (alias == null) {
          log.warning("Unmatched bracket in " + e.value());
          continue;
        }
        if (insert(index, alias, mod.name, priority(mod)) && warnDups) {
          log.warning("duplicate module alias:\n" + alias + " " + mod.name);
        }
      }
    }
    return index.toBytes();
  }

  private byte[] renderSymbolsBin() {
    BinaryIndex index = new BinaryIndex();
    symbols.forEach(
        (name, sym) -> {
          if (sym.owner() != null) {
            String key = "symbol:" + name;
            if (insert(index, key, sym.owner().name, priority(sym.owner())) && warnDups) {
              log.warning("duplicate module syms:\n" + key + " " + sym.owner().name);
            }
          }
        });
    return index.toBytes();
  }

  private byte[] readOrWarn(String file) {
    try {
      return Files.readAllBytes(Path.of(options.dirname(), file));
    } catch (IOException e) {
      log.warning(
          "could not open " + file + " at " + options.dirname() + ": No such file or directory");
      return null;
    }
  }

  private byte[] renderBuiltinBin() {
    byte[] bytes = readOrWarn("modules.builtin");
    if (bytes == null) {
      return new byte[0];
    }
    BinaryIndex index = new BinaryIndex();
    String all = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (at < all.length()) {
      int nl = all.indexOf('\n', at);
      int end = nl < 0 ? all.length() : nl + 1; // fgets keeps the newline
      String line = all.substring(at, end);
      at = end;
      char c = line.charAt(0);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        log.error("Invalid modules.builtin line: " + line);
        continue;
      }
      String base = line.substring(line.lastIndexOf('/') + 1);
      if (base.isEmpty()) {
        continue;
      }
      insert(index, normalizeModname(base), "", 0);
    }
    return index.toBytes();
  }

  // modname_normalize: dashes to underscores, cut at the first '.'
  private static String normalizeModname(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.' || c == '\0') {
        break;
      }
      sb.append(c == '-' ? '_' : c);
    }
    return sb.toString();
  }

  /**
   * kmod's {@code alias_normalize}: dashes become underscores except inside brackets.
   *
   * @param alias the alias
   * @return the normalized alias, or null for an unmatched bracket
   */
  static String normalizeAlias(String alias) {
    StringBuilder sb = new StringBuilder(alias.length());
    for (int i = 0; i < alias.length(); i++) {
      char c = alias.charAt(i);
      switch (c) {
        case '-' -> sb.append('_');
        case ']' -> {
          return null;
        }
        case '[' -> {
          int close = alias.indexOf(']', i);
          if (close < 0) {
            return null;
          }
          sb.append(alias, i, close + 1);
          i = close;
        }
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private byte[] renderBuiltinAliasBin() {
    byte[] in = readOrWarn("modules.builtin.modinfo");
    if (in == null) {
      return new byte[0];
    }
    BinaryIndex index = new BinaryIndex();
    // modname.key=value\0, read as kmod's flush_stream_to does
    int[] pos = {0};
    while (pos[0] < in.length) {
      String modname = readTo(in, pos, '.');
      if (modname.isEmpty()) {
        continue;
      }
      String key = readTo(in, pos, '=');
      if (!key.equals("alias")) {
        skipTo(in, pos);
        continue;
      }
      String value = readTo(in, pos, '\0');
      if (value.isEmpty()) {
        continue;
      }
      String alias = normalizeAlias(value);
      if (alias == null) {
        log.warning("Unmatched bracket in " + value);
        continue;
      }
      insert(index, alias, modname, 0);
    }
    return index.toBytes();
  }

  private static final int PATH_MAX = 4096;

  // flush_stream_to: the bytes before END; empty when a NUL or the end came first
  private String readTo(byte[] in, int[] pos, char end) {
    StringBuilder sb = new StringBuilder();
    int c = -1;
    while (pos[0] < in.length) {
      c = in[pos[0]++] & 0xFF;
      if (c == end || c == 0 || sb.length() >= PATH_MAX) {
        break;
      }
      sb.append((char) c);
      c = -1;
    }
    if (sb.length() >= PATH_MAX) {
      log.warning("Could not flush stream: 28. Partial content: " + sb);
      sb.setLength(PATH_MAX - 1);
    }
    return c == end ? sb.toString() : "";
  }

  // flush_stream: past the next NUL
  private static void skipTo(byte[] in, int[] pos) {
    while (pos[0] < in.length && in[pos[0]++] != 0) {
      // skip
    }
  }

  private static void collect(Mod mod, Set<Mod> into) {
    for (Mod d : mod.deps) {
      if (into.add(d)) {
        collect(d, into);
      }
    }
  }

  private String renderAliases() {
    StringBuilder sb = new StringBuilder("# Aliases extracted from modules themselves.\n");
    for (Mod mod : modules) {
      for (ModinfoEntry e : mod.info) {
        if (e.key().equals("alias")) {
          sb.append("alias ").append(e.value()).append(' ').append(mod.name).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private String renderSoftdeps() {
    StringBuilder sb =
        new StringBuilder("# Soft dependencies extracted from modules themselves.\n");
    for (Mod mod : modules) {
      for (ModinfoEntry e : mod.info) {
        if (e.key().equals("softdep")) {
          sb.append("softdep ").append(mod.name).append(' ').append(e.value()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private String renderSymbols() {
    StringBuilder sb = new StringBuilder("# Aliases for symbols, used by symbol_request().\n");
    symbols.forEach(
        (name, sym) -> {
          if (sym.owner() != null) {
            sb.append("alias symbol:")
                .append(name)
                .append(' ')
                .append(sym.owner().name)
                .append('\n');
          }
        });
    return sb.toString();
  }

  private String renderDevname() {
    StringBuilder sb = new StringBuilder();
    for (Mod mod : modules) {
      String devname = null;
      char type = 0;
      long major = 0;
      long minor = 0;
      for (ModinfoEntry e : mod.info) {
        if (!e.key().equals("alias")) {
          continue;
        }
        String v = e.value();
        long[] mm;
        if (v.startsWith("devname:")) {
          devname = v.substring("devname:".length());
        } else if ((mm = DeviceNumbers.scan(v, "char-major-")) != null) {
          type = 'c';
          major = mm[0];
          minor = mm[1];
        } else if ((mm = DeviceNumbers.scan(v, "block-major-")) != null) {
          type = 'b';
          major = mm[0];
          minor = mm[1];
        }
        if (type != 0 && devname != null) {
          break;
        }
      }
      if (devname != null) {
        if (type != 0) {
          if (sb.length() == 0) {
            sb.append("# Device nodes to trigger on-demand module loading.\n");
          }
          sb.append(mod.name)
              .append(' ')
              .append(devname)
              .append(' ')
              .append(type)
              .append(major)
              .append(':')
              .append(minor)
              .append('\n');
        } else {
          log.error(
              "Module '"
                  + mod.name
                  + "' has devname ("
                  + devname
                  + ") but lacks major and minor information. Ignoring.");
        }
      }
    }
    return sb.toString();
  }

  /** Reports dependency cycles as kmod does, naming each cycle. */
  private static final class CycleReport {
    private final List<Mod> modules;
    private final int[] users;
    private final Diagnostics log;

    CycleReport(List<Mod> modules, int[] users, Diagnostics log) {
      this.modules = modules;
      this.users = users;
      this.log = log;
    }

    void report() {
      Set<Mod> inLoops = new LinkedHashSet<>();
      Set<Mod> remaining = new LinkedHashSet<>();
      for (int i = 0; i < modules.size(); i++) {
        if (users[i] > 0) {
          remaining.add(modules.get(i));
        }
      }
      for (Mod root : remaining) {
        if (inLoops.contains(root)) {
          continue;
        }
        List<Mod> path = new ArrayList<>();
        if (findCycle(root, root, path, new LinkedHashSet<>())) {
          StringBuilder sb = new StringBuilder();
          for (Mod m : path) {
            sb.append(m.name).append(" -> ");
          }
          sb.append(root.name);
          log.error("Cycle detected: " + sb);
          inLoops.addAll(path);
        }
      }
      log.error("Found " + inLoops.size() + " modules in dependency cycles!");
    }

    private boolean findCycle(Mod root, Mod at, List<Mod> path, Set<Mod> seen) {
      path.add(at);
      seen.add(at);
      for (Mod d : at.deps) {
        if (d == root) {
          return true;
        }
        if (!seen.contains(d) && findCycle(root, d, path, seen)) {
          return true;
        }
      }
      path.remove(path.size() - 1);
      return false;
    }
  }
}
