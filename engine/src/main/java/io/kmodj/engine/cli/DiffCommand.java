package io.kmodj.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.config.ConfigSnapshot;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.diff.ChangeGroup;
import io.kmodj.engine.diff.ConfigChange;
import io.kmodj.engine.diff.ConfigLine;
import io.kmodj.engine.diff.DiffResult;
import io.kmodj.engine.diff.LookupChange;
import io.kmodj.engine.diff.PlanDiff;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.modutils.ModutilsConfig;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kmodj diff OLD NEW}: which lookups a configuration change changes, and how. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    description = {
      "Compare what modprobe would do under two configurations of one module tree: for every"
          + " module name and modules.alias string of the tree (-d, -S) and every name either"
          + " configuration mentions, plan the lookup under OLD and under NEW (as --show-depends,"
          + " or modutils' -n -v, prints it) and list those whose plan changed, grouped by the"
          + " configuration lines that changed, with before and after.",
      "OLD and NEW are configuration files or directories (what -C takes), or a file of a git"
          + " revision, REV:PATH (PATH from the current directory, read with git show from the"
          + " repository that holds it; no shell is involved). The"
          + " dialect is modutils when --dialect says so or OLD or NEW names a modules.conf or"
          + " conf.modules, else kmod. The kernel command line is left out unless --cmdline"
          + " names a file (it would be the same on both sides).",
      "Exit status: 0 when no plan changed, 1 when some did, 2 on an error."
    })
