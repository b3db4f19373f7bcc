package io.kmodj.engine.config;

import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.engine.index.PatternTrie;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code modprobe -c}: the configuration grouped by kind (blacklist, install, remove, alias,
 * options, softdep; each kind in reading order), then the aliases of the index and its symbols in
 * key order, as kmod 30 prints them (cases c03 to c12).
 */
public final class ConfigDump {
  private final ModuleConfig config;
  private final ModuleIndex index;

  /**
   * A dump of a configuration over an index.
   *
   * @param config the configuration
   * @param index the index
   */
  public ConfigDump(ModuleConfig config, ModuleIndex index) {
    this.config = Objects.requireNonNull(config);
    this.index = Objects.requireNonNull(index);
  }

  /**
   * Writes the dump.
   *
   * @param out where to write
   * @throws IOException if writing fails
   */
  public void writeTo(Appendable out) throws IOException {
    writeTo(out, false);
  }

  /**
   * Writes the dump with each line's source before it: {@code FILE:LINE: } for a configuration line
   * ({@code FILE: } for the kernel command line), the index file and its line for a line of the
   * index dump ({@code modules.alias}, {@code modules.symbols}, as the text files have it); the
   * blank lines and the comment between the two parts stay as they are. The rest of each line is
   * exactly what {@link #writeTo(Appendable)} writes.
   *
   * @param out where to write
   * @throws IOException if writing fails
   */
  public void writeWithSources(Appendable out) throws IOException {
    writeTo(out, true);
  }

  private static void line(Appendable out, boolean sources, Origin o, String text)
      throws IOException {
    if (sources) {
      out.append(o.line() == 0 ? o.file() : o.file() + ":" + o.line()).append(": ");
    }
    out.append(text).append('\n');
  }

  private void writeTo(Appendable out, boolean sources) throws IOException {
    for (ConfigEntry.Blacklist b : config.blacklist()) {
      line(out, sources, b.origin(), "blacklist " + b.name());
    }
    for (ConfigEntry.Install i : config.installs()) {
      line(out, sources, i.origin(), "install " + i.name() + " " + i.command());
    }
    for (ConfigEntry.Remove r : config.removes()) {
      line(out, sources, r.origin(), "remove " + r.name() + " " + r.command());
    }
    for (ConfigEntry.Alias a : config.aliases()) {
      line(out, sources, a.origin(), "alias " + a.name() + " " + a.module());
    }
    for (ConfigEntry.Options o : config.options()) {
      line(out, sources, o.origin(), "options " + o.name() + " " + o.options());
    }
    for (ConfigEntry.Softdep s : config.softdeps()) {
      line(out, sources, s.origin(), "softdep " + s.name() + " " + s.shown());
    }
    out.append("\n# End of configuration files. Dumping indexes now:\n\n");
    if (!sources) {
      index.aliases().dump("alias ", out);
      index.symbols().dump("alias ", out);
      return;
    }
    indexWithSources(out, "modules.alias", index.aliases());
    indexWithSources(out, "modules.symbols", index.symbols());
  }

  /** A line of an index text file as the dump writes it: the alias normalised as kmod stores it. */
  private static String dumped(String line) {
    String[] w = line.strip().split("[ \t]+", -1);
    if (w.length != 3 || !w[0].equals("alias")) {
      return line.strip();
    }
    return "alias " + ModuleNames.underscores(w[1]).orElse(w[1]) + " " + w[2];
  }

  /**
   * An index's dump, each line preceded by the text file's name and the line that holds it (the
   * first not yet used, for a line written twice), or by the file's name alone when the text file
   * does not have it.
   */
  private void indexWithSources(Appendable out, String file, PatternTrie trie) throws IOException {
    String path = index.dirname() + "/" + file;
    Map<String, ArrayDeque<Integer>> lines = new HashMap<>();
    Path text = Path.of(path);
    if (Files.isRegularFile(text)) {
      List<String> all = Files.readAllLines(text, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < all.size(); i++) {
        lines.computeIfAbsent(dumped(all.get(i)), k -> new ArrayDeque<>()).add(i + 1);
      }
    }
    StringBuilder dump = new StringBuilder();
    trie.dump("alias ", dump);
    for (String l : dump.toString().split("\n", -1)) {
      if (l.isEmpty()) {
        continue;
      }
      ArrayDeque<Integer> at = lines.get(l);
      Integer n = at == null ? null : at.poll();
      line(out, true, new Origin(path, n == null ? 0 : n), l);
    }
  }
}
