package io.kmodj.engine.cli;

import io.kmodj.engine.depmod.Depmod;
import io.kmodj.engine.depmod.DepmodConfig;
import io.kmodj.engine.depmod.Diagnostics;
import io.kmodj.engine.depmod.IndexWriter;
import io.kmodj.engine.depmod.Indexes;
import io.kmodj.engine.depmod.KernelSymbols;
import io.kmodj.engine.depmod.LegacyDepmod;
import io.kmodj.engine.elf.ModuleDirectory;
import io.kmodj.engine.elf.Symbol;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kmodj depmod}: kmod 30's depmod, the text indexes and the binary ones. */
@Command(
    name = "depmod",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Generate modules.dep and map files, as kmod's depmod.")
final class DepmodCommand implements Callable<Integer> {
  @Option(
      names = {"-a", "--all"},
      description = "Probe all modules")
  boolean all;

  @Option(
      names = {"-A", "--quick"},
      description = "Only does the work if there's a new module")
  boolean quick;

  @Option(
      names = {"-w", "--warn"},
      description = "Warn on duplicates")
  boolean warnDups;

  @Option(
      names = {"-v", "--verbose"},
      description = "Enable verbose mode")
  boolean[] verbose = new boolean[0];

  private final List<String> deprecated = new ArrayList<>();

  @Option(names = "-u", hidden = true)
  void deprecatedU(boolean on) {
    deprecated.add("-u");
  }

  @Option(names = "--unresolved-error", hidden = true)
  void deprecatedUnresolved(boolean on) {
    deprecated.add("--unresolved-error");
  }

  @Option(names = "-q", hidden = true)
  void deprecatedQ(boolean on) {
    deprecated.add("-q");
  }

  @Option(names = "--quiet", hidden = true)
  void deprecatedQuiet(boolean on) {
    deprecated.add("--quiet");
  }

  @Option(names = "-r", hidden = true)
  void deprecatedR(boolean on) {
    deprecated.add("-r");
  }

  @Option(names = "--root", hidden = true)
  void deprecatedRoot(boolean on) {
    deprecated.add("--root");
  }

  @Option(names = "-m", hidden = true)
  void deprecatedM(boolean on) {
    deprecated.add("-m");
  }

  @Option(names = "--map", hidden = true)
  void deprecatedMap(boolean on) {
    deprecated.add("--map");
  }

  @Option(
      names = {"-b", "--basedir"},
      paramLabel = "DIR",
      description = "Use an image path")
  String root;

  @Option(
      names = {"-n", "--show", "--dry-run"},
      description = "Write the dependency file on stdout only")
  boolean dryRun;

  @Option(
      names = {"-e", "--errsyms"},
      description = "Report not supplied symbols")
  boolean errsyms;

  @Option(
      names = {"-F", "--filesyms"},
      paramLabel = "FILE",
      description = "Use the file instead of the current kernel symbols")
  Path systemMap;

  @Option(
      names = {"-E", "--symvers"},
      paramLabel = "FILE",
      description = "Use Module.symvers file to check symbol versions")
  Path symvers;

  @Option(
      names = {"-P", "--symbol-prefix"},
      paramLabel = "CHAR",
      description = "Architecture symbol prefix")
  String symPrefix;

  @Option(
      names = {"-C", "--config"},
      paramLabel = "PATH",
      description = "Use a file/directory instead of the default ones")
  List<String> configPaths = new ArrayList<>();

  @Parameters(paramLabel = "VERSION|MODULE", description = "kernel version, then module files")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Diagnostics log = new Diagnostics();
    for (String d : deprecated) {
      System.err.println("depmod: WARNING: Ignored deprecated option " + d);
    }
    List<String> rest = new ArrayList<>(args);
    String version;
    if (!rest.isEmpty()) {
      version = rest.remove(0);
      if (!version.matches("\\s*[+]?\\d+\\.\\s*[+]?\\d+.*")) {
        System.err.println("depmod: ERROR: Bad version passed " + version);
        return 1;
      }
    } else {
      version = KernelRelease.current();
    }
    for (String f : rest) {
      if (!f.startsWith("/")) {
        System.err.println("depmod: FATAL: " + f + ": not absolute path.");
        return 1;
      }
    }
    if (symPrefix != null && symPrefix.length() != 1) {
      System.err.println("depmod: FATAL: -P only takes a single char");
      return 1;
    }
    char prefix = symPrefix == null ? '\0' : symPrefix.charAt(0);
    String rootDir = root == null ? "" : ModuleDirectory.absolute(root);
    String dirname = rootDir + "/lib/modules/" + version;
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    if (quick && (dryRun || UpToDate.check(Path.of(dirname)))) {
      return 0;
    }

    if (LegacyDepmod.isLegacy(version)) {
      String dep = new LegacyDepmod(rootDir, Path.of(dirname), log).render();
      return finish(log, List.of(new Indexes.File("modules.dep", dep)), dirname, stdout);
    }

    List<Symbol> kernelSymbols = List.of();
    if (symvers != null) {
      kernelSymbols = KernelSymbols.fromSymvers(symvers, prefix, log);
    } else if (systemMap != null) {
      kernelSymbols = KernelSymbols.fromSystemMap(systemMap, prefix, log);
    } else if (errsyms) {
      log.warning("-e needs -E or -F");
    }
    DepmodConfig config =
        DepmodConfig.load(
            configPaths.isEmpty() ? DepmodConfig.DEFAULT_DIRS : configPaths, version, log);
    Depmod depmod =
        new Depmod(
            new Depmod.Options(
                dirname,
                all ? List.of() : rest,
                config,
                kernelSymbols,
                symvers != null,
                errsyms && (symvers != null || systemMap != null),
                prefix),
            log);
    Optional<Indexes> indexes = depmod.compute();
    if (indexes.isEmpty()) {
      printLog(log);
      return 1;
    }
    if (dryRun) {
      return finish(log, indexes.get().files(), dirname, stdout);
    }
    // kmod's order: each .bin after its text file, the builtin ones before modules.devname
    List<Indexes.File> text = indexes.get().files();
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<Indexes.Binary> bins = depmod.binaryIndexes(warnDups);
    files.put(text.get(0).name(), latin1(text.get(0).text()));
    files.put(bins.get(0).name(), bins.get(0).bytes());
    files.put(text.get(1).name(), latin1(text.get(1).text()));
    files.put(bins.get(1).name(), bins.get(1).bytes());
    files.put(text.get(2).name(), latin1(text.get(2).text()));
    files.put(text.get(3).name(), latin1(text.get(3).text()));
    for (int i = 2; i < bins.size(); i++) {
      files.put(bins.get(i).name(), bins.get(i).bytes());
    }
    files.put(text.get(4).name(), latin1(text.get(4).text()));
    printLog(log);
    return write(files, dirname);
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int write(Map<String, byte[]> files, String dirname) {
    IndexWriter writer = new IndexWriter(Path.of(dirname));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      try {
        writer.write(f.getKey(), f.getValue());
      } catch (IOException e) {
        System.err.println(
            "depmod: ERROR: Could not write index '" + f.getKey() + "': " + e.getMessage());
        return 1;
      }
    }
    return 0;
  }

  private int finish(Diagnostics log, List<Indexes.File> files, String dirname, OutputStream out)
      throws IOException {
    printLog(log);
    if (dryRun) {
      for (Indexes.File f : files) {
        out.write(f.text().getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
      return 0;
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    for (Indexes.File f : files) {
      bytes.put(f.name(), latin1(f.text()));
    }
    return write(bytes, dirname);
  }

  private static void printLog(Diagnostics log) {
    for (Diagnostics.Message m : log.messages()) {
      System.err.println(m.line());
    }
  }
}
