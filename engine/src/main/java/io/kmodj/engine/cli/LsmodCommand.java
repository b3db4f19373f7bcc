package io.kmodj.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.KernelState;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ModuleFlag;
import io.kmodj.engine.kernel.SystemImage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kmodj lsmod}: the module table in kmod's lsmod format, or in modutils' for a simulated 2.0
 * to 2.4 kernel.
 */
@Command(
    name = "lsmod",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description =
        "Show the loaded modules, as kmod's lsmod does (modutils' lsmod for a 2.4 kernel).")
final class LsmodCommand implements Callable<Integer> {
  @CommandLine.ParentCommand KmodjCommand parent;

  @CommandLine.Mixin KernelOptions kernel = new KernelOptions();

  @CommandLine.Option(
      names = "--json",
      description = "Write the table as JSON (docs/schema/lsmod.schema.json), in lsmod's order")
  boolean json;

  @Override
  public Integer call() {
    List<LoadedModule> mods;
    SystemImage system = SystemImage.machine();
    if (kernel.host) {
      HostKernel host = HostKernel.machine();
      try {
        mods = host.modules();
      } catch (IOException e) {
        parent
            .err()
            .println("lsmod: ERROR: could not open " + host.procModules() + ": " + e.getMessage());
        return 1;
      }
    } else {
      KernelState state = kernel.store().read();
      mods = new ArrayList<>(state.modules());
      Collections.reverse(mods);
      system = state.system();
    }
    if (json) {
      printJson(mods, parent.out());
    } else {
      print(mods, system, parent.out());
    }
    return 0;
  }

  /** The table as docs/schema/lsmod.schema.json: what lsmod shows, and the state and flags. */
  static void printJson(List<LoadedModule> newestFirst, PrintStream out) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (LoadedModule m : newestFirst) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", m.name());
      e.put("size", m.size());
      e.put("used", m.refcount());
      e.put("holders", m.holders());
      e.put("state", m.state().name().toLowerCase(Locale.ROOT));
      List<String> flags = new ArrayList<>();
      m.flags().forEach(f -> flags.add(f.name().toLowerCase(Locale.ROOT).replace('_', '-')));
      e.put("flags", flags);
      e.put("path", m.path());
      list.add(e);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("modules", list);
    try {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  /**
   * The table as the lsmod of the kernel's generation prints it: modutils' for a 2.0 to 2.4 kernel
   * ({@link SystemImage#oldModuleInterface()}), kmod's otherwise.
   */
  static void print(List<LoadedModule> newestFirst, SystemImage system, PrintStream out) {
    if (system.oldModuleInterface()) {
      printModutils(newestFirst, system.hasTaintFile(), out);
    } else {
      print(newestFirst, out);
    }
  }

  /**
   * modutils 2.4's lsmod: the header with the taint state, then {@code %-20s%8lu%4ld }, the state
   * or the autoclean flags, and the referring modules in brackets, space-separated and newest first
   * (the kernel prepends each new reference). The use count is the module's own, without the
   * referring modules: a 2.4 kernel keeps those apart. The simulated kernel loads no module that
   * taints, so the state is always "Not tainted".
   */
  static void printModutils(List<LoadedModule> newestFirst, boolean taintFile, PrintStream out) {
    out.println("Module                  Size  Used by    " + (taintFile ? "Not tainted" : ""));
    for (LoadedModule m : newestFirst) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-20s%8d%4d ", m.name(), m.size(), m.useCount()));
      switch (m.state()) {
        case GOING -> sb.append(" (deleted)");
        case COMING -> sb.append(" (initializing)");
        case LIVE -> {
          if (m.flags().contains(ModuleFlag.AUTOCLEAN)) {
            sb.append(" (autoclean)");
          }
          if (!m.flags().contains(ModuleFlag.USED_ONCE)) {
            sb.append(" (unused)");
          }
        }
      }
      if (!m.holders().isEmpty()) {
        List<String> refs = new ArrayList<>(m.holders());
        Collections.reverse(refs);
        sb.append(" [").append(String.join(" ", refs)).append(']');
      }
      out.println(sb);
    }
  }

  /** kmod's lsmod: {@code %-19s %8lu %d} and the holders after a blank, comma-separated. */
  static void print(List<LoadedModule> newestFirst, PrintStream out) {
    out.println("Module                  Size  Used by");
    for (LoadedModule m : newestFirst) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-19s %8d  %d", m.name(), m.size(), m.refcount()));
      if (!m.holders().isEmpty()) {
        sb.append(' ').append(String.join(",", m.holders()));
      }
      out.println(sb);
    }
  }
}
