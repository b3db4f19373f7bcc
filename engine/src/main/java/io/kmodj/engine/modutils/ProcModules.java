package io.kmodj.engine.modutils;

import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModuleState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a 2.4 kernel has loaded, read from the text of its {@code /proc/modules} ({@code NAME SIZE
 * USECOUNT [(flags)] [[REFERRERS]]} a line) or from a short {@code NAME[:USECOUNT]} list: enough
 * for {@code modprobe -r} to know what is loaded and what is busy before the simulated kernel
 * answers it.
 */
public final class ProcModules implements LoadedModules {
  private record Module(int usecount, List<String> holders) {}

  private final Map<String, Module> modules;

  private ProcModules(Map<String, Module> modules) {
    this.modules = modules;
  }

  /**
   * Reads {@code /proc/modules} text.
   *
   * @param text the file's content
   * @return the loaded modules
   */
  public static ProcModules parse(String text) {
    Map<String, Module> m = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length == 0 || f[0].isEmpty()) {
        continue;
      }
      int use = 0;
      if (f.length > 2) {
        try {
          use = Integer.parseInt(f[2]);
        } catch (NumberFormatException e) {
          use = 0;
        }
      }
      List<String> holders = new ArrayList<>();
      int open = line.indexOf('[');
      int close = line.lastIndexOf(']');
      if (open >= 0 && close > open) {
        for (String h : line.substring(open + 1, close).trim().split("\\s+", -1)) {
          if (!h.isEmpty()) {
            holders.add(h);
          }
        }
      }
      m.put(f[0], new Module(use, List.copyOf(holders)));
    }
    return new ProcModules(m);
  }

  /**
   * Reads a {@code NAME[:USECOUNT]} list, blank-separated (the conformance records' {@code
   * FAKE_LOADED}).
   *
   * @param list the list
   * @return the loaded modules
   */
  public static ProcModules ofList(String list) {
    StringBuilder sb = new StringBuilder();
    for (String w : list.trim().split("\\s+", -1)) {
      if (w.isEmpty()) {
        continue;
      }
      int colon = w.indexOf(':');
      String name = colon < 0 ? w : w.substring(0, colon);
      String use = colon < 0 ? "0" : w.substring(colon + 1);
      sb.append(name).append(" 0 ").append(use).append('\n');
    }
    return parse(sb.toString());
  }

  @Override
  public Optional<ModuleState> state(String name) {
    return modules.containsKey(name) ? Optional.of(ModuleState.LIVE) : Optional.empty();
  }

  @Override
  public OptionalInt refcount(String name) {
    Module m = modules.get(name);
    return m == null ? OptionalInt.empty() : OptionalInt.of(m.usecount());
  }

  @Override
  public List<String> holders(String name) {
    Module m = modules.get(name);
    return m == null ? List.of() : m.holders();
  }
}
