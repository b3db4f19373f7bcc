package io.kmodj.engine.params;

import io.kmodj.engine.config.Origin;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A module's parameters four ways: what its file declares, what the configuration sets, what an
 * unload saved, and what the kernel holds now.
 *
 * @param module the module
 * @param loaded whether the kernel has it loaded
 * @param declaredKnown whether its file's {@code .modinfo} could be read (else nothing can be said
 *     of what it declares)
 * @param parameters one row per parameter: the declared ones in modinfo order, then any other named
 *     by the configuration, the saved file or the kernel
 * @param configured the options lines (and kernel command line settings) that apply, in the order
 *     they take effect
 * @param savedFile the persist file of the module
 * @param savedProblem why the persist file could not be used, when it was bad
 */
public record ParameterReport(
    String module,
    boolean loaded,
    boolean declaredKnown,
    List<Parameter> parameters,
    List<ConfiguredLine> configured,
    String savedFile,
    Optional<String> savedProblem) {
  public ParameterReport {
    Objects.requireNonNull(module);
    parameters = List.copyOf(parameters);
    configured = List.copyOf(configured);
    Objects.requireNonNull(savedFile);
    Objects.requireNonNull(savedProblem);
  }

  /**
   * One parameter.
   *
   * @param name its name (as declared, else as first written)
   * @param type its modinfo {@code parmtype} ({@code int}, {@code bool}, {@code charp}...), or
   *     empty
   * @param description its modinfo {@code parm} text, or empty
   * @param declared whether the module declares it
   * @param configured the value the configuration gives it (the last setting wins, as the kernel's
   *     parse_args lets it)
   * @param configuredAt where that value is written
   * @param saved the value saved at the last unload
   * @param live the kernel's value now
   */
  public record Parameter(
      String name,
      String type,
      String description,
      boolean declared,
      Optional<String> configured,
      Optional<Origin> configuredAt,
      Optional<String> saved,
      Optional<String> live) {
    public Parameter {
      Objects.requireNonNull(name);
      Objects.requireNonNull(type);
      Objects.requireNonNull(description);
      Objects.requireNonNull(configured);
      Objects.requireNonNull(configuredAt);
      Objects.requireNonNull(saved);
      Objects.requireNonNull(live);
    }
  }

  /**
   * A configuration line setting the module's options.
   *
   * @param origin where it is written; line 0 for the kernel command line
   * @param options the options it gives, as the dialect reads them
   */
  public record ConfiguredLine(Origin origin, String options) {
    public ConfiguredLine {
      Objects.requireNonNull(origin);
      Objects.requireNonNull(options);
    }
  }

  /** A parameter by name ({@code -} and {@code _} alike, as the kernel compares them). */
  public Optional<Parameter> parameter(String name) {
    String key = name.replace('-', '_');
    return parameters.stream().filter(p -> p.name().replace('-', '_').equals(key)).findFirst();
  }
}
