package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.ParseResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.fxmisc.richtext.CodeArea;
import org.reactfx.Subscription;

/**
 * Colours a code area from the grammar and collects its diagnostics. After edits settle it parses a
 * copy of the text on a background executor, then applies the styles on the FX thread, unless the
 * text changed meanwhile: such a stale result is dropped, and the newer edit brings its own. Styles
 * are applied with {@code setStyleSpans}, which a plain-text undo manager does not record.
 *
 * <p>Confined to the FX thread, except the parse itself.
 */
public final class SyntaxHighlighter {
  private static final System.Logger LOG = System.getLogger(SyntaxHighlighter.class.getName());

  /** How long typing must pause before the text is parsed again. */
  public static final Duration SETTLE = Duration.ofMillis(150);

  private final CodeArea area;
  private final Executor executor;
  private final BiFunction<String, String, ParseResult<?>> parser;
  private final Supplier<String> fileName;
  private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
  private long textVersion;
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
    this.fileName = Objects.requireNonNull(fileName, "fileName");
  }

  /** Starts following the area's edits and styles its current text. */
  public void install() {
    subscription.unsubscribe();
    Subscription versions = area.plainTextChanges().subscribe(change -> textVersion++);
    Subscription restyle =
        area.multiPlainChanges().successionEnds(SETTLE).subscribe(changes -> restyle());
    subscription = versions.and(restyle);
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

  /** Parses the current text now, without waiting for edits to settle. */
  public void restyle() {
    long version = textVersion;
    String text = area.getText();
    String name = fileName.get();
    executor.execute(
        () -> {
          Highlighting highlighting;
          try {
            highlighting = new ConfigStyler(parser.apply(name, text), text.length()).highlighting();
          } catch (RuntimeException e) {
            // the parser accepts every text, so this is a bug: keep the old colours and say so
            LOG.log(Level.ERROR, "styling " + name + " failed", e);
            return;
          }
          Platform.runLater(() -> apply(version, highlighting));
        });
  }

  private void apply(long version, Highlighting highlighting) {
    // stale: the text changed after it was copied, and that change schedules its own styling
    if (version != textVersion || highlighting.textLength() != area.getLength()) {
      return;
    }
    area.setStyleSpans(0, highlighting.styles());
    problems.setAll(highlighting.diagnostics());
  }
}
