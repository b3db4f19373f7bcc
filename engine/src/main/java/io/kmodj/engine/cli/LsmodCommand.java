package io.kmodj.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmodj.engine.kernel.HostKernel;
import io.kmodj.engine.kernel.LoadedModule;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kmodj lsmod}: the module table in kmod's lsmod format. */
@Command(
    name = "lsmod",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    description = "Show the loaded modules, as kmod's lsmod does.")
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
      mods = kernel.store().read().modules();
      mods = new java.util.ArrayList<>(mods);
      java.util.Collections.reverse(mods);
    }
    if (json) {
      printJson(mods, parent.out());
    } else {
      print(mods, parent.out());
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
