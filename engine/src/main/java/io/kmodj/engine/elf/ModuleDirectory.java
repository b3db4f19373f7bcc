package io.kmodj.engine.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a module name or alias into modules, from the text indexes of one {@code
 * lib/modules/VERSION} directory, in the order of kmod's {@code kmod_module_new_from_lookup}
 * (without configuration): modules.dep names, {@code symbol:} aliases of modules.symbols,
 * modules.alias patterns, modules.builtin names, and aliases of modules.builtin.modinfo. The first
 * source that finds anything answers. Each file is read once, when first needed.
 */
public final class ModuleDirectory {
  /**
   * A module found by a lookup.
   *
   * @param name the module name
   * @param file its file as kmod names it ({@code DIRNAME/RELPATH}), empty for a builtin module (or
   *     one that modules.dep does not list)
   * @param builtinAlias true when found through a builtin module's alias in
   *     modules.builtin.modinfo: builtin, as kmod marks it, though modules.builtin may not list it
   */
  public record Found(String name, Optional<String> file, boolean builtinAlias) {
    /**
     * A module found in modules.dep, modules.alias, modules.symbols or modules.builtin.
     *
     * @param name the module name
     * @param file its file, empty when modules.dep does not list it
     */
    public Found(String name, Optional<String> file) {
      this(name, file, false);
    }
  }

  private static final Pattern BLANKS = Pattern.compile("[\t ]+");

  private final String dirname;
  private final Path dir;
  private Map<String, String> deps;
  private List<String[]> aliases;
  private List<String[]> symbols;
  private List<String> builtins;
  private List<String> builtinModinfo;

  /**
   * Opens a module directory.
   *
   * @param dirname {@code ROOT/lib/modules/VERSION}, absolute, spelt as kmod spells it (a root
   *     given with a trailing slash keeps its double slash in every file name kmod prints)
   */
  public ModuleDirectory(String dirname) {
    this.dirname = dirname;
    this.dir = Path.of(dirname);
  }

  /**
   * Builds kmod's directory name from a root and a kernel version, made absolute from the working
   * directory as kmod's {@code path_make_absolute_cwd} does (without normalizing).
   *
   * @param root the root ({@code -b}), "" for none
   * @param version the kernel version
   * @return {@code ROOT/lib/modules/VERSION}, absolute
   */
  public static String dirname(String root, String version) {
    return absolute(root + "/lib/modules/" + version);
  }

  /**
   * Makes a path absolute from the working directory as kmod does: an absolute path is kept as it
   * is, a relative one is appended to the working directory.
   *
   * @param path the path
   * @return the absolute path
   */
  public static String absolute(String path) {
    if (path.startsWith("/")) {
      return path;
    }
    return System.getProperty("user.dir") + "/" + path;
  }

  /**
   * Returns the directory.
   *
   * @return {@code ROOT/lib/modules/VERSION}
   */
  public String dirname() {
    return dirname;
  }

  /**
   * Looks a name or alias up as {@code modinfo NAME} does.
   *
   * @param alias the name or alias as given
   * @return the modules, empty when nothing matches; empty optional when the alias is invalid (an
   *     unmatched bracket)
   */
  public Optional<List<Found>> lookup(String alias) {
    Optional<String> normalized = normalize(alias);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    String name = normalized.get();
    if (name.indexOf(':') < 0 && deps().containsKey(name)) {
      return Optional.of(List.of(new Found(name, Optional.of(deps().get(name)))));
    }
    if (name.startsWith("symbol:")) {
      List<Found> found = matching(symbols(), name);
      if (!found.isEmpty()) {
        return Optional.of(found);
      }
    }
    List<Found> found = matching(aliases(), name);
    if (!found.isEmpty()) {
      return Optional.of(found);
    }
    return Optional.of(lookupBuiltin(name, true));
  }

  /**
   * Looks a module name up as {@code modinfo -m NAME} does: the name normalized (up to its first
   * dot, dashes made underscores), then modules.dep, builtins, builtin aliases.
   *
   * @param modname the module name
   * @return the modules, empty when nothing matches
   */
  public List<Found> lookupName(String modname) {
    String name = KernelModule.nameOf(modname.replace('/', '_'));
    if (deps().containsKey(name)) {
      return List.of(new Found(name, Optional.of(deps().get(name))));
    }
    return lookupBuiltin(name, true);
  }

  private List<Found> lookupBuiltin(String name, boolean aliasesToo) {
    if (builtins().contains(name)) {
      return List.of(new Found(name, Optional.empty()));
    }
    List<Found> out = new ArrayList<>();
    if (aliasesToo) {
      for (String s : builtinModinfo()) {
        int dot = s.indexOf('.');
        if (dot > 0 && s.startsWith("alias=", dot + 1)) {
          Optional<String> pattern = normalize(s.substring(dot + 7));
          if (pattern.isPresent() && Fnmatch.matches(pattern.get(), name)) {
            out.add(new Found(s.substring(0, dot), Optional.empty(), true));
          }
        }
      }
    }
    return out;
  }

