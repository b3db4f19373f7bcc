package io.kmodj.engine.cli;

import io.kmodj.engine.elf.Modinfo;
import io.kmodj.engine.elf.ModuleDirectory;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kmodj modinfo}: kmod 30's modinfo, same options, output and exit codes. */
@Command(
    name = "modinfo",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Show information about kernel modules, as kmod's modinfo.")
final class ModinfoCommand implements Callable<Integer> {
  private String field;

  @Option(
      names = {"-a", "--author"},
      description = "Print only 'author'")
  void author(boolean on) {
    field = "author";
  }

  @Option(
      names = {"-d", "--description"},
      description = "Print only 'description'")
  void description(boolean on) {
    field = "description";
  }

  @Option(
      names = {"-l", "--license"},
      description = "Print only 'license'")
  void license(boolean on) {
    field = "license";
  }

  @Option(
      names = {"-p", "--parameters"},
      description = "Print only 'parm'")
  void parameters(boolean on) {
    field = "parm";
  }

  @Option(
      names = {"-n", "--filename"},
      description = "Print only 'filename'")
  void filename(boolean on) {
    field = "filename";
  }

  @Option(
      names = {"-F", "--field"},
      paramLabel = "FIELD",
      description = "Print only provided FIELD")
  void field(String name) {
    field = name;
  }

  @Option(
      names = {"-0", "--null"},
      description = "Use \\0 instead of \\n")
  boolean nul;

  @Option(
      names = {"-m", "--modname"},
      description = "Handle argument as module name instead of alias or filename")
  boolean modname;

  @Option(
      names = {"-k", "--set-version"},
      paramLabel = "VERSION",
      description = "Use VERSION instead of `uname -r`")
  String version;

  @Option(
      names = {"-b", "--basedir"},
      paramLabel = "DIR",
      description = "Use DIR as filesystem root for /lib/modules")
  String root;

  @Option(
      names = "--json",
      description =
          "Write the modules as JSON (docs/schema/modinfo.schema.json): fields in file order,"
              + " parameters in order of first mention; not with -F, -a, -d, -l, -p, -n or -0")
  boolean json;

  @Parameters(paramLabel = "MODULE", description = "module name, alias or file")
  List<String> modules = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    String release = version != null ? version : KernelRelease.current();
    ModuleDirectory dir =
        new ModuleDirectory(ModuleDirectory.dirname(root == null ? "" : root, release));
    List<String> args = new ArrayList<>();
    for (String m : modules) {
      args.add(KernelRelease.asBytes(m));
    }
    if (json && (field != null || nul)) {
      System.err.println("modinfo: ERROR: --json does not go with a field option or -0");
      return 1;
    }
    BufferedOutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    Modinfo modinfo =
        new Modinfo(
            dir, new Modinfo.Options(Optional.ofNullable(field), nul, modname), out, System.err);
    return json ? modinfo.runJson(args) : modinfo.run(args);
  }
}
