package io.kmodj.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.config.ConfigDump;
import io.kmodj.engine.config.ConfigMessage;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.kernel.KernelExecutor;
import io.kmodj.engine.kernel.LoadCause;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.plan.Executor;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.Modprobe;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ProbeFlags;
import io.kmodj.engine.plan.ShowDependsPrinter;
import io.kmodj.engine.plan.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code kmodj modprobe} once its options are read, as kmod's {@code do_modprobe}: finds the
 * module directory, reads the index and the configuration, then dumps the configuration or answers
 * each query.
 */
final class ModprobeRunner {
  private static final String PROC_CMDLINE = "/proc/cmdline";

  private final ModprobeOptions o;
  private final PrintStream out;
  private final PrintStream err;
  private final Optional<KernelTarget> kernel;
  private ModuleIndex index;
  private ModuleConfig config;
  private Output output = Output.TEXT;
  private LoadedModules loaded = LoadedModules.none();
  private final List<Map<String, Object>> answers = new ArrayList<>();

  /** How answers are written: as kmod writes them, -c with sources, or --show-depends as JSON. */
  enum Output {
    /** As kmod. */
    TEXT,
    /** {@code -c --sources}: each configuration line after its file and line. */
    SOURCES,
    /** {@code --show-depends --json}: docs/schema/show-depends.schema.json. */
    JSON
  }

  /**
   * The simulated kernel a modprobe acts on.
   *
   * @param kernel the kernel
   * @param autoclean whether loads are marked autoclean ({@code -k})
   * @param by who runs this modprobe, as the loaded modules record it ({@link LoadCause#MODPROBE}
   *     or {@link LoadCause#REQUEST_MODULE})
   */
  record KernelTarget(SimulatedKernel kernel, boolean autoclean, String by) {
    KernelTarget(SimulatedKernel kernel, boolean autoclean) {
      this(kernel, autoclean, LoadCause.MODPROBE);
    }
  }

  ModprobeRunner(ModprobeOptions o, PrintStream out, PrintStream err) {
    this(o, out, err, Optional.empty());
  }

  /**
   * A run that acts on a simulated kernel when it does more than print.
   *
   * @param o the options
   * @param out standard output
   * @param err standard error
   * @param kernel the kernel acted on (and whose system is used when -d and -S are not given)
   */
  ModprobeRunner(
      ModprobeOptions o, PrintStream out, PrintStream err, Optional<KernelTarget> kernel) {
    this.o = o;
    this.out = out;
    this.err = err;
    this.kernel = kernel;
  }

  /**
   * Chooses how answers are written.
   *
   * @param how the output
   * @return this runner
   */
  ModprobeRunner output(Output how) {
    this.output = how;
    return this;
  }

  /**
   * Plans against these loaded modules when there is no kernel (the host's, for {@code --host} dry
   * runs), as kmod's modprobe skips what is already loaded.
   *
   * @param modules the loaded modules
   * @return this runner
   */
  ModprobeRunner planningOn(LoadedModules modules) {
    this.loaded = modules;
    return this;
  }

