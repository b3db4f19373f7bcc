package io.kmodj.engine.cli;

import io.kmodj.engine.system.SystemSpec;
import io.kmodj.grammar.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that say where the module system is, shared by the commands that read one. */
final class SystemOptions {
  @Option(
      names = {"-C", "--config"},
      paramLabel = "FILE|DIR",
      description = "Use FILE or DIR instead of the default configuration places")
  List<String> config = new ArrayList<>();

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
      description = "Read the kernel command line from FILE instead of /proc/cmdline")
  String cmdline;

  @Option(
      names = "--dialect",
      paramLabel = "kmod|modutils",
      description =
          "Configuration dialect (default: modutils when -C names a modules.conf or"
              + " conf.modules, else kmod)")
  String dialect;

  @Option(
      names = "--allow-exec",
      description =
          "modutils: run command substitutions other than `uname -r` (default: report them"
              + " and use an empty result)")
  boolean allowExec;

  /**
   * The spec the options name.
   *
   * @return the spec
   * @throws IllegalArgumentException when --dialect names no dialect
   */
  SystemSpec spec() {
    Optional<Dialect> chosen = Optional.empty();
    if (dialect != null) {
      chosen =
          Optional.of(
              Dialect.ofWord(dialect)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "unknown dialect '" + dialect + "' (kmod or modutils)")));
    }
    return new SystemSpec(
        Optional.ofNullable(root),
        Optional.ofNullable(version),
        config,
        Optional.ofNullable(cmdline),
        chosen);
  }
}
