package io.kmodj.engine.explain;

import java.util.List;
import java.util.Objects;

/**
 * Why a module of a (simulated) kernel is loaded, from its state directory.
 *
 * @param module the module
 * @param loaded whether the kernel has it loaded
 * @param chain how it came in, the request first: each link one line ({@code requested by hand},
 *     {@code request_module("net-pf-10")}, {@code hard dependency of ipv6}, …); empty when it is
 *     not loaded, and a single line saying so when the state predates provenance
 */
public record LoadReason(String module, boolean loaded, List<String> chain) {
  public LoadReason {
    Objects.requireNonNull(module);
    chain = List.copyOf(chain);
  }
}
