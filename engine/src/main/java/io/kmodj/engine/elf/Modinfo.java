package io.kmodj.engine.elf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kmod 30's {@code modinfo}: prints the {@code .modinfo} of modules named by file, name or alias,
 * byte for byte as kmod does (field padding, {@code parm} lines joined with their {@code parmtype}
 * in kmod's reverse order, builtin modules, error messages).
 */
public final class Modinfo {
  /**
   * What to print.
   *
   * @param field print only this field's values ({@code -F}, {@code -a}, …), or every field
   * @param nul end records with NUL instead of newline ({@code -0})
   * @param byModname treat arguments as module names only ({@code -m})
   */
  public record Options(Optional<String> field, boolean nul, boolean byModname) {}

  private final ModuleDirectory dir;
  private final Options options;
  private final OutputStream out;
  private final OutputStream err;
  private final char sep;
  private boolean json;
  private final List<Map<String, Object>> collected = new ArrayList<>();

  /**
   * Prepares a modinfo run.
   *
   * @param dir the module directory names and aliases are looked up in
   * @param options what to print
   * @param out standard output (bytes are written as they are in the modules)
   * @param err standard error
   */
  public Modinfo(ModuleDirectory dir, Options options, OutputStream out, OutputStream err) {
    this.dir = dir;
    this.options = options;
    this.out = out;
    this.err = err;
    this.sep = options.nul() ? '\0' : '\n';
  }

  /**
   * Prints the modules named by the arguments.
   *
   * @param args module files, names or aliases (each char one byte, ISO-8859-1)
   * @return 0, or 1 when any argument failed
   */
  public int run(List<String> args) {
    return run(args, false);
  }

  /**
   * Writes the modules named by the arguments as one JSON document
   * (docs/schema/modinfo.schema.json): each module's name, file (null for a builtin), its {@code
   * .modinfo} fields in file order ({@code parm} and {@code parmtype} left out) and its parameters
   * in order of first mention. Errors are reported as {@link #run(List)} reports them. The field
   * and {@code -0} options do not apply.
   *
   * @param args module files, names or aliases (each char one byte, ISO-8859-1)
   * @return 0, or 1 when any argument failed
   */
  public int runJson(List<String> args) {
    return run(args, true);
  }

  private int run(List<String> args, boolean asJson) {
    this.json = asJson;
    if (args.isEmpty()) {
      error("missing module or filename.");
      return 1;
    }
    boolean failed = false;
    for (String arg : args) {
      if (!one(arg)) {
        failed = true;
      }
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("modules", collected);
      try {
        print(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc)
                + "\n");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of strings always serialises", e);
      }
    }
    flush();
    return failed ? 1 : 0;
  }

  private boolean collect(ModuleDirectory.Found module) {
    Outcome<List<ModinfoEntry>> info = info(module);
    boolean builtin = module.file().isEmpty();
    if (info instanceof Outcome.Failed<List<ModinfoEntry>> f
        && !(builtin && f.error().errno() == Errno.ENOENT)) {
      error("could not get modinfo from '" + module.name() + "': " + f.error().errno().text());
      return false;
    }
    List<ModinfoEntry> entries = info.orElse(List.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", module.name());
    m.put("filename", module.file().orElse(null));
    List<Map<String, String>> fields = new ArrayList<>();
    for (ModinfoEntry e : entries) {
      if (!e.key().equals("parm") && !e.key().equals("parmtype")) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("key", e.key());
        kv.put("value", e.value());
        fields.add(kv);
      }
    }
    m.put("fields", fields);
    List<Map<String, Object>> parameters = new ArrayList<>();
    params(entries)
        .forEach(
            (name, dt) -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("name", name);
              p.put("description", dt[0]);
              p.put("type", dt[1]);
              parameters.add(p);
            });
    m.put("parameters", parameters);
    collected.add(m);
    return true;
  }

  private boolean one(String arg) {
    if (options.byModname()) {
      List<ModuleDirectory.Found> found = dir.lookupName(arg);
      if (found.isEmpty()) {
        error("Module name " + arg + " not found.");
        return false;
      }
      return show(found.get(0));
    }
    if (isModuleFile(arg)) {
      String file = ModuleDirectory.absolute(arg);
      return show(new ModuleDirectory.Found(KernelModule.nameOf(file), Optional.of(file)));
    }
    Optional<List<ModuleDirectory.Found>> found = dir.lookup(arg);
    if (found.isEmpty()) {
      error("Module alias " + arg + " not found.");
      return false;
    }
    if (found.get().isEmpty()) {
      error("Module " + arg + " not found.");
      return false;
    }
    boolean ok = true;
    for (ModuleDirectory.Found f : found.get()) {
      ok &= show(f);
    }
    return ok;
  }

  private static boolean isModuleFile(String arg) {
    try {
      return KernelModule.hasModuleExtension(arg) && Files.isRegularFile(Path.of(arg));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private boolean show(ModuleDirectory.Found module) {
    if (json) {
      return collect(module);
    }
    String field = options.field().orElse(null);
    boolean builtin = module.file().isEmpty();
    if (builtin) {
      if (field == null) {
        print(pad16("name:") + module.name() + sep);
      } else if (field.equals("name")) {
        print(module.name() + sep);
      }
    }
    String filename = module.file().orElse("(builtin)");
    if ("filename".equals(field)) {
      print(filename + sep);
      return true;
    } else if (field == null) {
      print(pad16("filename:") + filename + sep);
    }
    Outcome<List<ModinfoEntry>> info = info(module);
    if (info instanceof Outcome.Failed<List<ModinfoEntry>> f) {
      if (builtin && f.error().errno() == Errno.ENOENT) {
        return true; // an old kernel without modules.builtin.modinfo
      }
      error("could not get modinfo from '" + module.name() + "': " + f.error().errno().text());
      return false;
    }
    List<ModinfoEntry> entries = info.orElse(List.of());
    if ("parm".equals(field)) {
      printParams(params(entries), false);
      return true;
    }
    Map<String, String[]> params = new LinkedHashMap<>();
    for (ModinfoEntry e : entries) {
      if (field != null) {
        if (field.equals(e.key())) {
          print(e.value() + sep);
        }
        continue;
      }
      if (e.key().equals("parm") || e.key().equals("parmtype")) {
        addParam(params, e);
        continue;
      }
      if (options.nul()) {
        print(e.key() + "=" + e.value() + sep);
      } else {
        // printf("%s:%-*s", key, 15 - keylen, ""): a negative width pads just the same
        print(e.key() + ":" + " ".repeat(Math.abs(15 - e.key().length())) + e.value() + sep);
      }
    }
    if (field == null) {
      printParams(params, true);
    }
    return true;
  }

  private Outcome<List<ModinfoEntry>> info(ModuleDirectory.Found module) {
    if (dir.isBuiltin(module.name()) || module.file().isEmpty()) {
      if (!dir.isBuiltin(module.name()) && !module.builtinAlias()) {
        return Outcome.failed(
            new ModuleError(Path.of(module.name()), Errno.ENOENT, "module has no file"));
      }
      return dir.builtinInfo(module.name());
    }
    Path file;
    try {
      file = Path.of(module.file().get());
    } catch (java.nio.file.InvalidPathException e) {
      return Outcome.failed(new ModuleError(Path.of(module.name()), Errno.ENOENT, e.getMessage()));
    }
    Outcome<KernelModule> read = ModuleReader.read(file);
    if (read instanceof Outcome.Failed<KernelModule> f) {
      return Outcome.failed(f.error());
    }
    return ((Outcome.Ok<KernelModule>) read).value().info();
  }

  private Map<String, String[]> params(List<ModinfoEntry> entries) {
    Map<String, String[]> params = new LinkedHashMap<>();
    for (ModinfoEntry e : entries) {
      if (e.key().equals("parm") || e.key().equals("parmtype")) {
        addParam(params, e);
      }
    }
    return params;
  }

  // {description, type} per parameter name, in order of first appearance
  private void addParam(Map<String, String[]> params, ModinfoEntry e) {
    int colon = e.value().indexOf(':');
    if (colon < 0) {
      error("Found invalid \"" + e.key() + "=" + e.value() + "\": missing ':'");
      return;
    }
    String[] p = params.computeIfAbsent(e.value().substring(0, colon), k -> new String[2]);
    p[e.key().equals("parm") ? 0 : 1] = e.value().substring(colon + 1);
  }

  // kmod keeps parameters in a list it prepends to, so they come out last-seen-name first
  private void printParams(Map<String, String[]> params, boolean labelled) {
    List<Map.Entry<String, String[]>> list = List.copyOf(params.entrySet());
    for (int i = list.size() - 1; i >= 0; i--) {
      String name = list.get(i).getKey();
      String desc = list.get(i).getValue()[0];
      String type = list.get(i).getValue()[1];
      String label = labelled ? pad16("parm:") : "";
      if (desc == null) {
        print(label + name + (labelled ? ":" : ": (") + type + (labelled ? "" : ")") + sep);
      } else if (type != null) {
        print(label + name + ":" + desc + " (" + type + ")" + sep);
      } else {
        print(label + name + ":" + desc + sep);
      }
    }
  }

  private static String pad16(String s) {
    return s.length() >= 16 ? s : s + " ".repeat(16 - s.length());
  }

  private void print(String s) {
    try {
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void error(String message) {
    flush();
    try {
      err.write(("modinfo: ERROR: " + message + "\n").getBytes(StandardCharsets.ISO_8859_1));
      err.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
