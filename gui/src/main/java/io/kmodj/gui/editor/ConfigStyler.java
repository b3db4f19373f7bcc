package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.ParseResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Turns a parse result into style classes for an editor: each character gets the class of its
 * lexeme, and characters a diagnostic is about also get the class of its severity, so that the
 * underline is layered over the colour. Plain Java: no JavaFX, safe on any thread.
 */
public final class ConfigStyler {
  private final ParseResult<?> result;
  private final int length;

  /**
   * Prepares to style a parsed text.
   *
   * @param result what the parser made of the text
   * @param length the length of the text that was parsed
   */
  public ConfigStyler(ParseResult<?> result, int length) {
    this.result = Objects.requireNonNull(result, "result");
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    this.length = length;
  }

  /**
   * Computes the styling.
   *
   * @return style classes covering exactly the text's length, and the diagnostics
   */
  public Highlighting highlighting() {
    return new Highlighting(styles(), result.diagnostics(), length);
  }

  private StyleSpans<Collection<String>> styles() {
    List<Region> lexemes = new ArrayList<>();
    for (Lexeme l : result.lexemes()) {
      lexemes.add(clamp(l.start(), l.end(), LexemeStyles.of(l.kind())));
    }
    List<Region> problems = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      problems.add(widen(clamp(d.span().start(), d.span().end(), LexemeStyles.of(d.severity()))));
    }
    problems.sort(Comparator.comparingInt(Region::start));

    // cut the text wherever a lexeme or a problem starts or ends
    TreeSet<Integer> cuts = new TreeSet<>(List.of(0, length));
    for (Region r : lexemes) {
      cuts.add(r.start());
      cuts.add(r.end());
    }
    for (Region r : problems) {
      cuts.add(r.start());
      cuts.add(r.end());
    }

    StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
    if (length == 0) {
      spans.add(List.of(), 0);
      return spans.create();
    }
    int lexeme = 0;
    int from = 0;
    for (int to : cuts.tailSet(0, false)) {
      while (lexeme < lexemes.size() && lexemes.get(lexeme).end() <= from) {
        lexeme++;
      }
      List<String> classes = new ArrayList<>(2);
      if (lexeme < lexemes.size() && lexemes.get(lexeme).start() <= from) {
        classes.add(lexemes.get(lexeme).styleClass());
      }
      for (Region p : problems) {
        if (p.start() > from) {
          break;
        }
        if (p.end() > from && !classes.contains(p.styleClass())) {
          classes.add(p.styleClass());
        }
      }
      spans.add(List.copyOf(classes), to - from);
      from = to;
    }
    return spans.create();
  }

  private Region clamp(int start, int end, String styleClass) {
    int s = Math.min(Math.max(start, 0), length);
    return new Region(s, Math.min(Math.max(end, s), length), styleClass);
  }

  /** An empty problem (a missing word at the end of a line) still gets one character to mark. */
  private Region widen(Region r) {
    if (r.start() < r.end()) {
      return r;
    }
    if (r.end() < length) {
      return new Region(r.start(), r.end() + 1, r.styleClass());
    }
    return r.start() > 0 ? new Region(r.start() - 1, r.end(), r.styleClass()) : r;
  }

  /** Characters {@code [start, end)} with one style class. */
  private record Region(int start, int end, String styleClass) {}
}
