package io.kmodj.grammar.modprobed;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SourceText;
import io.kmodj.grammar.text.Word;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

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

  /** Walks the parse tree of one file; used once. */
  private static final class Builder {
    private final SourceText source;
    private final int length;
    private CommonTokenStream tokens;
    private final byte[] kinds;
    private final List<Directive> directives = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private boolean warnedCarriageReturn;

    Builder(String file, String text) {
      this.source = new SourceText(file, text);
      this.length = text.length();
      this.kinds = new byte[length];
    }

    ParseResult<ModprobeDFile> build() {
      ModprobeDParser.FileContext tree = parseTree(source.text());
      for (ModprobeDParser.LineContext line : tree.line()) {
        if (line instanceof ModprobeDParser.DirectiveLineContext d) {
          directive(d);
        } else if (line instanceof ModprobeDParser.InvalidLineContext bad) {
          badLine(bad, bad.badLine().getStart());
        } else if (line instanceof ModprobeDParser.BlankLineContext blank) {
          blank(blank);
        }
      }
      return new ParseResult<>(
          new ModprobeDFile(source.file(), directives), diagnostics, lexemes());
    }

    private ModprobeDParser.FileContext parseTree(String text) {
      // every line must end with a newline for the grammar; a continuation at the very end
      // joins an empty line, as kmod's reader does at end of file
      String input = text;
      if (!input.endsWith("\n")) {
        input += "\n";
      }
      if (input.endsWith("\\\n")) {
        input += "\n";
      }
      ModprobeDLexer lexer = new ModprobeDLexer(CharStreams.fromString(input, source.file()));
      lexer.removeErrorListeners();
      tokens = new CommonTokenStream(lexer);
      ModprobeDParser parser = new ModprobeDParser(tokens);
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
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      return parser.file();
    }

    private void blank(ModprobeDParser.BlankLineContext line) {
      if (line.COMMENT() != null) {
        mark(line.COMMENT().getSymbol(), LexemeKind.COMMENT);
      }
      if (line.WS() != null) {
        whitespace(line.WS().getSymbol());
      }
    }

    private void directive(ModprobeDParser.DirectiveLineContext line) {
      markLineDefaults(line);
      ModprobeDParser.DirectiveContext d = line.directive();
      Span span = lineSpan(d);
      mark(d.getStart(), LexemeKind.DIRECTIVE);
      checkCarriageReturn(d);
      if (d instanceof ModprobeDParser.AliasDirectiveContext a) {
        Word name = word(a.word(0));
        Word module = word(a.word(1));
        if (kmodName(name.text()) && kmodName(module.text())) {
          mark(a.word(0), LexemeKind.ALIAS);
          mark(a.word(1), LexemeKind.MODULE);
          directives.add(new Directive.Alias(span, name, module));
          return;
        }
      } else if (d instanceof ModprobeDParser.OptionsDirectiveContext o) {
        Word name = word(o.word());
        Word options = rest(o.WS(1).getSymbol(), o.rest());
        if (kmodName(name.text()) && options != null) {
          mark(o.word(), LexemeKind.MODULE);
          markOptions(options);
          directives.add(new Directive.Options(span, name, options));
          return;
        }
      } else if (d instanceof ModprobeDParser.InstallDirectiveContext i) {
        Word name = word(i.word());
        Word command = rest(i.WS(1).getSymbol(), i.rest());
        if (kmodName(name.text()) && command != null) {
          mark(i.word(), LexemeKind.MODULE);
          mark(i.rest(), LexemeKind.COMMAND);
          directives.add(new Directive.Install(span, name, command));
          return;
        }
      } else if (d instanceof ModprobeDParser.RemoveDirectiveContext r) {
        Word name = word(r.word());
        Word command = rest(r.WS(1).getSymbol(), r.rest());
        if (kmodName(name.text()) && command != null) {
          mark(r.word(), LexemeKind.MODULE);
          mark(r.rest(), LexemeKind.COMMAND);
          directives.add(new Directive.Remove(span, name, command));
          return;
        }
      } else if (d instanceof ModprobeDParser.BlacklistDirectiveContext b) {
        Word name = word(b.word());
        if (kmodName(name.text())) {
          mark(b.word(), LexemeKind.MODULE);
          directives.add(new Directive.Blacklist(span, name));
          return;
        }
      } else if (d instanceof ModprobeDParser.SoftdepDirectiveContext s) {
        Word name = word(s.word());
        Word text = rest(s.WS(1).getSymbol(), s.rest());
        if (kmodName(name.text()) && text != null) {
          mark(s.word(), LexemeKind.MODULE);
          directives.add(softdep(span, name, text));
          return;
        }
      } else if (d instanceof ModprobeDParser.WeakdepDirectiveContext w) {
        Word name = word(w.word());
        if (kmodName(name.text())) {
          mark(w.word(), LexemeKind.MODULE);
          List<Word> modules =
              w.rest() == null
                  ? List.of()
                  : splitBlanks(rest(w.WS(1).getSymbol(), w.rest()), LexemeKind.MODULE);
          directives.add(new Directive.Weakdep(span, name, modules));
          return;
        }
      } else if (d instanceof ModprobeDParser.DeprecatedDirectiveContext) {
        String cmd = d.getStart().getText();
        diagnostics.add(
            Diagnostic.warning(
                span,
                "deprecated",
                "command " + cmd + " is deprecated and not parsed anymore",
                cmd));
        markRange(span.start(), span.end(), LexemeKind.ERROR);
        return;
      }
      badLine(d, d.getStart());
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

    private void badLine(ParserRuleContext ctx, Token first) {
      Span span = lineSpan(ctx);
      StringBuilder cmd = new StringBuilder();
      for (int i = first.getTokenIndex(); i <= ctx.getStop().getTokenIndex(); i++) {
        Token t = tokens.get(i);
        if (t.getType() == ModprobeDLexer.WS || t.getType() == ModprobeDLexer.NL) {
          break;
        }
        cmd.append(t.getText());
      }
      String word = unescape(cmd.toString());
      diagnostics.add(
          Diagnostic.error(
              span,
              "bad-line",
              "ignoring bad line starting with '" + word + "'",
              source.text().substring(span.start(), span.end())));
      markRange(span.start(), span.end(), LexemeKind.ERROR);
    }

    /** The span of a logical line: its first token to its last, without the newline. */
    private Span lineSpan(ParserRuleContext ctx) {
      int start = ctx.getStart().getStartIndex();
      int end = start;
      for (int i = ctx.getStop().getTokenIndex(); i >= ctx.getStart().getTokenIndex(); i--) {
        Token t = tokens.get(i);
        if (t.getType() != ModprobeDLexer.NL) {
          end = t.getStopIndex() + 1;
          break;
        }
      }
      return source.span(start, end);
    }

    private Word word(ModprobeDParser.WordContext ctx) {
      int start = ctx.getStart().getStartIndex();
      int end = ctx.getStop().getStopIndex() + 1;
      return new Word(unescape(source.text().substring(start, end)), source.span(start, end));
    }

    /**
     * The rest of a line as kmod's {@code strtok_r(NULL, "\0", ...)} returns it: everything after
     * the one blank that ended the previous word, or null when nothing is left.
     */
    private Word rest(Token separator, ModprobeDParser.RestContext ctx) {
      if (ctx == null) {
        return null;
      }
      int start = separator.getStartIndex();
      int end = ctx.getStop().getStopIndex() + 1;
      String joined = unescape(source.text().substring(start, end));
      // the separator token may begin with continuations; the blank strtok ate is the first
      // character left after joining
      String text = joined.isEmpty() ? "" : joined.substring(1);
      if (text.isEmpty()) {
        return null;
      }
      return new Word(text, source.span(ctx.getStart().getStartIndex(), end));
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

    private void checkCarriageReturn(ParserRuleContext d) {
      if (warnedCarriageReturn) {
        return;
      }
      Span span = lineSpan(d);
      int cr = source.text().indexOf('\r', span.start());
      if (cr >= 0 && cr < span.end()) {
        warnedCarriageReturn = true;
        diagnostics.add(
            Diagnostic.warning(
                source.span(cr, cr + 1),
                "carriage-return",
                "carriage return (CRLF line ending): kmod keeps it as part of the last word",
                "\r"));
      }
    }

    private void markOptions(Word options) {
      for (Word w : splitBlanks(options, LexemeKind.OPTION_VALUE)) {
        int eq = w.text().indexOf('=');
        if (eq > 0) {
          int s = w.span().start();
          markRange(s, Math.min(s + eq, w.span().end()), LexemeKind.OPTION_NAME);
        }
      }
    }

    /** Every token of a line gets its lexical kind before the directive refines it. */
    private void markLineDefaults(ParserRuleContext line) {
      for (int i = line.getStart().getTokenIndex(); i <= line.getStop().getTokenIndex(); i++) {
        Token t = tokens.get(i);
        if (t.getType() == ModprobeDLexer.WS) {
          whitespace(t);
        } else if (t.getType() != ModprobeDLexer.NL) {
          mark(t, LexemeKind.TEXT);
        }
      }
    }

    private void whitespace(Token ws) {
      String text = ws.getText();
      int base = ws.getStartIndex();
      for (int i = 0; i < text.length(); i++) {
        boolean cont = text.charAt(i) == '\\';
        LexemeKind kind = cont ? LexemeKind.CONTINUATION : LexemeKind.WHITESPACE;
        markRange(base + i, base + i + (cont ? 2 : 1), kind);
        if (cont) {
          i++;
        }
      }
    }

    private void mark(Token t, LexemeKind kind) {
      markRange(t.getStartIndex(), t.getStopIndex() + 1, kind);
    }

    private void mark(ParserRuleContext ctx, LexemeKind kind) {
      markRange(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex() + 1, kind);
    }

    @SuppressWarnings("EnumOrdinal") // a byte per character keeps a 1 MB line cheap to classify
    private void markRange(int start, int end, LexemeKind kind) {
      int e = Math.min(end, length);
      for (int i = Math.max(0, start); i < e; i++) {
        kinds[i] = (byte) (kind.ordinal() + 1);
      }
    }

    /** Run-length encodes the per-character kinds; unmarked characters are whitespace. */
    private List<Lexeme> lexemes() {
      List<Lexeme> out = new ArrayList<>();
      LexemeKind[] all = LexemeKind.values();
      int i = 0;
      while (i < length) {
        int k = kinds[i];
        int j = i + 1;
        while (j < length && kinds[j] == k) {
          j++;
        }
        out.add(new Lexeme(k == 0 ? LexemeKind.WHITESPACE : all[k - 1], i, j));
        i = j;
      }
      return out;
    }
  }
}