  /**
   * Tells whether modules.builtin lists a module.
   *
   * @param name the module name
   * @return true for a builtin module
   */
  public boolean isBuiltin(String name) {
    return builtins().contains(name);
  }

  /**
   * Returns the file modules.dep gives for a module.
   *
   * @param name the module name
   * @return the file, if listed
   */
  public Optional<String> fileOf(String name) {
    return Optional.ofNullable(deps().get(name));
  }

  /**
   * Returns the modinfo of a builtin module from modules.builtin.modinfo: the first run of {@code
   * NAME.key=value} strings (kmod's {@code kmod_builtin_get_modinfo}).
   *
   * @param name the module name
   * @return the entries; ENOENT without the file, ENOSYS when the module is not in it
   */
  public Outcome<List<ModinfoEntry>> builtinInfo(String name) {
    Path file = dir.resolve("modules.builtin.modinfo");
    if (!Files.isRegularFile(file)) {
      return Outcome.failed(new ModuleError(file, Errno.ENOENT, "no modules.builtin.modinfo"));
    }
    String prefix = name + ".";
    List<ModinfoEntry> out = new ArrayList<>();
    for (String s : builtinModinfo()) {
      if (s.startsWith(prefix)) {
        out.add(ModinfoEntry.parse(s.substring(prefix.length())));
      } else if (!out.isEmpty()) {
        break;
      }
    }
    if (out.isEmpty()) {
      return Outcome.failed(new ModuleError(file, Errno.ENOSYS, name + " is not listed"));
    }
    return Outcome.ok(List.copyOf(out));
  }

  private List<Found> matching(List<String[]> index, String name) {
    List<Found> out = new ArrayList<>();
    for (String[] entry : index) {
      if (Fnmatch.matches(entry[0], name)) {
        out.add(new Found(entry[1], fileOf(entry[1])));
      }
    }
    return out;
  }

  /**
   * Normalizes an alias as kmod's {@code alias_normalize}: dashes become underscores outside
   * brackets.
   *
   * @param alias the alias
   * @return the normalized alias, or empty for an unmatched bracket
   */
  public static Optional<String> normalize(String alias) {
    StringBuilder sb = new StringBuilder(alias.length());
    for (int i = 0; i < alias.length(); i++) {
      char c = alias.charAt(i);
      if (c == '-') {
        sb.append('_');
      } else if (c == ']') {
        return Optional.empty();
      } else if (c == '[') {
        int close = alias.indexOf(']', i);
        if (close < 0) {
          return Optional.empty();
        }
        sb.append(alias, i, close + 1);
        i = close;
      } else {
        sb.append(c);
      }
    }
    return Optional.of(sb.toString());
  }

  private Map<String, String> deps() {
    if (deps == null) {
      deps = new LinkedHashMap<>();
      for (String line : lines("modules.dep")) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String path = line.substring(0, colon);
        String file = path.startsWith("/") ? path : dirname + "/" + path;
        deps.putIfAbsent(KernelModule.nameOf(path), file);
      }
    }
    return deps;
  }

  private List<String[]> aliases() {
    if (aliases == null) {
      aliases = aliasLines("modules.alias");
    }
    return aliases;
  }

  private List<String[]> symbols() {
    if (symbols == null) {
      symbols = aliasLines("modules.symbols");
    }
    return symbols;
  }

  private List<String> builtins() {
    if (builtins == null) {
      builtins = new ArrayList<>();
      for (String line : lines("modules.builtin")) {
        if (!line.isBlank()) {
          builtins.add(KernelModule.nameOf(line.trim()));
        }
      }
    }
    return builtins;
  }

  private List<String> builtinModinfo() {
    if (builtinModinfo == null) {
      builtinModinfo = new ArrayList<>();
      try {
        byte[] all = Files.readAllBytes(dir.resolve("modules.builtin.modinfo"));
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
          if (i == all.length || all[i] == 0) {
            if (i > start) {
              builtinModinfo.add(new String(all, start, i - start, StandardCharsets.ISO_8859_1));
            }
            start = i + 1;
          }
        }
      } catch (IOException e) {
        // no builtin modinfo: kmod treats it as an old kernel
        builtinModinfo = List.of();
      }
    }
    return builtinModinfo;
  }

  private List<String[]> aliasLines(String file) {
    List<String[]> out = new ArrayList<>();
    for (String line : lines(file)) {
      String[] f = BLANKS.split(line.trim(), -1);
      if (f.length >= 3 && f[0].equals("alias")) {
        Optional<String> pattern = normalize(f[1]);
        if (pattern.isPresent()) {
          out.add(new String[] {pattern.get(), f[2]});
        }
      }
    }
    return out;
  }

  private List<String> lines(String file) {
    try {
      return Files.readAllLines(dir.resolve(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      // a missing index finds nothing, as in kmod
      return List.of();
    }
  }
}
