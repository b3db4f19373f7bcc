package io.kmodj.engine.config;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.FileStamp;
import io.kmodj.engine.index.ModuleNames;
import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.modprobed.Directive;
import io.kmodj.grammar.modprobed.ModprobeDFile;
import io.kmodj.grammar.modprobed.ModprobeDSyntax;
import io.kmodj.grammar.text.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The kmod 30 modprobe.d dialect: the files {@link ConfigFiles} lists, each parsed by the grammar
 * and turned into entries as {@code kmod_config_parse} stores them (names normalised, options with
 * tabs as spaces, softdeps split as kmod splits them), then the kernel command line. A line kmod 30
 * rejects (a bad name, a missing argument, an unknown directive, {@code weakdep}) becomes a message
 * naming its file and line, and the rest is still read.
 */
public final class ModprobeDFrontEnd implements ConfigFrontEnd {
  private final Optional<ParsedFileCache> cache;

  /** A front end that parses every file it reads. */
  public ModprobeDFrontEnd() {
    this.cache = Optional.empty();
  }

  /**
   * A front end that keeps what each file gives in a cache, and reads it from there while the
   * file's content is unchanged (the result is the same either way).
   *
   * @param store the cache
   */
  public ModprobeDFrontEnd(CacheStore store) {
    this.cache = Optional.of(new ParsedFileCache(store));
  }

  @Override
  public ModuleConfig read(ConfigSource source) {
    return read(source, ConfigSnapshot.empty());
  }

  /**
   * Reads the configuration with some files' contents replaced by an editor's unsaved buffers: a
   * file the overlay covers is read from the overlay (never from the cache), also when it is new in
   * a configuration directory; every other file from disk.
   *
   * @param source where the configuration is
   * @param overlay the unsaved texts standing in for files
   * @return the effective configuration
   */
  public ModuleConfig read(ConfigSource source, ConfigOverlay overlay) {
    return read(source, overlay.snapshot());
  }

  /**
   * Reads the effective configuration, the snapshot's files read from memory instead of disk (see
   * {@link ConfigSnapshot}).
   *
   * @param source where to read from
   * @param snapshot files held in memory
   * @return the configuration with its messages; never throws on bad input
   */
  public ModuleConfig read(ConfigSource source, ConfigSnapshot snapshot) {
    ModuleConfig.Builder b = new ModuleConfig.Builder();
    List<String> paths = source.paths().isEmpty() ? ConfigFiles.DEFAULT_PATHS : source.paths();
    ConfigFiles files = new ConfigFiles(source.moduleDirectory(), paths, snapshot);
    files.messages().forEach(b::message);
    for (ConfigFiles.ConfigFile f : files.files()) {
      Optional<String> held = snapshot.text(f.path());
      if (held.isPresent()) {
        readFile(f.shownAs(), held.get(), b);
        continue;
      }
      FileStamp.Content content = FileStamp.read(f.path());
      if (!content.stamp().regular()) {
        // not a regular file, or unreadable: kmod skips it
        continue;
      }
      String text = new String(content.bytes(), StandardCharsets.ISO_8859_1);
      if (cache.isPresent()) {
        cache.get().read(f.shownAs(), content, text, b);
      } else {
        readFile(f.shownAs(), text, b);
      }
    }
    source
        .kernelCommandLine()
        .ifPresent(
            c -> new KernelCommandLine(c).addTo(Origin.commandLine(source.commandLineName()), b));
    return b.build();
  }

  /**
   * Reads one file's text into a builder.
   *
   * @param file the name to report
   * @param text the text
   * @param b where entries and messages go
   */
  public static void readFile(String file, String text, ModuleConfig.Builder b) {
    ParseResult<ModprobeDFile> parsed = ModprobeDSyntax.parse(file, text);
    // directives and problems interleave in file order, as kmod meets them
    List<Object> events = new ArrayList<>(parsed.value().directives());
    for (Diagnostic d : parsed.diagnostics()) {
      if (d.code().equals("bad-line") || d.code().equals("deprecated")) {
        events.add(d);
      }
    }
    events.sort(Comparator.comparingInt(ModprobeDFrontEnd::offset));
    for (Object e : events) {
      if (e instanceof Diagnostic d) {
        diagnostic(file, d, b);
      } else {
        directive(file, (Directive) e, b);
      }
    }
  }

  private static int offset(Object o) {
    return o instanceof Diagnostic d ? d.span().start() : ((Directive) o).span().start();
  }

  private static void diagnostic(String file, Diagnostic d, ModuleConfig.Builder b) {
    Origin at = new Origin(file, d.span().endLine());
    if (d.code().equals("deprecated")) {
      b.message(new ConfigMessage(at, "deprecated", file + ": " + d.message()));
    } else {
      // the grammar words it as kmod does: "ignoring bad line starting with 'WORD'"
      b.message(new ConfigMessage(at, "bad-line", at + ": " + d.message()));
    }
  }

  private static ConfigMessage badLine(Origin at, String word) {
    return new ConfigMessage(
        at,
        "bad-line",
        at.file() + " line " + at.line() + ": ignoring bad line starting with '" + word + "'");
  }

  private static void directive(String file, Directive d, ModuleConfig.Builder b) {
    Origin at = new Origin(file, d.span().endLine());
    Optional<String> name = ModuleNames.underscores(d.name().text());
    if (name.isEmpty()) {
      b.message(badLine(at, keyword(d)));
      return;
    }
    String n = name.get();
    if (d instanceof Directive.Alias a) {
      Optional<String> module = ModuleNames.underscores(a.module().text());
      if (module.isEmpty()) {
        b.message(badLine(at, "alias"));
        return;
      }
      b.add(new ConfigEntry.Alias(n, module.get(), at));
    } else if (d instanceof Directive.Options o) {
      b.add(new ConfigEntry.Options(n, o.options().text().replace('\t', ' '), at));
    } else if (d instanceof Directive.Install i) {
      b.add(new ConfigEntry.Install(n, i.command().text(), at));
    } else if (d instanceof Directive.Remove r) {
      b.add(new ConfigEntry.Remove(n, r.command().text(), at));
    } else if (d instanceof Directive.Blacklist) {
      b.add(new ConfigEntry.Blacklist(n, at));
    } else if (d instanceof Directive.Softdep s) {
      SoftdepLine line = new SoftdepLine(s.text().text());
      b.add(new ConfigEntry.Softdep(n, line.pre(), line.post(), line.shown(), at));
    } else if (d instanceof Directive.Weakdep) {
      // weakdep arrived in kmod 33; kmod 30 does not know the word
      b.message(badLine(at, "weakdep"));
    }
  }

  private static String keyword(Directive d) {
    if (d instanceof Directive.Alias) {
      return "alias";
    } else if (d instanceof Directive.Options) {
      return "options";
    } else if (d instanceof Directive.Install) {
      return "install";
    } else if (d instanceof Directive.Remove) {
      return "remove";
    } else if (d instanceof Directive.Blacklist) {
      return "blacklist";
    } else if (d instanceof Directive.Softdep) {
      return "softdep";
    }
    return "weakdep";
  }
}