final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OLD", description = "The old configuration")
  String oldConfig;

  @Parameters(index = "1", paramLabel = "NEW", description = "The new configuration")
  String newConfig;

  @Option(
      names = {"-d", "--dirname"},
      paramLabel = "DIR",
      description = "Use DIR as root for /lib/modules")
  String root;

  @Option(
      names = {"-S", "--set-version"},
      paramLabel = "VERSION",
      description = "Use VERSION instead of `uname -r`")
  String version;

  @Option(
      names = "--cmdline",
      paramLabel = "FILE",
      description = "Honour the kernel command line in FILE on both sides")
  String cmdline;

  @Option(
      names = "--dialect",
      paramLabel = "kmod|modutils",
      description =
          "Configuration dialect (default: modutils when OLD or NEW names a modules.conf or"
              + " conf.modules, else kmod)")
  String dialect;

  @Option(
      names = "--allow-exec",
      description = "modutils: run command substitutions other than `uname -r`")
  boolean allowExec;

  @Option(names = "--json", description = "Write the result as JSON (docs/schema/diff.schema.json)")
  boolean json;

  @Option(
      names = "--exhaustive",
      description =
          "kmod: plan every lookup, not only those a changed line can reach (the same answer,"
              + " slower)")
  boolean exhaustive;

  @CommandLine.ParentCommand KmodjCommand parent;

  /** A configuration path and, for REV:PATH, its text held in memory. */
  private record Side(String path, ConfigSnapshot snapshot, Optional<String> text) {}

  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = parent.out();
    PrintStream err = parent.err();
    try {
      Dialect d = dialect();
      Side before = side(oldConfig);
      Side after = side(newConfig);
      DiffResult r = d == Dialect.MODUTILS ? modutils(before, after) : kmod(before, after);
      if (json) {
        out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json(d, r)));
      } else {
        text(r, out);
      }
      out.flush();
      return r.changed() ? 1 : 0;
    } catch (Failure e) {
      err.println("kmodj diff: " + e.getMessage());
      return 2;
    }
  }

  private Dialect dialect() throws Failure {
    if (dialect != null) {
      return Dialect.ofWord(dialect)
          .orElseThrow(() -> new Failure("unknown dialect '" + dialect + "' (kmod or modutils)"));
    }
    for (String c : List.of(oldConfig, newConfig)) {
      String p = gitPath(c).orElse(c);
      if (Dialect.forFileName(p) == Dialect.MODUTILS) {
        return Dialect.MODUTILS;
      }
    }
    return Dialect.KMOD;
  }

  /** The PATH of a REV:PATH that names no file on disk. */
  private static Optional<String> gitPath(String arg) {
    int colon = arg.indexOf(':');
    if (colon <= 0 || Files.exists(Path.of(arg))) {
      return Optional.empty();
    }
    return Optional.of(arg.substring(colon + 1));
  }

  private static Side side(String arg) throws Failure {
    if (Files.exists(Path.of(arg))) {
      return new Side(arg, ConfigSnapshot.empty(), Optional.empty());
    }
    if (gitPath(arg).isEmpty()) {
      throw new Failure(arg + ": no such file or directory");
    }
    String text = gitShow(arg);
    return new Side(arg, ConfigSnapshot.of(Map.of(Path.of(arg), text)), Optional.of(text));
  }

  /**
   * {@code git show REV:./NAME} in the file's directory, run as an argument list (no shell): PATH
   * is the file's path from the current directory, in whatever repository holds it.
   */
  private static String gitShow(String spec) throws Failure {
    int colon = spec.indexOf(':');
    Path file = Path.of(spec.substring(colon + 1)).toAbsolutePath().normalize();
    Path dir = file.getParent();
    if (dir == null || file.getFileName() == null || !Files.isDirectory(dir)) {
      throw new Failure(spec + ": no such directory " + dir);
    }
    String rev = spec.substring(0, colon);
    if (rev.startsWith("-")) {
      throw new Failure(spec + ": a revision cannot start with '-'");
    }
    String object = rev + ":./" + file.getFileName();
    ProcessBuilder pb =
        new ProcessBuilder(List.of("git", "-C", dir.toString(), "show", "--no-textconv", object));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new Failure("cannot run git: " + e.getMessage());
    }
    try (InputStream stdout = p.getInputStream();
        InputStream stderr = p.getErrorStream()) {
      ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
      Thread drain =
          new Thread(
              () -> {
                try {
                  stderr.transferTo(errBytes);
                } catch (IOException e) {
                  // the exit status says what went wrong
                }
              });
      drain.start();
      byte[] bytes = stdout.readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Failure("git show " + spec + ": timed out");
      }
      drain.join();
      if (p.exitValue() != 0) {
        String msg = errBytes.toString(StandardCharsets.UTF_8).strip();
        int nl = msg.indexOf('\n');
        throw new Failure("git show " + spec + " failed: " + (nl < 0 ? msg : msg.substring(0, nl)));
      }
      return new String(bytes, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new Failure("git show " + spec + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("git show " + spec + ": interrupted");
    }
  }

  private SystemSpec spec(String config) {
    return new SystemSpec(
        Optional.ofNullable(root),
        Optional.ofNullable(version),
        List.of(config),
        Optional.ofNullable(cmdline),
        Optional.empty());
  }

  private DiffResult kmod(Side before, Side after) throws Failure {
    String dirname = spec(before.path()).moduleDirectory();
    ModuleIndex index;
    try {
      index = IndexCache.get(dirname);
    } catch (IOException e) {
      throw new Failure("cannot read the module index in " + dirname + ": " + e.getMessage());
    }
    Optional<String> line = Optional.empty();
    if (cmdline != null) {
      try {
        line =
            Optional.of(
                new String(Files.readAllBytes(Path.of(cmdline)), StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        throw new Failure("cannot read " + cmdline + ": " + e.getMessage());
      }
    }
    ModprobeDFrontEnd frontEnd = new ModprobeDFrontEnd(CacheStore.standard());
    String name = cmdline == null ? SystemSpec.PROC_CMDLINE : cmdline;
    ModuleConfig b =
        frontEnd.read(
            new ConfigSource(List.of(before.path()), dirname, line, name), before.snapshot());
    ModuleConfig a =
        frontEnd.read(
            new ConfigSource(List.of(after.path()), dirname, line, name), after.snapshot());
    return PlanDiff.kmod(index, b, a, exhaustive);
  }

  private DiffResult modutils(Side before, Side after) throws Failure {
    List<Path> temporary = new ArrayList<>();
    try {
      String b = materialize(before, temporary);
      String a = materialize(after, temporary);
      ModutilsSystem sys;
      try {
        sys = ModutilsSystem.load(spec(a), allowExec);
      } catch (IOException e) {
        throw new Failure(e.getMessage());
      }
      ModutilsSystem old;
      try {
        old = ModutilsSystem.load(spec(b), allowExec);
      } catch (IOException e) {
        throw new Failure(e.getMessage());
      }
      ModutilsConfig oc = old.config();
      for (ModutilsConfig c : List.of(oc, sys.config())) {
        if (c.failed()) {
          throw new Failure(String.join("; ", c.errors()));
        }
      }
      return PlanDiff.modutils(oc, sys.config(), sys.dep());
    } finally {
      for (Path p : temporary) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /** modutils reads files only: a REV:PATH's text goes to a temporary file. */
  private static String materialize(Side side, List<Path> temporary) throws Failure {
    if (side.text().isEmpty()) {
      return side.path();
    }
    try {
      Path t = Files.createTempFile("kmodj-diff-", "-modules.conf");
      temporary.add(t);
      Files.write(t, side.text().get().getBytes(StandardCharsets.ISO_8859_1));
      return t.toString();
    } catch (IOException e) {
      throw new Failure("cannot write a temporary file: " + e.getMessage());
    }
  }

  static void text(DiffResult r, PrintStream out) {
    for (ConfigChange c : r.changes()) {
      out.println("@@ " + c.kind().word());
      for (ConfigLine l : c.before()) {
        out.println("- " + l.format());
      }
      for (ConfigLine l : c.after()) {
        out.println("+ " + l.format());
      }
      List<LookupChange> lookups = List.of();
      for (ChangeGroup g : r.groups()) {
        if (g.change().equals(c)) {
          lookups = g.lookups();
        }
      }
      if (lookups.isEmpty()) {
        out.println("  (no plan changes)");
      }
      for (LookupChange l : lookups) {
        out.println("  " + l.lookup());
        for (String s : l.before()) {
          out.println("    - " + s);
        }
        for (String s : l.after()) {
          out.println("    + " + s);
        }
      }
    }
    out.println(
        r.changes().size()
            + " configuration changes, "
            + r.lookups().size()
            + " of "
            + r.compared()
            + " lookups changed ("
            + r.replanned()
            + " planned)");
  }

  private Map<String, Object> json(Dialect d, DiffResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("old", oldConfig);
    doc.put("new", newConfig);
    doc.put("dialect", d == Dialect.MODUTILS ? "modutils" : "kmod");
    doc.put("compared", r.compared());
    doc.put("planned", r.replanned());
    List<Object> changes = new ArrayList<>();
    for (ConfigChange c : r.changes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", c.kind().word());
      m.put("before", lines(c.before()));
      m.put("after", lines(c.after()));
      List<Object> lookups = new ArrayList<>();
      for (ChangeGroup g : r.groups()) {
        if (g.change().equals(c)) {
          for (LookupChange l : g.lookups()) {
            lookups.add(l.lookup());
          }
        }
      }
      m.put("lookups", lookups);
      changes.add(m);
    }
    doc.put("changes", changes);
    List<Object> lookups = new ArrayList<>();
    for (LookupChange l : r.lookups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lookup", l.lookup());
      m.put("before", l.before());
      m.put("after", l.after());
      lookups.add(m);
    }
    doc.put("lookups", lookups);
    return doc;
  }

  private static List<Object> lines(List<ConfigLine> lines) {
    List<Object> out = new ArrayList<>();
    for (ConfigLine l : lines) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", l.origin().file());
      m.put("line", l.origin().line());
      m.put("text", l.text());
      out.add(m);
    }
    return out;
  }
}
