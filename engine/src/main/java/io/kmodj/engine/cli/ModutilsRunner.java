package io.kmodj.engine.cli;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.PathCheck;
import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.kernel.KernelExecutor;
import io.kmodj.engine.kernel.LoadCause;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.modutils.ConfigShow;
import io.kmodj.engine.modutils.ModulesConfReader;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.modutils.ModutilsConfigCache;
import io.kmodj.engine.modutils.ModutilsModprobe;
import io.kmodj.engine.modutils.ProcModules;
import io.kmodj.engine.plan.Executor;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ShowDependsPrinter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@code kmodj modprobe --dialect modutils} as modutils 2.4.25's {@code main}: reads the
 * configuration (defaults first), then modules.dep, then dumps the configuration ({@code -c}),
 * lists modules ({@code -l}), removes ({@code -r}) or loads; exits 255 where modutils returned -1.
 */
final class ModutilsRunner {
  /** modules.dep files read by modprobes on a simulated kernel, by path and root. */
  private static final Map<List<String>, KeptDepFile> DEP_FILES = new ConcurrentHashMap<>();

  /**
   * A modules.dep's bytes, what parsing them gave, its modification time, and a check taken before
   * they were read.
   */
  private static final class KeptDepFile {
    private final byte[] bytes;
    private final DepFile24.Result result;
    private final long modifiedMillis;
    private final PathCheck check;

    KeptDepFile(byte[] bytes, DepFile24.Result result, long modifiedMillis, PathCheck check) {
      this.bytes = bytes;
      this.result = result;
      this.modifiedMillis = modifiedMillis;
      this.check = check;
    }
  }

  /**
   * The options of a modutils run.
   *
   * @param common the options shared with the kmod dialect
   * @param autoclean {@code -k}
   * @param list {@code -l}
   * @param type {@code -t TAG}
   * @param syslog {@code -s}
   * @param quiet {@code -q}
   * @param verbose {@code -v}
   * @param allowExec {@code --allow-exec}
   * @param procModules {@code --proc-modules FILE}
   * @param objname {@code -o NAME}
   */
  record Options(
      ModprobeOptions common,
      boolean autoclean,
      boolean list,
      Optional<String> type,
      boolean syslog,
      boolean quiet,
      boolean verbose,
      boolean allowExec,
      Optional<String> procModules,
      Optional<String> objname) {
    Options {
      Objects.requireNonNull(common);
      Objects.requireNonNull(type);
      Objects.requireNonNull(procModules);
      Objects.requireNonNull(objname);
    }
  }

  private static final int FAILED = 255;

  private final Options o;
  private final PrintStream out;
  private final PrintStream err;

  private final Optional<ModprobeRunner.KernelTarget> kernel;

  ModutilsRunner(Options o, PrintStream out, PrintStream err) {
    this(o, out, err, Optional.empty());
  }

  /**
   * A run that loads and removes on a simulated kernel.
   *
   * @param o the options
   * @param out standard output
   * @param err standard error
   * @param kernel the kernel (its system used when -d, -S and -C are not given)
   */
  ModutilsRunner(
      Options o, PrintStream out, PrintStream err, Optional<ModprobeRunner.KernelTarget> kernel) {
    this.o = o;
    this.out = out;
    this.err = err;
    this.kernel = kernel;
  }

  private void error(String message) {
    err.print("modprobe: " + message + "\n");
  }

