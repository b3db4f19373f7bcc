package io.kmodj.grammar.text;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The lexemes of a text, packed: run starts in an {@code int[]} and kinds in a {@code byte[]}, a
 * {@link Lexeme} made only when asked for. A 100,000-line file has some 700,000 lexemes; as objects
 * they were most of what a parse allocated. Immutable.
 */
public final class LexemeList extends AbstractList<Lexeme> implements RandomAccess {
  private static final LexemeKind[] KINDS = LexemeKind.values();

  private final int[] starts;
  private final byte[] kinds;
  private final int size;
  private final int length;

  private LexemeList(int[] starts, byte[] kinds, int size, int length) {
    this.starts = starts;
    this.kinds = kinds;
    this.size = size;
    this.length = length;
  }

  /**
   * Run-length encodes per-character kinds: byte {@code k} is the kind of ordinal {@code k - 1},
   * and 0 (unmarked) is whitespace.
   *
   * @param perCharacter one byte per character of the text
   * @return the lexemes, covering the text without gaps
   */
  public static LexemeList fromCharacterKinds(byte[] perCharacter) {
    int length = perCharacter.length;
    int[] starts = new int[Math.max(16, length / 6)];
    byte[] kinds = new byte[starts.length];
    int n = 0;
    int i = 0;
    while (i < length) {
      byte k = perCharacter[i];
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        kinds = Arrays.copyOf(kinds, n * 2);
      }
      starts[n] = i;
      kinds[n] = k;
      n++;
      int j = i + 1;
      while (j < length && perCharacter[j] == k) {
        j++;
      }
      i = j;
    }
    return new LexemeList(starts, kinds, n, length);
  }

  @Override
  public Lexeme get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    int end = index + 1 < size ? starts[index + 1] : length;
    return new Lexeme(kind(index), starts[index], end);
  }

  /** The kind of lexeme {@code index}, without making the lexeme. */
  public LexemeKind kind(int index) {
    int k = kinds[index];
    return k == 0 ? LexemeKind.WHITESPACE : KINDS[k - 1];
  }

  @Override
  public int size() {
    return size;
  }
}
