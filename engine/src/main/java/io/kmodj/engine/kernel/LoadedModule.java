package io.kmodj.engine.kernel;

import io.kmodj.engine.plan.ModuleState;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the module table as it stands at a moment: what {@code /proc/modules} and {@code
 * /sys/module/NAME} show, plus the 2.4 autoclean flags. Also the form the table is saved in.
 *
 * @param name the module name
 * @param path the file it was loaded from
 * @param size its size in bytes
 * @param state coming, live or going
 * @param useCount uses by something other than a module (an open device, a mounted filesystem)
 * @param holders the loaded modules that depend on it, in the order they were loaded
 * @param dependencies the modules it depends on
 * @param flags its autoclean flags
 * @param parameters its parameters with their live values, in the order they were set
 * @param cause the request it was loaded with; null in a state written before causes were recorded
 */
public record LoadedModule(
    String name,
    String path,
    long size,
    ModuleState state,
    int useCount,
    List<String> holders,
    List<String> dependencies,
    Set<ModuleFlag> flags,
    Map<String, String> parameters,
    LoadCause cause) {
  public LoadedModule {
    Objects.requireNonNull(name);
    Objects.requireNonNull(path);
    Objects.requireNonNull(state);
    holders = List.copyOf(holders);
    dependencies = List.copyOf(dependencies);
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** The reference count /sys/module/NAME/refcnt shows: its uses plus one per holder. */
  public int refcount() {
    return useCount + holders.size();
  }
}
