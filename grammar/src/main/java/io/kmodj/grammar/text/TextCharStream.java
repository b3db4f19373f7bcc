package io.kmodj.grammar.text;

import java.util.Objects;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The lexers' input: the text itself, read in place. ANTLR's {@link CharStreams#fromString} copies
 * the text into a buffer of code points (for a 5 MB file a tenth of what a parse allocates); where
 * every character is one code point, which is every text without surrogates, indexes are the same
 * either way and this stream reads the string directly. A text with surrogates keeps ANTLR's.
 */
public final class TextCharStream implements CharStream {
  private final String text;
  private final String name;
  private final int length;
  private int index;

  private TextCharStream(String text, String name) {
    this.text = text;
    this.name = name;
    this.length = text.length();
  }

  /**
   * The stream of a text.
   *
   * @param text the text
   * @param name the source name tokens report
   * @return the stream
   */
  public static CharStream of(String text, String name) {
    Objects.requireNonNull(text);
    Objects.requireNonNull(name);
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return CharStreams.fromString(text, name);
      }
    }
    return new TextCharStream(text, name);
  }

  @Override
  public String getText(Interval interval) {
    int start = Math.min(interval.a, text.length());
    int stop = Math.min(interval.b, text.length() - 1);
    return start > stop ? "" : text.substring(start, stop + 1);
  }

  @Override
  public void consume() {
    if (index >= length) {
      throw new IllegalStateException("cannot consume EOF");
    }
    index++;
  }

  @Override
  @SuppressWarnings("OperatorPrecedence")
  public int LA(int i) {
    if (i == 1) {
      // the lexer's one question, once per character
      return index < length ? text.charAt(index) : IntStream.EOF;
    }
    if (i > 0) {
      int at = index + i - 1;
      return at < text.length() ? text.charAt(at) : IntStream.EOF;
    }
    if (i < 0) {
      int at = index + i;
      return at >= 0 ? text.charAt(at) : IntStream.EOF;
    }
    return 0;
  }

  @Override
  public int mark() {
    return -1;
  }

  @Override
  public void release(int marker) {
    // the whole text is always there
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public void seek(int to) {
    index = Math.max(0, Math.min(to, text.length()));
  }

  @Override
  public int size() {
    return text.length();
  }

  @Override
  public String getSourceName() {
    return name.isEmpty() ? IntStream.UNKNOWN_SOURCE_NAME : name;
  }

  @Override
  public String toString() {
    return text;
  }
}
