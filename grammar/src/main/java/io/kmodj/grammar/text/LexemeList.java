package io.kmodj.grammar.text;

import java.util.AbstractList;
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
    if (length == 0) {
      return new LexemeList(new int[0], new byte[0], 0, 0);
    }
    // count the runs first, so that the arrays are made once, at their size; without branches
    // on the data, since a run changes every few characters and a mispredicted branch there
    // cost as much as the rest of the loop
    int runs = 1;
    byte previous = perCharacter[0];
    for (int i = 1; i < length; i++) {
      byte k = perCharacter[i];
      runs += k != previous ? 1 : 0;
      previous = k;
    }
    // one slot more: every character writes the slot after the last run, and moves on only
    // where a run starts
    int[] starts = new int[runs + 1];
    byte[] kinds = new byte[runs + 1];
    kinds[0] = perCharacter[0];
    int n = 1;
    previous = perCharacter[0];
    for (int i = 1; i < length; i++) {
      byte k = perCharacter[i];
      starts[n] = i;
      kinds[n] = k;
      n += k != previous ? 1 : 0;
      previous = k;
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
