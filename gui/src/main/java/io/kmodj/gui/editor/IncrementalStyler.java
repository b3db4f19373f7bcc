package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Styles only the part of a text an edit touched: the logical lines (a line ending in {@code \} and
 * the lines it joins count as one) around the changed characters are parsed on their own and
 * styled, and the result covers exactly those characters. Both dialects are line-based for
 * colouring, so a logical line styles the same alone as within its file; what depends on the whole
 * file (an {@code if} without {@code endif}, findings of {@code check}) comes from the whole-file
 * pass that follows when typing pauses. Plain Java: no JavaFX, safe on any thread.
 */
public final class IncrementalStyler {
  /**
   * Styles for characters {@code [from, from + highlighting.textLength())} of a text.
   *
   * @param from where the styled range starts
   * @param highlighting the styles of the range, and its diagnostics with offsets into the range
   */
  public record Update(int from, Highlighting highlighting) {
    /** Checks the range. */
    public Update {
      Objects.requireNonNull(highlighting, "highlighting");
      if (from < 0) {
        throw new IllegalArgumentException("negative start " + from);
      }
    }

    /** Where the styled range ends (exclusive). */
    public int to() {
      return from + highlighting.textLength();
    }
  }

  private final BiFunction<String, String, ParseResult<?>> parser;

  /**
   * Prepares to style parts of texts.
   *
   * @param parser parses a file name and a text (of whole logical lines)
   */
  public IncrementalStyler(BiFunction<String, String, ParseResult<?>> parser) {
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /**
   * Styles the logical lines an edit touched.
   *
   * @param name the file name for diagnostics
   * @param text the whole text after the edit
   * @param changeStart where the changed characters start in {@code text}
   * @param changeEnd where they end (exclusive; equal to the start for a deletion)
   * @param findings more diagnostics on the whole text (offsets into {@code text}) to underline
   *     where they fall into the styled range
   * @return the styles of the touched range
   */
  public Update restyle(
      String name, String text, int changeStart, int changeEnd, List<Diagnostic> findings) {
    int from = logicalLineStart(text, changeStart);
    // and the logical line after: deleting a backslash ends a logical line early, and the line it
    // joined must lose its continuation colours
    int to = logicalLineEnd(text, logicalLineEnd(text, Math.max(changeStart, changeEnd)));
    String slice = text.substring(from, to);
    List<Diagnostic> inside = new ArrayList<>();
    for (Diagnostic d : findings) {
      Span s = d.span();
      if (s.start() >= from && s.end() <= to) {
        inside.add(
            new Diagnostic(
                d.severity(),
                new Span(
                    s.file(), s.line(), s.column(), s.endLine(), s.start() - from, s.end() - from),
                d.code(),
                d.message(),
                d.offending(),
                d.related()));
      }
    }
    Highlighting h = new ConfigStyler(parser.apply(name, slice), slice, inside).highlighting();
    return new Update(from, h);
  }

  /**
   * Moves diagnostics over an edit: those after it by the change in length, those it overlaps to
   * cover at least the inserted text, so that an underline stays on its words until the next whole
   * pass replaces it.
   *
   * @param diagnostics diagnostics with offsets into the text before the edit
   * @param at where the edit starts
   * @param removed how many characters it removed
   * @param inserted how many it inserted
   * @return the diagnostics with offsets into the text after the edit
   */
  public static List<Diagnostic> shift(
      List<Diagnostic> diagnostics, int at, int removed, int inserted) {
    List<Diagnostic> out = new ArrayList<>(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      Span s = d.span();
      // text inserted right before a diagnostic pushes it on; text typed at its end extends it
      int start =
          s.start() < at
              ? s.start()
              : s.start() >= at + removed ? s.start() - removed + inserted : at;
      int end = Math.max(start, shift(s.end(), at, removed, inserted));
      if (s.start() < at && s.end() >= at) {
        end = Math.max(end, at + inserted);
      }
      out.add(
          start == s.start() && end == s.end()
              ? d
              : new Diagnostic(
                  d.severity(),
                  new Span(s.file(), s.line(), s.column(), s.endLine(), start, end),
                  d.code(),
                  d.message(),
                  d.offending(),
                  d.related()));
    }
    return out;
  }

  /**
   * Where an offset moves to when {@code removed} characters at {@code at} become {@code inserted}.
   */
  static int shift(int offset, int at, int removed, int inserted) {
    if (offset <= at) {
      return offset;
    }
    if (offset >= at + removed) {
      return offset - removed + inserted;
    }
    return at + inserted;
  }

  /**
   * Where the logical line holding an offset starts: the start of its physical line, moved back
   * over lines that end in a backslash.
   *
   * @param text the text
   * @param offset an offset in {@code [0, text.length()]}
   * @return the start offset
   */
  public static int logicalLineStart(String text, int offset) {
    int start = Math.min(Math.max(offset, 0), text.length());
    while (true) {
      int nl = text.lastIndexOf('\n', start - 1);
      if (nl < 0) {
        return 0;
      }
      start = nl + 1;
      // the previous physical line continues into this one
      if (nl > 0 && text.charAt(nl - 1) == '\\') {
        start = nl;
        continue;
      }
      return start;
    }
  }

  /**
   * Where the logical line holding an offset ends: after the newline of its physical line, moved on
   * over lines a backslash continues; the text's end when no newline follows.
   *
   * @param text the text
   * @param offset an offset in {@code [0, text.length()]}
   * @return the end offset (exclusive)
   */
  public static int logicalLineEnd(String text, int offset) {
    int at = Math.min(Math.max(offset, 0), text.length());
    while (true) {
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        return text.length();
      }
      if (nl > 0 && text.charAt(nl - 1) == '\\') {
        at = nl + 1;
        continue;
      }
      return nl + 1;
    }
  }
}
