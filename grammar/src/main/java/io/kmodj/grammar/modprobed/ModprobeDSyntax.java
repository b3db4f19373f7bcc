package io.kmodj.grammar.modprobed;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.LexemeList;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SlimToken;
import io.kmodj.grammar.text.SourceText;
import io.kmodj.grammar.text.TextCharStream;
import io.kmodj.grammar.text.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Parses modprobe.d text into a {@link ModprobeDFile}, as kmod 30's {@code kmod_config_parse} reads
 * it: continued lines joined, {@code #} comments only in the first column, each directive with its
 * number of words, and every other line reported as a bad line ({@code ignoring bad line starting
 * with 'WORD'}) and skipped.
 */
public final class ModprobeDSyntax {
  private ModprobeDSyntax() {}

  /**
   * Parses one file.
   *
   * @param file the file name to report in spans and diagnostics
   * @param text the file's text
   * @return the directives, the diagnostics and the classified text; never throws on bad input
   */
  public static ParseResult<ModprobeDFile> parse(String file, String text) {
    return new Builder(file, text).build();
  }

  /**
   * The lexer, with kmod's order of work at the start of a line: kmod's reader drops each backslash
   * before it splits the line into words, so a first word written with escapes ({@code al\ias})
   * still names its directive. The grammar's keywords are literal, so such a word comes out of the
   * lexer as a plain word; it is given its keyword's type here.
   */
  private static final class KeywordLexer extends ModprobeDLexer {
    private static final Map<String, Integer> KEYWORDS =
        Map.of(
            "alias", ALIAS,
            "options", OPTIONS,
            "install", INSTALL,
            "remove", REMOVE,
            "blacklist", BLACKLIST,
            "softdep", SOFTDEP,
            "weakdep", WEAKDEP,
            "include", INCLUDE,
            "config", CONFIG);

    private boolean lineStart = true;

    KeywordLexer(CharStream input) {
      super(input);
    }

    @Override
    public Token emit() {
      if (_type == WORD && lineStart) {
        String raw = _input.getText(Interval.of(_tokenStartCharIndex, getCharIndex() - 1));
        if (raw.indexOf('\\') >= 0) {
          Integer keyword = KEYWORDS.get(Builder.unescape(raw));
          if (keyword != null) {
            _type = keyword;
          }
        }
      }
      lineStart = _type == NL;
      return super.emit();
    }
  }

  /** Walks the parse tree of one file; used once. */
  private static final class Builder {
    private final SourceText source;
    private final int length;
    private final byte[] kinds;
    private final List<Directive> directives = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private boolean warnedCarriageReturn;
    private int nextCarriageReturn = -1;

    Builder(String file, String text) {
      this.source = new SourceText(file, text);
      this.length = text.length();
      this.kinds = new byte[length];
    }

    ParseResult<ModprobeDFile> build() {
      ModprobeDParser parser = parser(source.text());
      // one line at a time: each line's tree is handled and dropped, so a 100,000-line file
      // never holds one parse tree (nor one token list) of the whole file
      while (parser.getInputStream().LA(1) != Token.EOF) {
        ModprobeDParser.LineContext line = parser.line();
        if (line.head != null) {
          directive(line);
        } else if (line.bad != null) {
          badLine(line.bad, line.nl.getStartIndex());
        } else if (line.comment != null) {
          mark(line.comment, LexemeKind.COMMENT);
        }
      }
      return new ParseResult<>(
          new ModprobeDFile(source.file(), directives), diagnostics, lexemes());
    }

    private ModprobeDParser parser(String text) {
      // every line must end with a newline for the grammar; a continuation at the very end
      // joins an empty line, as kmod's reader does at end of file
      String input = text;
      if (!input.endsWith("\n")) {
        input += "\n";
      }
      if (input.endsWith("\\\n")) {
        input += "\n";
      }
      ModprobeDLexer lexer = new KeywordLexer(TextCharStream.of(input, source.file()));
      lexer.removeErrorListeners();
      // before the stream reads its first token
      lexer.setTokenFactory(SlimToken.FACTORY);
      ModprobeDParser parser = new ModprobeDParser(new UnbufferedTokenStream<>(lexer, 256));
      parser.removeErrorListeners();
      parser.addErrorListener(
          new BaseErrorListener() {
            @Override
            public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offending,
                int line,
                int column,
                String msg,
                RecognitionException e) {
              // the grammar accepts every input; reaching here is a bug in the grammar
              throw new IllegalStateException(
                  source.file() + ":" + line + ":" + (column + 1) + ": " + msg);
            }
          });
      parser.setErrorHandler(
          new DefaultErrorStrategy() {
            @Override
            public void sync(Parser recognizer) {
              // the grammar accepts every line, so there is nothing to resynchronise before a
              // loop or an optional part (a tenth of the parse went here); an error would still
              // be reported, and thrown, where it is met
            }
          });
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      // the builder reads the labelled fields of each line's contexts, never their children
      parser.setBuildParseTree(false);
      return parser;
    }

    private void directive(ModprobeDParser.LineContext line) {
      Token head = line.head;
      // the rest of the line, from its first word to its last (null when there is none)
      Token first = line.first;
      Token last = line.last != null ? line.last : line.first;
      int lineEnd = line.nl.getStartIndex();
      Span span = source.span(head.getStartIndex(), lineEnd);
      mark(head, LexemeKind.DIRECTIVE);
      checkCarriageReturn(span);
      switch (head.getType()) {
        case ModprobeDLexer.ALIAS -> {
          Word name = word(line.name);
          Word module = word(line.module);
          if (kmodName(name.text()) && kmodName(module.text())) {
            mark(line.name, LexemeKind.ALIAS);
            mark(line.module, LexemeKind.MODULE);
            markIgnored(first, last);
            directives.add(new Directive.Alias(span, name, module));
            return;
          }
        }
        case ModprobeDLexer.OPTIONS -> {
          Word name = word(line.name);
          Word options = rest(line.name, first, lineEnd);
          if (kmodName(name.text()) && options != null) {
            mark(line.name, LexemeKind.MODULE);
            markOptions(options);
            directives.add(new Directive.Options(span, name, options));
            return;
          }
        }
        case ModprobeDLexer.INSTALL -> {
          Word name = word(line.name);
          Word command = rest(line.name, first, lineEnd);
          if (kmodName(name.text()) && command != null) {
            mark(line.name, LexemeKind.MODULE);
            mark(first, last, LexemeKind.COMMAND);
            directives.add(new Directive.Install(span, name, command));
            return;
          }
        }
        case ModprobeDLexer.REMOVE -> {
          Word name = word(line.name);
          Word command = rest(line.name, first, lineEnd);
          if (kmodName(name.text()) && command != null) {
            mark(line.name, LexemeKind.MODULE);
            mark(first, last, LexemeKind.COMMAND);
            directives.add(new Directive.Remove(span, name, command));
            return;
          }
        }
        case ModprobeDLexer.BLACKLIST -> {
          Word name = word(line.name);
          if (kmodName(name.text())) {
            mark(line.name, LexemeKind.MODULE);
            markIgnored(first, last);
            directives.add(new Directive.Blacklist(span, name));
            return;
          }
        }
        case ModprobeDLexer.SOFTDEP -> {
          Word name = word(line.name);
          Word text = rest(line.name, first, lineEnd);
          if (kmodName(name.text()) && text != null) {
            mark(line.name, LexemeKind.MODULE);
            directives.add(softdep(span, name, text));
            return;
          }
        }
        case ModprobeDLexer.WEAKDEP -> {
          Word name = word(line.name);
          if (kmodName(name.text())) {
            mark(line.name, LexemeKind.MODULE);
            List<Word> modules =
                first == null
                    ? List.of()
                    : splitBlanks(rest(line.name, first, lineEnd), LexemeKind.MODULE);
            directives.add(new Directive.Weakdep(span, name, modules));
            return;
          }
        }
        default -> {
          // include and config
          String cmd = head.getText();
          diagnostics.add(
              Diagnostic.warning(
                  span,
                  "deprecated",
                  "command " + cmd + " is deprecated and not parsed anymore",
                  cmd));
          markRange(span.start(), span.end(), LexemeKind.ERROR);
          return;
        }
      }
      badLine(head, lineEnd);
    }

    private Directive.Softdep softdep(Span span, Word name, Word text) {
      // kmod_config_add_softdep: blank-separated words; "pre:" and "post:" switch lists,
      // words before either are ignored
      List<Word> pre = new ArrayList<>();
      List<Word> post = new ArrayList<>();
      List<Word> target = null;
      for (Word w : splitBlanks(text, LexemeKind.MODULE)) {
        if (w.text().equals("pre:")) {
          target = pre;
          markRange(w.span().start(), w.span().end(), LexemeKind.KEYWORD);
        } else if (w.text().equals("post:")) {
          target = post;
          markRange(w.span().start(), w.span().end(), LexemeKind.KEYWORD);
        } else if (target != null) {
          target.add(w);
        } else {
          markRange(w.span().start(), w.span().end(), LexemeKind.TEXT);
        }
      }
      return new Directive.Softdep(span, name, text, pre, post);
    }

    private void badLine(Token first, int lineEnd) {
      Span span = source.span(first.getStartIndex(), lineEnd);
      String word = unescape(first.getText());
      diagnostics.add(
          Diagnostic.error(
              span,
              "bad-line",
              "ignoring bad line starting with '" + word + "'",
              source.text().substring(span.start(), span.end())));
      markRange(span.start(), span.end(), LexemeKind.ERROR);
    }

    private Word word(Token t) {
      int start = t.getStartIndex();
      int end = t.getStopIndex() + 1;
      return new Word(unescape(source.text().substring(start, end)), source.span(start, end));
    }

    /**
     * The rest of a line as kmod's {@code strtok_r(NULL, "\0", ...)} returns it: everything after
     * the one blank that ended the previous word, or null when nothing is left.
     *
     * @param before the word the rest follows
     * @param first the first word of the rest (null when there is none)
     * @param lineEnd where the line's newline is
     */
    private Word rest(Token before, Token first, int lineEnd) {
      if (first == null) {
        return null;
      }
      int start = before.getStopIndex() + 1;
      // the blanks after the word may begin with continuations; the blank strtok ate is the first
      // character left after joining
      int end = Math.min(lineEnd, length);
      String all = source.text();
      String text;
      if (start < end && !hasBackslash(all, start, end)) {
        // nothing to unescape (the common case): one copy, without the blank strtok ate
        text = all.substring(start + 1, end);
      } else {
        String joined = unescape(all.substring(start, end));
        text = joined.isEmpty() ? "" : joined.substring(1);
      }
      if (text.isEmpty()) {
        return null;
      }
      return new Word(text, source.span(first.getStartIndex(), lineEnd));
    }

    /**
     * Splits a verbatim text at blanks (C's isspace), keeping where each word stands. Continued
     * lines inside the text make positions approximate within that line, never out of range.
     */
    private List<Word> splitBlanks(Word text, LexemeKind kind) {
      List<Word> words = new ArrayList<>();
      String t = text.text();
      int base = text.span().start();
      int limit = text.span().end();
      int i = 0;
      while (i < t.length()) {
        while (i < t.length() && isSpace(t.charAt(i))) {
          i++;
        }
        int s = i;
        while (i < t.length() && !isSpace(t.charAt(i))) {
          i++;
        }
        if (i > s) {
          int from = Math.min(base + s, limit);
          int to = Math.min(base + i, limit);
          words.add(new Word(t.substring(s, i), source.span(from, to)));
          markRange(from, to, kind);
        }
      }
      return words;
    }

    private static boolean hasBackslash(String text, int start, int end) {
      for (int i = start; i < end; i++) {
        if (text.charAt(i) == '\\') {
          return true;
        }
      }
      return false;
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /**
     * kmod's {@code underscores()} check: a {@code ]} needs an earlier {@code [}, and a {@code [}
     * needs a later {@code ]}.
     */
    private static boolean kmodName(String name) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c == ']') {
          return false;
        }
        if (c == '[') {
          int close = name.indexOf(']', i);
          if (close < 0) {
            return false;
          }
          i = close;
        }
      }
      return true;
    }

    /**
     * Removes what kmod's line reader removes: backslash-newline, and a backslash before a
     * character.
     */
    static String unescape(String raw) {
      if (raw.indexOf('\\') < 0) {
        return raw;
      }
      StringBuilder sb = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(++i);
          if (next != '\n') {
            sb.append(next);
          }
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }

    private void checkCarriageReturn(Span span) {
      if (warnedCarriageReturn) {
        return;
      }
      // spans come in file order: look for the next carriage return only past the last one found
      if (nextCarriageReturn < span.start()) {
        int found = source.text().indexOf('\r', span.start());
        nextCarriageReturn = found < 0 ? Integer.MAX_VALUE : found;
      }
      int cr = nextCarriageReturn;
      if (cr < span.end()) {
        warnedCarriageReturn = true;
        diagnostics.add(
            Diagnostic.warning(
                source.span(cr, cr + 1),
                "carriage-return",
                "carriage return (CRLF line ending): kmod keeps it as part of the last word",
                "\r"));
      }
    }

    /** Marks option names and values without building words: options lines are most lines. */
    private void markOptions(Word options) {
      String t = options.text();
      int base = options.span().start();
      int limit = options.span().end();
      int i = 0;
      while (i < t.length()) {
        while (i < t.length() && isSpace(t.charAt(i))) {
          i++;
        }
        int start = i;
        int eq = -1;
        while (i < t.length() && !isSpace(t.charAt(i))) {
          if (eq < 0 && t.charAt(i) == '=') {
            eq = i;
          }
          i++;
        }
        if (i > start) {
          int from = Math.min(base + start, limit);
          markRange(from, Math.min(base + i, limit), LexemeKind.OPTION_VALUE);
          if (eq > start) {
            markRange(from, Math.min(base + eq, limit), LexemeKind.OPTION_NAME);
          }
        }
      }
    }

    /** Words kmod reads past without a look (after an alias or blacklist). */
    private void markIgnored(Token first, Token last) {
      if (first != null) {
        mark(first, last, LexemeKind.TEXT);
      }
    }

    private void mark(Token t, LexemeKind kind) {
      markRange(t.getStartIndex(), t.getStopIndex() + 1, kind);
    }

    private void mark(Token first, Token last, LexemeKind kind) {
      markRange(first.getStartIndex(), last.getStopIndex() + 1, kind);
    }

    @SuppressWarnings("EnumOrdinal") // a byte per character keeps a 1 MB line cheap to classify
    private void markRange(int start, int end, LexemeKind kind) {
      int e = Math.min(end, length);
      for (int i = Math.max(0, start); i < e; i++) {
        kinds[i] = (byte) (kind.ordinal() + 1);
      }
    }

    /**
     * Marks every backslash-newline as kmod's reader sees it, in one pass: a backslash always takes
     * the character after it, so an escaped backslash before a newline ends the line.
     */
    private void markContinuations() {
      String t = source.text();
      for (int i = t.indexOf('\\'); i >= 0 && i < length; i = t.indexOf('\\', i)) {
        if (i + 1 < length && t.charAt(i + 1) == '\n') {
          markRange(i, i + 2, LexemeKind.CONTINUATION);
        }
        i += 2;
      }
    }

    /** Run-length encodes the per-character kinds; unmarked characters are whitespace. */
    private List<Lexeme> lexemes() {
      markContinuations();
      return LexemeList.fromCharacterKinds(kinds);
    }
  }
}
