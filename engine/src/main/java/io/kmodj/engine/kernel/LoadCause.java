package io.kmodj.engine.kernel;

import java.util.Objects;
import java.util.Set;

/**
 * The request a module was loaded with, as the simulated kernel records it at {@code init_module}:
 * who asked and the name they asked for. A module a plan brings in (a dependency, a softdep, a
 * {@code below} module) keeps the request of the plan, so the state can answer "which request
 * loaded this" even after the module that asked is gone. States written before kmodj recorded
 * causes have none ({@link LoadedModule#cause()} is null).
 *
 * @param by who asked: {@link #MODPROBE} (modprobe run by hand), {@link #REQUEST_MODULE} (the
 *     kernel's request_module, the kmod thread running the in-process modprobe) or {@link #INSMOD}
 * @param asked the name as asked ({@code eth0}, {@code char-major-10-135}), or insmod's file
 */
public record LoadCause(String by, String asked) {
  /** modprobe run by hand, or by a program that is not the kernel. */
  public static final String MODPROBE = "modprobe";

  /** The kernel's request_module: the kmod thread ran modprobe. */
  public static final String REQUEST_MODULE = "request_module";

  /** insmod of a file, by hand. */
  public static final String INSMOD = "insmod";

  private static final Set<String> KINDS = Set.of(MODPROBE, REQUEST_MODULE, INSMOD);

  public LoadCause {
    Objects.requireNonNull(by);
    Objects.requireNonNull(asked);
    if (!KINDS.contains(by)) {
      throw new IllegalArgumentException("unknown requester " + by);
    }
  }

  /** The request for people: {@code modprobe eth0 (by hand)}, {@code request_module("eth0")}. */
  public String describe() {
    return switch (by) {
      case REQUEST_MODULE ->
          "request_module(\"" + asked + "\"): the kernel asked, the kmod thread ran modprobe";
      case INSMOD -> "insmod " + asked + " (by hand)";
      default -> "modprobe " + asked + " (by hand)";
    };
  }
}