  int run() {
    ModprobeOptions c = o.common();
    if (o.objname().isPresent()) {
      String problem = objnameProblem(o.objname().get(), c);
      if (problem != null) {
        error(problem);
        return 1;
      }
    }
    Optional<SystemImage> sys = kernel.map(k -> KernelSession.absolute(k.kernel().system()));
    String version =
        c.version()
            .or(() -> sys.map(SystemImage::release))
            .orElse(System.getProperty("os.version"));
    String root =
        c.root()
            .or(() -> sys.map(SystemImage::root).filter(r -> !r.isEmpty()))
            .map(r -> Path.of(r).toAbsolutePath().normalize().toString())
            .orElse("");
    if (root.equals("/")) {
      root = "";
    }
    String moduleDirectory = root + "/lib/modules/" + version;
    List<String> paths =
        c.configPaths().isEmpty() && sys.isPresent() ? sys.get().config() : c.configPaths();
    Optional<String> file = paths.isEmpty() ? Optional.empty() : Optional.of(paths.get(0));
    ModulesConfReader.Request request =
        new ModulesConfReader.Request(file, version, moduleDirectory, o.autoclean(), o.allowExec());
    // a command's own reading goes through the binary cache; a kernel's modprobe (one a request
    // of its kmod thread) uses the configuration this process read last while it still holds
    ModutilsConfig config =
        kernel.isPresent()
            ? ModutilsConfigCache.kept(request)
            : ModutilsConfigCache.read(request, CacheStore.standard());
    for (String w : config.warnings()) {
      error(w);
    }
    if (config.failed()) {
      for (String e : config.errors()) {
        error(e);
      }
      return FAILED;
    }
    DepFile24 dep;
    Path depfile = Path.of(config.depfile());
    try {
      DepFile24.Result r;
      long depTime;
      if (kernel.isPresent()) {
        KeptDepFile kept = keptDepFile(depfile, root);
        r = kept.result;
        depTime = kept.modifiedMillis;
      } else {
        r = DepFile24.read(depfile, root);
        depTime = r.error().isPresent() ? 0 : Files.getLastModifiedTime(depfile).toMillis();
      }
      if (r.error().isPresent()) {
        error(r.error().get());
        return FAILED;
      }
      dep = r.depFile().orElseThrow();
      if (config.newestConfigMillis() > depTime) {
        out.print("Note: " + config.lastConfigFile() + " is more recent than " + depfile + "\n");
      }
    } catch (NoSuchFileException e) {
      error("Can't open dependencies file " + depfile + " (No such file or directory)");
      return FAILED;
    } catch (IOException e) {
      error("Can't open dependencies file " + depfile + " (" + e.getMessage() + ")");
      return FAILED;
    }
    if (c.showConfig()) {
      new ConfigShow(config).writeTo(out);
      return 0;
    }
    LoadedModules loaded = LoadedModules.none();
    if (kernel.isPresent()) {
      loaded = kernel.get().kernel();
    } else if (o.procModules().isPresent()) {
      try {
        loaded =
            ProcModules.parse(
                new String(
                    Files.readAllBytes(Path.of(o.procModules().get())),
                    StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        error("cannot read " + o.procModules().get() + ": " + e.getMessage());
        return FAILED;
      }
    }
    boolean quiet = o.quiet() || o.autoclean();
    Executor executor = c.showDepends() ? new ShowDependsPrinter(out) : step -> 0;
    boolean acting = kernel.isPresent() && !c.dryRun() && !c.showDepends();
    KernelExecutor act = null;
    if (acting) {
      DepFile24 deps = dep;
      act =
          new KernelExecutor(
              kernel.get().kernel(),
              (name, path) -> dependencies(deps, path),
              kernel.get().autoclean() || o.autoclean(),
              note -> {
                if (o.verbose()) {
                  err.print("kmodj: " + note + "\n");
                }
              });
      executor = act;
    }
    ModutilsModprobe mp =
        new ModutilsModprobe(
            config,
            dep,
            loaded,
            new ModutilsModprobe.Flags(
                o.verbose() && !c.showDepends(), quiet, o.autoclean(), o.syslog(), o.type()),
            out,
            this::error,
            executor);
    if (act != null) {
      KernelExecutor a = act;
      String by = kernel.get().by();
      mp.onRequest(name -> a.asking(new LoadCause(by, name)));
    }
    if (o.list()) {
      List<String> patterns = c.args().isEmpty() ? List.of("*") : c.args();
      for (String p : patterns) {
        for (String f : mp.list(p)) {
          out.print(f + "\n");
        }
      }
      return 0;
    }
    if (!acting && !c.dryRun() && !c.showDepends()) {
      err.print(
          "kmodj: ERROR: loading or removing modules needs the simulated kernel, which is not"
              + " available yet; use -n, --show-depends, -c or -l\n");
      return 1;
    }
    try {
      if (c.remove()) {
        int errs = 0;
        for (String a : c.args()) {
          if (mp.unload(a) != 0) {
            if (!quiet) {
              err.print(a + ": Device or resource busy\n");
            }
            errs++;
          }
        }
        return errs;
      }
      if (c.args().isEmpty()) {
        error("Nothing to load ???\nSpecify at least a module or a wildcard like \\*");
        return 0;
      }
      return mp.fromList(c.args(), c.all(), o.objname()) == 0 ? 0 : FAILED;
    } catch (ModutilsModprobe.PlanningFailure e) {
      error(e.getMessage());
      return FAILED;
    }
  }

  /**
   * Why {@code -o NAME} cannot be used with these options, or null: it names one module being
   * loaded, and the name must be one the kernel can hold (letters, digits, {@code _} and {@code -},
   * at most 59 characters: 2.4's {@code MODULE_NAME_LEN} less its NUL).
   */
  static String objnameProblem(String name, ModprobeOptions c) {
    if (!name.matches("[A-Za-z0-9_-]{1,59}")) {
      return "-o " + name + ": not a module name (letters, digits, _ and -, at most 59)";
    }
    if (c.remove()) {
      return "-o NAME is for loading a module, not with -r";
    }
    long names = c.args().stream().filter(a -> a.indexOf('=') < 0).count();
    if (names > 1 && c.all()) {
      return "-o NAME names one module, but -a was given " + names;
    }
    return null;
  }

  /**
   * A modules.dep as {@link DepFile24#read} reads it, for a kernel's modprobe (one on every
   * request): not read at all while a {@link PathCheck} vouches that it is unchanged; when it
   * cannot, read, and parsed again only when its bytes differ from those this process parsed last.
   */
  private static KeptDepFile keptDepFile(Path file, String root) throws IOException {
    List<String> key = List.of(file.toString(), root);
    KeptDepFile k = DEP_FILES.get(key);
    if (k != null && k.check.unchanged()) {
      return k;
    }
    // stat before reading: a change made meanwhile is seen by the next check
    PathCheck check = PathCheck.take(List.of(file));
    long modified = Files.getLastModifiedTime(file).toMillis();
    byte[] bytes = Files.readAllBytes(file);
    KeptDepFile kept;
    if (k != null && Arrays.equals(k.bytes, bytes)) {
      kept = new KeptDepFile(k.bytes, k.result, modified, check);
    } else {
      DepFile24.Result r =
          DepFile24.parse(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1), root);
      kept = new KeptDepFile(bytes, r, modified, check);
    }
    DEP_FILES.put(key, kept);
    return kept;
  }

  /** The kernel names of the modules a 2.4 modules.dep entry needs. */
  private static List<String> dependencies(DepFile24 dep, String path) {
    List<String> names = new ArrayList<>();
    dep.byPath(path)
        .ifPresent(
            e -> {
              for (String d : e.dependencies()) {
                names.add(DepFile24.stripo(d));
              }
            });
    return names;
  }
}
