package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SourceText;
import io.kmodj.gui.model.Workers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.PlainTextChange;
import org.reactfx.Subscription;

/**
 * Colours a code area from the grammar and collects its diagnostics, in two passes, both parsing
 * off the FX thread:
 *
 * <ul>
 *   <li>on every edit, the logical lines it touched ({@link IncrementalStyler}) are styled at once
 *       and only those paragraphs are restyled;
 *   <li>when typing pauses ({@link #SETTLE}), the whole text is parsed for the diagnostics list,
 *       the file-wide syntax errors and the engine's findings ({@link EditorContext#findings}).
 * </ul>
 *
 * A result whose text changed meanwhile is stale and dropped; the range it covered is kept pending
 * and joins the next edit's, so no edit is left uncoloured. Styles are applied with {@code
 * setStyleSpans}, which a plain-text undo manager does not record, and the scroll position is kept.
 *
 * <p>Confined to the FX thread, except the parsing.
 */
public final class SyntaxHighlighter {
  private static final System.Logger LOG = System.getLogger(SyntaxHighlighter.class.getName());

  /** How long typing must pause before the whole text is parsed again. */
  public static final Duration SETTLE = Duration.ofMillis(150);

  private final CodeArea area;
  private final Executor executor;
  private final BiFunction<String, String, ParseResult<?>> parser;
  private final IncrementalStyler incremental;
  private final Supplier<String> fileName;
  private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
  private volatile EditorContext context = EditorContext.EMPTY;
  private long textVersion;
  private List<Diagnostic> findings = List.of();
  // the changed range not yet coloured, in the current text's offsets; -1 when none
  private int pendingFrom = -1;
  private int pendingTo = -1;
  private Subscription subscription = Subscription.EMPTY;

  /**
   * Prepares a highlighter; {@link #install()} starts it.
   *
   * @param area the area to colour
   * @param executor where parsing runs (one thread is enough; never the FX thread)
   * @param parser parses a file name and its text
   * @param fileName the name to put in diagnostics
   */
  public SyntaxHighlighter(
      CodeArea area,
      Executor executor,
      BiFunction<String, String, ParseResult<?>> parser,
      Supplier<String> fileName) {
    this.area = Objects.requireNonNull(area, "area");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.incremental = new IncrementalStyler(parser);
    this.fileName = Objects.requireNonNull(fileName, "fileName");
  }

  /**
   * Sets where the engine's findings come from; they are underlined from the next whole pass.
   *
   * @param context the loaded system
   */
  public void setContext(EditorContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** Starts following the area's edits and styles its current text. */
  public void install() {
    subscription.unsubscribe();
    Subscription edits = area.plainTextChanges().subscribe(this::edited);
    Subscription restyle =
        area.multiPlainChanges().successionEnds(SETTLE).subscribe(changes -> restyle());
    subscription = edits.and(restyle);
    restyle();
  }

  /** Stops following the area's edits; styles already applied stay. */
  public void uninstall() {
    subscription.unsubscribe();
    subscription = Subscription.EMPTY;
    // a result still under way finds the version moved on and is dropped
    textVersion++;
  }

  /** The diagnostics of the last styled text, in file order; updated on the FX thread. */
  public ObservableList<Diagnostic> problems() {
    return problems;
  }

  private void edited(PlainTextChange change) {
    textVersion++;
    int at = change.getPosition();
    int removed = change.getRemovalEnd() - at;
    int inserted = change.getInsertionEnd() - at;
    if (pendingFrom >= 0) {
      // move the pending range over the edit
      pendingFrom = IncrementalStyler.shift(pendingFrom, at, removed, inserted);
      pendingTo = IncrementalStyler.shift(pendingTo, at, removed, inserted);
      pendingFrom = Math.min(pendingFrom, at);
      pendingTo = Math.max(pendingTo, at + inserted);
    } else {
      pendingFrom = at;
      pendingTo = at + inserted;
    }
    findings = IncrementalStyler.shift(findings, at, removed, inserted);
    long version = textVersion;
    String text = area.getText();
    int from = pendingFrom;
    int to = pendingTo;
    String name = fileName.get();
    List<Diagnostic> known = findings;
    executor.execute(
        () -> {
          IncrementalStyler.Update update;
          try {
            update = incremental.restyle(name, text, from, to, known);
          } catch (Throwable e) { // an Error too
            LOG.log(Level.ERROR, "styling " + name + " failed", e);
            Workers.failed("styling " + name, e);
            return;
          }
          Platform.runLater(() -> applyPart(version, update));
        });
  }

  private void applyPart(long version, IncrementalStyler.Update update) {
    if (version != textVersion || update.to() > area.getLength()) {
      return;
    }
    keepingScroll(() -> area.setStyleSpans(update.from(), update.highlighting().styles()));
    pendingFrom = -1;
    pendingTo = -1;
  }

  /** Parses the whole current text now, without waiting for edits to settle. */
  public void restyle() {
    long version = textVersion;
    String text = area.getText();
    String name = fileName.get();
    EditorContext ctx = context;
    executor.execute(
        () -> {
          Highlighting highlighting;
          List<Diagnostic> semantic;
          try {
            ParseResult<?> parsed = parser.apply(name, text);
            semantic = findings(ctx, name, text, parsed.diagnostics());
            highlighting = new ConfigStyler(parsed, text, semantic).highlighting();
          } catch (Throwable e) { // an Error too
            // the parser accepts every text, so this is a bug: keep the old colours and say so
            LOG.log(Level.ERROR, "styling " + name + " failed", e);
            Workers.failed("checking " + name, e);
            return;
          }
          Platform.runLater(() -> apply(version, highlighting, semantic));
        });
  }

  /**
   * The engine's findings on this file, as diagnostics covering their lines of the text, but those
   * that repeat the grammar's own diagnostic on the line ({@code check} reports the syntax too).
   */
  static List<Diagnostic> findings(
      EditorContext ctx, String name, String text, List<Diagnostic> syntax) {
    List<Diagnostic> out = new ArrayList<>();
    SourceText source = new SourceText(name, text);
    for (EditorContext.Finding f : ctx.findings(name)) {
      if (f.line() < 1 || f.line() > source.lineCount()) {
        continue;
      }
      boolean repeated = false;
      for (Diagnostic d : syntax) {
        repeated |= d.span().line() == f.line() && d.message().equals(f.message());
      }
      if (repeated) {
        continue;
      }
      int start = source.lineStart(f.line());
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      out.add(
          new Diagnostic(
              f.severity(),
              source.span(start, end),
              f.rule(),
              f.message() + " [" + f.rule() + "]",
              text.substring(start, end),
              java.util.Optional.empty()));
    }
    return out;
  }

  private void apply(long version, Highlighting highlighting, List<Diagnostic> semantic) {
    // stale: the text changed after it was copied, and that change schedules its own styling
    if (version != textVersion || highlighting.textLength() != area.getLength()) {
      return;
    }
    findings = semantic;
    keepingScroll(() -> area.setStyleSpans(0, highlighting.styles()));
    pendingFrom = -1;
    pendingTo = -1;
    problems.setAll(highlighting.diagnostics());
  }

  private void keepingScroll(Runnable styling) {
    double x = area.getEstimatedScrollX();
    double y = area.getEstimatedScrollY();
    styling.run();
    if (area.getEstimatedScrollY() != y || area.getEstimatedScrollX() != x) {
      area.scrollXToPixel(x);
      area.scrollYToPixel(y);
    }
  }
}
