package io.kmodj.bench;

import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SourceText;
import io.kmodj.gui.editor.ConfigStyler;
import io.kmodj.gui.editor.IncrementalStyler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.SimpleEditableStyledDocument;
import org.fxmisc.richtext.model.StyleSpans;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one keystroke costs the editor until the paragraphs it touched have their new colours: a
 * character typed in the middle of the middle line of a 10,000-line file ({@link ConfigGenerator},
 * either dialect), handled as {@code SyntaxHighlighter} handles an edit: the character put into the
 * document, the underlined findings moved over the edit ({@link IncrementalStyler#shift}), the
 * whole text copied, the logical lines the edit touched parsed and styled ({@link
 * IncrementalStyler#restyle}) and the style spans set on the document.
 *
 * <p>The document is the one a {@code CodeArea} holds (RichTextFX's {@link
 * SimpleEditableStyledDocument}, which needs javafx-base only), so no FX toolkit or stage is
 * started: laying out and drawing the visible paragraphs is not measured, nor the whole-file pass
 * that follows when typing pauses. In the editor the styling runs on the parsing thread, the rest on
 * the FX thread; here all of it runs on one. {@code findings}: {@code none} (no system loaded:
 * nothing underlined but the grammar's own diagnostics) or {@code every-line} (a finding underlined
 * on each of the 10,000 lines, as check gives for a tree that knows none of the names), which each
 * keystroke moves over the edit and filters for the touched lines.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KeystrokeBenchmark {
  private static final int LINES = 10_000;

  /** The file's dialect. */
  @Param({"modprobe.d", "modules.conf"})
  public String dialect;

  /** The check findings underlined when typing starts. */
  @Param({"none", "every-line"})
  public String findings;

  private final IncrementalStyler styler = new IncrementalStyler(KeystrokeBenchmark::parse);
  private final ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> typed =
      ReadOnlyStyledDocument.fromString("x", List.of(), List.of(), SegmentOps.styledTextOps());
  private final ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> nothing =
      ReadOnlyStyledDocument.fromString("", List.of(), List.of(), SegmentOps.styledTextOps());
  private String name;
  private SimpleEditableStyledDocument<Collection<String>, Collection<String>> document;
  private List<Diagnostic> known;
  private int at;

  /** The file in the document, coloured by a whole-file pass, as when typing starts. */
  @Setup(Level.Trial)
  public void open() {
    boolean modutils = dialect.equals("modules.conf");
    name = modutils ? "modules.conf" : "big.conf";
    String text =
        modutils ? ConfigGenerator.modulesConf(LINES, 42) : ConfigGenerator.modprobeD(LINES, 42);
    document = new SimpleEditableStyledDocument<>(List.of(), List.of());
    document.replace(
        0, 0, ReadOnlyStyledDocument.fromString(text, List.of(), List.of(), SegmentOps.styledTextOps()));
    SourceText source = new SourceText(name, text);
    known = findings.equals("every-line") ? everyLine(source) : List.of();
    document.setStyleSpans(
        0, new ConfigStyler(parse(name, text), text, known).highlighting().styles());
    // in the middle of the middle line
    int line = source.lineCount() / 2;
    int start = source.lineStart(line);
    int end = text.indexOf('\n', start);
    at = start + (end - start) / 2;
    if (end - start < 4) {
      throw new IllegalStateException("line " + line + " is too short to type into");
    }
  }

  /** Parses a text in its file's dialect, as the editor's parser does. */
  private static ParseResult<?> parse(String file, String text) {
    return Dialect.forFileName(file).parse(file, text);
  }

  /** A warning on each line, as {@code SyntaxHighlighter} makes one of a finding. */
  private static List<Diagnostic> everyLine(SourceText source) {
    List<Diagnostic> out = new ArrayList<>();
    String text = source.text();
    for (int line = 1; line < source.lineCount(); line++) {
      int start = source.lineStart(line);
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      out.add(
          new Diagnostic(
              Severity.WARNING,
              source.span(start, end),
              "unknown-module",
              "no module or alias named it [unknown-module]",
              text.substring(start, end),
              Optional.empty()));
    }
    return out;
  }

  /** One character typed, to the new styles of the paragraphs it touched. */
  @Benchmark
  public StyleSpans<Collection<String>> keystroke() {
    document.replace(at, at, typed);
    List<Diagnostic> moved = IncrementalStyler.shift(known, at, 0, 1);
    String text = document.getText();
    IncrementalStyler.Update update = styler.restyle(name, text, at, at + 1, moved);
    document.setStyleSpans(update.from(), update.highlighting().styles());
    return update.highlighting().styles();
  }

  /**
   * Takes the character out again, unmeasured, so that every keystroke types into the same line (a
   * keystroke takes far longer than JMH's per-invocation bookkeeping).
   */
  @TearDown(Level.Invocation)
  public void untype() {
    document.replace(at, at + 1, nothing);
  }
}
