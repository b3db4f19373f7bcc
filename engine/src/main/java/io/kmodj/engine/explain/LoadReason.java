package io.kmodj.engine.explain;

import io.kmodj.engine.kernel.LoadCause;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a module of a (simulated) kernel is loaded, from its state directory.
 *
 * @param module the module
 * @param loaded whether the kernel has it loaded
 * @param chain how it came in, the request first: each link one line ({@code requested by hand},
 *     {@code request_module("net-pf-10")}, {@code hard dependency of ipv6}, …); empty when it is
 *     not loaded
 * @param cause the request the module was loaded with, as the kernel recorded it; empty when it is
 *     not loaded or the state predates recorded requests
 */
public record LoadReason(
    String module, boolean loaded, List<String> chain, Optional<LoadCause> cause) {
  public LoadReason {
    Objects.requireNonNull(module);
    chain = List.copyOf(chain);
    Objects.requireNonNull(cause);
  }
}