  int run() {
    if (output == Output.SOURCES && !o.showConfig()) {
      err.println("kmodj: ERROR: --sources goes with -c (--showconfig)");
      return 1;
    }
    if (output == Output.JSON && (!o.showDepends() || o.showConfig())) {
      err.println("kmodj: ERROR: --json goes with --show-depends");
      return 1;
    }
    if (!o.dialect().equals("kmod")) {
      err.println("kmodj: ERROR: unknown dialect '" + o.dialect() + "' (kmod or modutils)");
      return 1;
    }
    if (!o.showConfig() && o.args().isEmpty() && o.batch().isEmpty()) {
      err.println("modprobe: ERROR: missing parameters. See -h.");
      return 1;
    }
    if (!o.printsOnly() && kernel.isEmpty()) {
      err.println("kmodj: ERROR: loading or removing modules needs a kernel");
      return 1;
    }
    String dirname = moduleDirectory();
    try {
      index = IndexCache.get(dirname);
    } catch (IOException e) {
      err.println("kmodj: ERROR: cannot read the module index in " + dirname + ": " + e);
      return 1;
    }
    Optional<String> cmdline;
    try {
      cmdline = kernelCommandLine();
    } catch (IOException e) {
      err.println("kmodj: ERROR: cannot read " + o.cmdline().orElse(PROC_CMDLINE) + ": " + e);
      return 1;
    }
    ConfigSource source =
        new ConfigSource(configPaths(), dirname, cmdline, o.cmdline().orElse(PROC_CMDLINE));
    // on a simulated kernel the kmod thread runs a modprobe per request: reuse what is unchanged
    // one command: what each file gives comes from the binary cache while the file is unchanged
    config =
        kernel.isPresent()
            ? ConfigCache.get(source)
            : new ModprobeDFrontEnd(CacheStore.standard()).read(source);
    for (ConfigMessage m : config.messages()) {
      err.println("kmodj: ERROR: " + m.text());
    }
    if (o.showConfig()) {
      try {
        if (output == Output.SOURCES) {
          new ConfigDump(config, index).writeWithSources(out);
        } else {
          new ConfigDump(config, index).writeTo(out);
        }
      } catch (IOException e) {
        return 1;
      }
      return 0;
    }
    if (output == Output.JSON) {
      int code;
      if (o.batch().isPresent()) {
        code = batch(o.batch().get());
      } else {
        code = query(o.args());
        answers.get(answers.size() - 1).put("exit", code);
      }
      writeJson();
      return code;
    }
    if (o.batch().isPresent()) {
      return batch(o.batch().get());
    }
    return query(o.args());
  }

  private void writeJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("queries", answers);
    try {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  /** An executor that keeps each step of a query's plan in its JSON answer. */
  private Executor recorder(List<String> args) {
    List<Map<String, Object>> steps = new ArrayList<>();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("query", List.copyOf(args));
    answer.put("steps", steps);
    answers.add(answer);
    return step -> {
      Map<String, Object> j = stepJson(step);
      if (!j.isEmpty()) {
        steps.add(j);
      }
      return 0;
    };
  }

  /** One step of a plan as an object of docs/schema/show-depends.schema.json. */
  static Map<String, Object> stepJson(Step step) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (step instanceof Step.Insmod s) {
      m.put("kind", "insmod");
      m.put("module", s.module());
      m.put("path", s.path());
      m.put("options", s.options());
      m.put("required", s.required());
    } else if (step instanceof Step.Builtin s) {
      m.put("kind", "builtin");
      m.put("module", s.module());
    } else if (step instanceof Step.RunInstall s) {
      m.put("kind", "install");
      m.put("module", s.module());
      m.put("command", s.command());
      m.put("options", s.options());
      m.put("required", s.required());
    } else if (step instanceof Step.Rmmod s) {
      m.put("kind", "rmmod");
      m.put("module", s.module());
    } else if (step instanceof Step.RunRemove s) {
      m.put("kind", "remove");
      m.put("module", s.module());
      m.put("command", s.command());
    } else {
      return Map.of();
    }
    return m;
  }

  /** kmod: ROOT/lib/modules/VERSION when -d or -S is given, made absolute from the cwd. */
  private String moduleDirectory() {
    if (kernel.isPresent() && o.root().isEmpty() && o.version().isEmpty()) {
      return KernelSession.absolute(kernel.get().kernel().system()).moduleDirectory();
    }
    String release = System.getProperty("os.version");
    String dir;
    if (o.root().isPresent() || o.version().isPresent()) {
      dir = o.root().orElse("") + "/lib/modules/" + o.version().orElse(release);
    } else {
      dir = "/lib/modules/" + release;
    }
    if (!dir.startsWith("/")) {
      dir = Path.of("").toAbsolutePath() + "/" + dir;
    }
    return dir;
  }

  /** The -C paths; acting on a simulated kernel without them, its system's. */
  private List<String> configPaths() {
    if (kernel.isPresent() && o.configPaths().isEmpty()) {
      SystemImage s = kernel.get().kernel().system();
      return s.config();
    }
    return o.configPaths();
  }

