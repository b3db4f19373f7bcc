package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SlimToken;
import io.kmodj.grammar.text.SourceText;
import io.kmodj.grammar.text.TextCharStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses modules.conf text into a {@link ModulesConfFile}, as modutils 2.4's config.c reads it:
 * comments cut at any {@code #}, continued lines joined, an optional {@code add} prefix, a keyword
 * ending at a blank or {@code =}, and every other line an invalid line ({@code Invalid line N in
 * FILE}) that is reported and skipped. {@code if} blocks are nested with an explicit stack; their
 * structural errors use modutils' words too ({@code unmatched endif in line N}, {@code missing
 * endif at FILE EOF}).
 *
 * <p>The work is shared out: {@link LogicalLines} joins the lines, the generated parser reads one
 * logical line at a time, {@link DirectiveReader} builds each directive ({@link ConditionReader}
 * its condition, {@link IfStack} the nesting), {@link WordReader} reads the words and {@link
 * LexemeMarks} classifies the characters.
 */
public final class ModulesConfSyntax {
  /** modutils' limit on nested {@code if}s ({@code Too many nested if's}). */
  public static final int MAX_IF_DEPTH = 20;

  private ModulesConfSyntax() {}

  /**
   * Parses one file.
   *
   * @param file the file name to report in spans and diagnostics
   * @param text the file's text
   * @return the directives, the diagnostics and the classified text; never throws on bad input
   */
  public static ParseResult<ModulesConfFile> parse(String file, String text) {
    return new Builder(file, text).build();
  }

  /**
   * Parses one file given as bytes, decoded as UTF-8 (malformed bytes become U+FFFD).
   *
   * @param file the file name to report in spans and diagnostics
   * @param bytes the file's content
   * @return as {@link #parse(String, String)}
   */
  public static ParseResult<ModulesConfFile> parse(String file, byte[] bytes) {
    return parse(file, new String(bytes, StandardCharsets.UTF_8));
  }

  /** Reads one file a line at a time; used once. */
  private static final class Builder {
    private final LexemeMarks marks;
    private final LogicalLines lines;
    private final WordReader words;
    private final IfStack blocks;
    private final DirectiveReader directives;

    Builder(String file, String text) {
      this.marks = new LexemeMarks(text.length());
      this.lines = new LogicalLines(text, marks);
      this.words = new WordReader(new SourceText(file, text), lines, marks);
      this.blocks = new IfStack(words);
      this.directives = new DirectiveReader(words, blocks);
    }

    ParseResult<ModulesConfFile> build() {
      ModulesConfParser parser = parser();
      // one line at a time: each line's tree is handled and dropped, so a 100,000-line file
      // never holds one parse tree (nor one token list) of the whole file
      while (parser.getInputStream().LA(1) != Token.EOF) {
        ModulesConfParser.LineContext line = parser.line();
        if (line.exception != null) {
          continue; // reported by the error listener
        }
        // the labels set say which alternative the line was
        if (line.body != null) {
          directives.read(line, parser.words, parser.wordCount);
        } else if (line.bad != null) {
          invalid(line);
        } else if (line.add != null) {
          // config.c drops the prefix and ignores the empty line left
          words.markToken(line.add, LexemeKind.KEYWORD);
        }
      }
      List<Directive> top = blocks.finish();
      List<Diagnostic> diagnostics = words.diagnostics();
      diagnostics.sort(
          (a, b) -> a.span().start() != b.span().start() ? a.span().start() - b.span().start() : 0);
      return new ParseResult<>(
          new ModulesConfFile(words.file(), top), diagnostics, marks.lexemes());
    }

    private ModulesConfParser parser() {
      ModulesConfLexer lexer = new ModulesConfLexer(TextCharStream.of(lines.text(), words.file()));
      lexer.removeErrorListeners();
      // before the stream reads its first token
      lexer.setTokenFactory(SlimToken.FACTORY);
      ModulesConfParser parser = new ModulesConfParser(new UnbufferedTokenStream<>(lexer, 256));
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
              // the grammar accepts every input; if it ever does not, say so and go on
              int at = offending instanceof Token t ? Math.max(0, t.getStartIndex()) : 0;
              words.report(
                  Diagnostic.error(
                      words.span(at, at), "internal", "cannot read this line: " + msg, ""));
            }
          });
      parser.setErrorHandler(
          new DefaultErrorStrategy() {
            @Override
            public void sync(Parser recognizer) {
              // the grammar accepts every line, so there is nothing to resynchronise before a
              // loop or an optional part; an error would still be reported where it is met
            }
          });
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      // the builder reads the labelled fields of each line's contexts, never their children
      parser.setBuildParseTree(false);
      return parser;
    }

    /** A line config.c does not know: reported and skipped. */
    private void invalid(ModulesConfParser.LineContext bad) {
      Token head = bad.bad.getStart();
      int start = bad.add != null ? bad.add.getStartIndex() : head.getStartIndex();
      // the bad line runs to the end of the line, trailing blanks included
      int end = bad.nl.getStartIndex();
      Span span = words.span(start, end);
      String keyword = head.getText();
      if (keyword.endsWith("=")) {
        keyword = keyword.substring(0, keyword.length() - 1);
      }
      // modutils: "Invalid line N in FILE" then a tab and the keyword (record 18)
      words.report(
          Diagnostic.error(
              span,
              "invalid-line",
              "Invalid line " + words.lastPhysicalLine(head.getLine()) + " in " + words.file(),
              keyword));
      words.markLogical(start, end, LexemeKind.ERROR);
    }
  }
}
