package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Reads the words of one file's logical lines: turns their offsets into spans of the file, their
 * text into {@link ShellWord}s, classifies their characters and collects the diagnostics about
 * them. The directive, condition and {@code if} readers share one per file; used once.
 */
final class WordReader {
  /**
   * A word of a logical line: characters {@code [start, end)} of the logical text.
   *
   * @param start offset of its first character
   * @param end offset just past its last character
   */
  record At(int start, int end) {}

  private final SourceText source;
  private final LogicalLines lines;
  private final String logical;
  private final WordScanner scanner;
  private final LexemeMarks marks;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  /**
   * Reads words of a file's logical lines.
   *
   * @param source the file
   * @param lines its logical lines
   * @param marks where its characters are classified
   */
  WordReader(SourceText source, LogicalLines lines, LexemeMarks marks) {
    this.source = source;
    this.lines = lines;
    this.logical = lines.text();
    this.marks = marks;
    this.scanner = new WordScanner(logical, this::span);
  }

  /** The file's name. */
  String file() {
    return source.file();
  }

  /** The file. */
  SourceText source() {
    return source;
  }

  /** The 1-based number of the last physical line of 1-based logical line {@code line}. */
  int lastPhysicalLine(int line) {
    return lines.lastPhysicalLine(line);
  }

  /** The diagnostics so far, in the order they were found. */
  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * The words the parser grouped.
   *
   * @param bounds word {@code i} is logical {@code [bounds[2i], bounds[2i+1])}
   * @param count the number of words
   * @return the words in order
   */
  static List<At> words(int[] bounds, int count) {
    if (count == 0) {
      return List.of();
    }
    List<At> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      words.add(new At(bounds[2 * i], bounds[2 * i + 1]));
    }
    return words;
  }

  /** The words from index {@code from} on. */
  static List<At> tail(List<At> words, int from) {
    return from >= words.size() ? List.of() : words.subList(from, words.size());
  }

  /** The text of a word. */
  String text(At w) {
    return logical.substring(w.start(), w.end());
  }

  /** Whether a word is {@code text}, without copying it. */
  boolean is(At w, String text) {
    return w.end() - w.start() == text.length() && logical.startsWith(text, w.start());
  }

  /** Whether a word starts with {@code prefix}, without copying it. */
  boolean startsWith(At w, String prefix) {
    return w.end() - w.start() >= prefix.length() && logical.startsWith(prefix, w.start());
  }

  /** The logical text. */
  String logical() {
    return logical;
  }

  /** The word written at logical {@code [start, end)}, its parts found; nothing marked. */
  ShellWord word(int start, int end) {
    return scanner.word(start, end);
  }

  /** The first word classified as {@code kind}, or an empty word at {@code lineEnd}. */
  ShellWord name(List<At> words, int lineEnd, LexemeKind kind) {
    return words.isEmpty() ? scanner.word(lineEnd, lineEnd) : shellWord(words.get(0), kind);
  }

  /** Each word classified as {@code kind}, its quotes checked. */
  List<ShellWord> shellWords(List<At> words, LexemeKind kind) {
    List<ShellWord> out = new ArrayList<>(words.size());
    for (At w : words) {
      out.add(shellWord(w, kind));
    }
    return out;
  }

  /** The word, its text classified as {@code kind} and its quotes checked. */
  ShellWord shellWord(At w, LexemeKind kind) {
    ShellWord word = markShell(w, kind);
    checkQuotes(word, Severity.ERROR, "");
    return word;
  }

  /** The word, its text classified as {@code kind}, its variables and quotes over that. */
  ShellWord markShell(At w, LexemeKind kind) {
    ShellWord word = scanner.word(w.start(), w.end());
    markLogical(w.start(), w.end(), kind);
    marks.overlayParts(word);
    return word;
  }

  /** Classifies logical characters {@code [start, end)}. */
  void markLogical(int start, int end, LexemeKind kind) {
    marks.markLogical(lines, start, end, kind);
  }

  /** Classifies a token's characters. */
  void markToken(Token t, LexemeKind kind) {
    markLogical(t.getStartIndex(), t.getStopIndex() + 1, kind);
  }

  /** Marks the variables, substitutions and quotes of a word over its plain marks. */
  void overlayParts(ShellWord word) {
    marks.overlayParts(word);
  }

  /** Reports each unclosed quote or backquote of a word. */
  void checkQuotes(ShellWord word, Severity severity, String why) {
    List<ShellWord.Part> parts = word.parts();
    for (int i = 0; i < parts.size(); i++) {
      ShellWord.Part p = parts.get(i);
      boolean unclosed =
          (p instanceof ShellWord.Part.Quoted q && !q.closed())
              || (p instanceof ShellWord.Part.Substitution s && s.backquoted() && !s.closed());
      if (unclosed) {
        String quote = source.text().substring(p.span().start(), p.span().start() + 1);
        diagnostics.add(
            new Diagnostic(
                severity,
                p.span(),
                "unterminated-quote",
                "unterminated " + quote + " quote" + (why.isEmpty() ? "" : ": " + why),
                quote,
                Optional.empty()));
      }
    }
  }

  /** Warns about words from index {@code from} on, when there are any. */
  void ignoredWords(List<At> words, int from, String why) {
    if (from < words.size()) {
      int start = words.get(from).start();
      int end = words.get(words.size() - 1).end();
      warn(span(start, end), "ignored-words", why, logical.substring(start, end));
    }
  }

  /** Warns that an {@code add} prefix does nothing on {@code keyword}. */
  void ignoredAdd(Span span, boolean add, String keyword) {
    if (add) {
      warn(span, "ignored-add", "'add' has no effect on " + keyword, "add");
    }
  }

  /** Adds a warning. */
  void warn(Span span, String code, String message, String offending) {
    diagnostics.add(Diagnostic.warning(span, code, message, offending));
  }

  /** Adds a diagnostic. */
  void report(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
  }

  /** The span of a word. */
  Span span(At w) {
    return span(w.start(), w.end());
  }

  /** The span of words {@code [from, to)}, or an empty span at {@code lineEnd}. */
  Span range(List<At> words, int from, int to, int lineEnd) {
    if (from >= to || from >= words.size()) {
      return span(lineEnd, lineEnd);
    }
    return span(words.get(from).start(), words.get(to - 1).end());
  }

  /** The span in the file of logical characters {@code [start, end)}. */
  Span span(int start, int end) {
    int last = logical.length() - 1;
    if (last < 0) {
      return source.span(0, 0);
    }
    int s = Math.min(Math.max(start, 0), last);
    if (end <= start) {
      int o = lines.origin(s);
      return source.span(o, o);
    }
    int e = Math.min(end - 1, last);
    return source.span(lines.origin(s), lines.origin(e) + 1);
  }
}
