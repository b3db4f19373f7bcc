package io.kmodj.engine.cli;

import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.KernelExecutor;
import io.kmodj.engine.kernel.LoadCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kmodj insmod PATH [OPTIONS]}: loads one module file, as kmod's insmod. */
@Command(
    name = "insmod",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Insert one module file into the kernel, as kmod's insmod does.")
final class InsmodCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @Parameters(index = "0", paramLabel = "PATH", description = "The module file")
  String path;

  @Parameters(index = "1..*", paramLabel = "OPTIONS", description = "Module parameters")
  List<String> options = new ArrayList<>();

  @Override
  public Integer call() {
    if (kernel.host) {
      List<String> a = new ArrayList<>();
      a.add(path);
      a.addAll(options);
      return HostKernel.run(HostKernel.machine().insmod(), List.of(), a, parent.err());
    }
    Path file = Path.of(path).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      parent
          .err()
          .println("insmod: ERROR: could not load module " + path + ": No such file or directory");
      return 1;
    }
    String name = ModuleNames.fromPath(file.toString());
    String opts = String.join(" ", options);
    int r =
        kernel
            .store()
            .apply(
                k -> {
                  ModuleIndex index;
                  try {
                    index = IndexCache.get(KernelSession.absolute(k.system()).moduleDirectory());
                  } catch (IOException e) {
                    return -Errno.EIO;
                  }
                  return new KernelExecutor(k, index, false, n -> {})
                      .asking(new LoadCause(LoadCause.INSMOD, file.toString()))
                      .insmod(name, file.toString(), opts);
                });
    if (r < 0) {
      parent
          .err()
          .println("insmod: ERROR: could not insert module " + path + ": " + insmodError(r));
      return 1;
    }
    return 0;
  }

  /** kmod's {@code mod_strerror}. */
  static String insmodError(int err) {
    return switch (-err) {
      case Errno.ENOEXEC -> "Invalid module format";
      case Errno.ENOENT -> "Unknown symbol in module, or unknown parameter (see dmesg)";
      default -> Errno.message(err);
    };
  }
}
