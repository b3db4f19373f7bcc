package io.kmodj.grammar.text;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.Pair;

/**
 * A token that keeps only what the builders read: its type, its character offsets and its line. A
 * 100,000-line file makes some half a million tokens; ANTLR's {@code CommonToken} is 48 bytes, this
 * one 32. The text is read from the input when asked for, the column worked out from the input
 * (only error messages ask for it), and the channel is always the default one (the grammars use no
 * other). Immutable.
 */
public class SlimToken implements Token {
  /** Makes slim tokens; give it to a lexer before the token stream reads its first token. */
  public static final TokenFactory<SlimToken> FACTORY =
      new TokenFactory<>() {
        @Override
        public SlimToken create(
            Pair<TokenSource, CharStream> source,
            int type,
            String text,
            int channel,
            int start,
            int stop,
            int line,
            int charPositionInLine) {
          return text == null
              ? new SlimToken(source, type, start, stop, line)
              : new WithText(source, type, start, stop, line, text);
        }

        @Override
        public SlimToken create(int type, String text) {
          return new WithText(null, type, -1, -1, 0, text);
        }
      };

  private final Pair<TokenSource, CharStream> source;
  private final int type;
  private final int start;
  private final int stop;
  private final int line;

  SlimToken(Pair<TokenSource, CharStream> source, int type, int start, int stop, int line) {
    this.source = source;
    this.type = type;
    this.start = start;
    this.stop = stop;
    this.line = line;
  }

  @Override
  public String getText() {
    CharStream input = getInputStream();
    if (type == EOF) {
      return "<EOF>";
    }
    if (input == null || start < 0 || stop >= input.size()) {
      return null;
    }
    return input.getText(Interval.of(start, stop));
  }

  @Override
  public int getType() {
    return type;
  }

  @Override
  public int getLine() {
    return line;
  }

  /** Worked out from the input: the characters between the last newline before it and it. */
  @Override
  public int getCharPositionInLine() {
    CharStream input = getInputStream();
    if (input == null || start < 0) {
      return -1;
    }
    int at = Math.min(start, input.size());
    int column = 0;
    int mark = input.index();
    try {
      for (int i = at - 1; i >= 0; i--) {
        input.seek(i);
        if (input.LA(1) == '\n') {
          break;
        }
        column++;
      }
    } finally {
      input.seek(mark);
    }
    return column;
  }

  @Override
  public int getChannel() {
    return DEFAULT_CHANNEL;
  }

  /** Not kept: no builder asks where a token stands in the stream. */
  @Override
  public int getTokenIndex() {
    return -1;
  }

  @Override
  public int getStartIndex() {
    return start;
  }

  @Override
  public int getStopIndex() {
    return stop;
  }

  @Override
  public TokenSource getTokenSource() {
    return source == null ? null : source.a;
  }

  @Override
  public CharStream getInputStream() {
    return source == null ? null : source.b;
  }

  @Override
  public String toString() {
    return "[@" + start + ":" + stop + "='" + getText() + "',<" + type + ">," + line + "]";
  }

  /** A token with a text of its own: one made up by error recovery. */
  private static final class WithText extends SlimToken {
    private final String text;

    WithText(
        Pair<TokenSource, CharStream> source,
        int type,
        int start,
        int stop,
        int line,
        String text) {
      super(source, type, start, stop, line);
      this.text = text;
    }

    @Override
    public String getText() {
      return text;
    }
  }
}