  private Optional<String> kernelCommandLine() throws IOException {
    if (o.cmdline().isPresent()) {
      return Optional.of(
          new String(Files.readAllBytes(Path.of(o.cmdline().get())), StandardCharsets.ISO_8859_1));
    }
    Path proc = Path.of(PROC_CMDLINE);
    // a simulated kernel was booted with an empty command line, whatever this machine's says
    if (kernel.isEmpty() && Files.isReadable(proc)) {
      return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.ISO_8859_1));
    }
    return Optional.empty();
  }

  private int batch(String file) {
    try (BufferedReader in =
        file.equals("-")
            ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1))
            : Files.newBufferedReader(Path.of(file), StandardCharsets.ISO_8859_1)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        List<String> words = batchWords(line.trim());
        if (words.isEmpty()) {
          continue;
        }
        if (output == Output.JSON) {
          int code = query(words);
          answers.get(answers.size() - 1).put("exit", code);
          continue;
        }
        out.append("### ").append(line).append('\n');
        int code = query(words);
        out.append("exit ").append(Integer.toString(code)).append('\n');
      }
    } catch (IOException e) {
      err.println("kmodj: ERROR: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** The words of a batch line (already trimmed), split at blanks and tabs. */
  static List<String> batchWords(String line) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= line.length(); i++) {
      boolean blank = i == line.length() || line.charAt(i) == ' ' || line.charAt(i) == '\t';
      if (blank && start >= 0) {
        words.add(line.substring(start, i));
        start = -1;
      } else if (!blank && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /** One modprobe invocation over the loaded index and configuration. */
  private int query(List<String> args) {
    ModprobeContext ctx =
        new ModprobeContext(
            index,
            config,
            kernel.isPresent() ? kernel.get().kernel() : loaded,
            m -> {
              if (o.verbosity() >= Modprobe.LOG_ERR) {
                err.println("modprobe: ERROR: " + m);
              }
            });
    ProbeFlags flags =
        new ProbeFlags(o.ignoreCommands(), o.showDepends(), o.useBlacklist(), o.firstTime());
    boolean show = o.showDepends() || o.verbosity() > Modprobe.LOG_WARNING;
    Executor printer = show ? new ShowDependsPrinter(out) : step -> 0;
    if (output == Output.JSON) {
      printer = recorder(args);
    }

    Executor shown = printer;
    Executor executor = printer;
    KernelExecutor act = null;
    if (kernel.isPresent() && !o.printsOnly()) {
      KernelExecutor acting =
          new KernelExecutor(
              kernel.get().kernel(),
              index,
              kernel.get().autoclean(),
              note -> {
                if (o.verbosity() > Modprobe.LOG_WARNING) {
                  err.println("kmodj: " + note);
                }
              });
      act = acting;
      executor =
          step -> {
            shown.execute(step);
            return acting.execute(step);
          };
    }
    String by = kernel.isPresent() ? kernel.get().by() : LoadCause.MODPROBE;
    Modprobe mp = new Modprobe(ctx, flags, executor, out, err, o.verbosity(), o.all());
    int result = 0;
    if (o.remove()) {
      for (String a : args) {
        int r = mp.remove(a, o.removeHolders());
        if (r < 0) {
          result = r;
        }
        if (mp.exited()) {
          break;
        }
      }
    } else if (o.all()) {
      for (String a : args) {
        if (act != null) {
          act.asking(new LoadCause(by, a));
        }
        int r = mp.insert(a, null, o.resolveOnly());
        if (r < 0) {
          result = r;
        }
      }
    } else {
      if (act != null) {
        act.asking(new LoadCause(by, args.get(0)));
      }
      result = mp.insert(args.get(0), extraOptions(args), o.resolveOnly());
    }
    return mp.exited() || result < 0 ? 1 : 0;
  }

  /**
   * kmod's {@code options_from_array}: the words after the name, blank-separated; a value with a
   * blank in it that is not quoted gets double quotes.
   */
  static String extraOptions(List<String> args) {
    if (args.size() < 2) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String a : args.subList(1, args.size())) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      int eq = a.indexOf('=');
      String value = eq < 0 ? null : a.substring(eq + 1);
      if (value != null
          && !value.startsWith("\"")
          && !value.startsWith("'")
          && value.indexOf(' ') >= 0) {
        sb.append(a, 0, eq + 1).append('"').append(value).append('"');
      } else {
        sb.append(a);
      }
    }
    return sb.toString();
  }

  static List<String> words(String... w) {
    return Arrays.asList(w);
  }
}
