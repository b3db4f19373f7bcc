package io.kmodj.engine.check;

import io.kmodj.engine.config.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds install commands that run modprobe on modules whose own install commands lead back: {@code
 * install a /sbin/modprobe a} loops forever unless the inner modprobe ignores install commands.
 */
final class InstallLoops {
  private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("[ \t]+");

  private final Graph<String, DefaultEdge> calls = new DefaultDirectedGraph<>(DefaultEdge.class);
  private final Map<String, Origin> origins = new HashMap<>();

  /**
   * A loop of install commands.
   *
   * @param modules the modules, the first repeated at the end
   * @param origin where the first module's install command is
   */
  record Loop(List<String> modules, Origin origin) {
    Loop {
      modules = List.copyOf(modules);
      Objects.requireNonNull(origin);
    }
  }

  void add(String module, String command, Origin origin) {
    calls.addVertex(module);
    origins.putIfAbsent(module, origin);
    for (String target : modprobeTargets(command)) {
      String t = ConfigChecker.normalize(target);
      calls.addVertex(t);
      calls.addEdge(module, t);
    }
  }

  List<Loop> find() {
    List<Loop> loops = new ArrayList<>();
    for (String v : calls.vertexSet()) {
      if (calls.containsEdge(v, v)) {
        loops.add(new Loop(List.of(v, v), origins.get(v)));
      }
    }
    for (List<String> cycle : new TarjanSimpleCycles<>(calls).findSimpleCycles()) {
      if (cycle.size() < 2) {
        continue;
      }
      int least = 0;
      for (int i = 1; i < cycle.size(); i++) {
        if (cycle.get(i).compareTo(cycle.get(least)) < 0) {
          least = i;
        }
      }
      List<String> named = new ArrayList<>(cycle.subList(least, cycle.size()));
      named.addAll(cycle.subList(0, least));
      named.add(named.get(0));
      loops.add(new Loop(named, origins.get(named.get(0))));
    }
    loops.sort((a, b) -> String.join(" ", a.modules()).compareTo(String.join(" ", b.modules())));
    return loops;
  }

  /**
   * The modules a shell command asks modprobe to load, leaving out invocations with {@code -i} /
   * {@code --ignore-install} (which do not run install commands) and removals.
   *
   * @param command the command
   * @return module names, in order
   */
  static List<String> modprobeTargets(String command) {
    List<String> targets = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String w : BLANKS.split(command.trim(), -1)) {
      words.add(w);
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.equals("modprobe") && !w.endsWith("/modprobe")) {
        continue;
      }
      boolean ignore = false;
      String module = null;
      for (int j = i + 1; j < words.size(); j++) {
        String a = words.get(j);
        if (a.isEmpty() || a.startsWith("$")) {
          continue;
        }
        if (a.equals(";") || a.equals("&&") || a.equals("||") || a.equals("|") || a.equals("&")) {
          break;
        }
        if (a.equals("-i")
            || a.startsWith("--ignore-install")
            || a.equals("-r")
            || a.equals("--remove")
            || a.equals("-R")
            || a.equals("-n")
            || a.equals("--dry-run")) {
          ignore = true;
        } else if (a.equals("-C") || a.equals("-d") || a.equals("-S")) {
          j++;
        } else if (!a.startsWith("-") && module == null) {
          module = a.replaceAll("[;&|]+$", "");
          if (a.length() != module.length()) {
            break;
          }
        }
      }
      if (!ignore && module != null && !module.isEmpty()) {
        targets.add(module);
      }
    }
    return targets;
  }
}
