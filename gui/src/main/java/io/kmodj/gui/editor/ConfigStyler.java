package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
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
  private final String text;
  private final List<Diagnostic> extra;

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
    this.text = null;
    this.extra = List.of();
  }

  /**
   * Prepares to style a parsed text, knowing the text: a line's first word that is a directive of
   * either dialect (see {@link Directives}) is coloured as one even where this dialect's grammar
   * rejects it, and further diagnostics (the engine's findings) are underlined too.
   *
   * @param result what the parser made of the text
   * @param text the text that was parsed
   * @param extra more diagnostics to underline, with offsets into {@code text}
   */
  public ConfigStyler(ParseResult<?> result, String text, List<Diagnostic> extra) {
    this.result = Objects.requireNonNull(result, "result");
    this.text = Objects.requireNonNull(text, "text");
    this.length = text.length();
    this.extra = List.copyOf(extra);
  }

  /**
   * Computes the styling.
   *
   * @return style classes covering exactly the text's length, and the diagnostics
   */
  public Highlighting highlighting() {
    List<Diagnostic> all = new ArrayList<>(result.diagnostics());
    all.addAll(extra);
    all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
    return new Highlighting(styles(all), all, length);
  }

  private StyleSpans<Collection<String>> styles(List<Diagnostic> diagnostics) {
    List<Region> lexemes = new ArrayList<>();
    for (Lexeme l : result.lexemes()) {
      Region r = clamp(l.start(), l.end(), LexemeStyles.of(l.kind()));
      int word = text == null ? -1 : directiveWordEnd(l, r);
      if (word > r.start()) {
        lexemes.add(new Region(r.start(), word, LexemeStyles.of(LexemeKind.DIRECTIVE)));
        if (word < r.end()) {
          lexemes.add(new Region(word, r.end(), r.styleClass()));
        }
      } else {
        lexemes.add(r);
      }
    }
    List<Region> problems = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
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

  /**
   * Where a directive word ends when a lexeme the grammar did not call a directive starts a line
   * with one; -1 otherwise.
   */
  private int directiveWordEnd(Lexeme l, Region r) {
    if (l.kind() == LexemeKind.DIRECTIVE
        || l.kind() == LexemeKind.COMMENT
        || l.kind() == LexemeKind.WHITESPACE
        || l.kind() == LexemeKind.CONTINUATION
        || r.start() >= r.end()) {
      return -1;
    }
    for (int i = r.start() - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
      if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        return -1;
      }
    }
    int end = r.start();
    while (end < r.end() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return Directives.isDirective(text.substring(r.start(), end)) ? end : -1;
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
