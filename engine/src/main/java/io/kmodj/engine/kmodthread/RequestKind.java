package io.kmodj.engine.kmodthread;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A kind of request the kernel makes to user space (kmod.txt's request_module, and the
 * request_route it suggests could work the same way): a helper program, read when each request
 * runs, and the arguments it gets before and around the requested name.
 *
 * @param name the kind's name, for messages
 * @param helperPath the helper program (a sysctl such as {@code kernel.modprobe}); empty disables
 *     the kind
 * @param arguments the arguments after the program for a requested name, which must come after a
 *     {@code --}
 */
public record RequestKind(
    String name, Supplier<String> helperPath, Function<String, List<String>> arguments) {
  public RequestKind {
    Objects.requireNonNull(name);
    Objects.requireNonNull(helperPath);
    Objects.requireNonNull(arguments);
  }

  /**
   * Modules, the kind kmodj ships: {@code modprobe -q -- NAME}, or {@code modprobe -s -k -- NAME}
   * as 2.4 ran it (which marks what it loads autoclean).
   *
   * @param modprobePath the {@code kernel.modprobe} sysctl
   * @param compat whether 2.2/2.4 compatibility is on
   * @return the kind
   */
  public static RequestKind modules(Supplier<String> modprobePath, BooleanSupplier compat) {
    return new RequestKind(
        "modules",
        modprobePath,
        name ->
            compat.getAsBoolean() ? List.of("-s", "-k", "--", name) : List.of("-q", "--", name));
  }

  /**
   * The full argv for a name: the program, then its arguments.
   *
   * @param requested the requested name
   * @return the argv
   */
  public List<String> argv(String requested) {
    List<String> argv = new ArrayList<>();
    argv.add(helperPath.get());
    argv.addAll(arguments.apply(requested));
    return List.copyOf(argv);
  }
}
