package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The test corpus under {@code src/test/resources/modulesconf}: a .conf and its .expected. */
final class Corpus {
  private Corpus() {}

  /** The folder of the corpus. */
  static Path root() {
    URL url = Corpus.class.getResource("/modulesconf");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every .conf of the corpus, sorted. */
  static List<Path> files() {
    try (Stream<Path> walk = Files.walk(root())) {
      return walk.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String name(Path p) {
    return root().relativize(p).toString();
  }

  /** The expected text of a case: its canonical dump, then its diagnostics. */
  static String render(ParseResult<ModulesConfFile> r) {
    StringBuilder sb = new StringBuilder(ModulesConfDump.canonical(r.value()));
    sb.append("--- diagnostics\n");
    for (Diagnostic d : r.diagnostics()) {
      sb.append(d.severity())
          .append(' ')
          .append(d.code())
          .append(' ')
          .append(d.span().line())
          .append(':')
          .append(d.span().column())
          .append(' ')
          .append(d.message())
          .append(" [")
          .append(d.offending())
          .append(']');
      d.related()
          .ifPresent(s -> sb.append(" related ").append(s.line()).append(':').append(s.column()));
      sb.append('\n');
    }
    return sb.toString();
  }
}
