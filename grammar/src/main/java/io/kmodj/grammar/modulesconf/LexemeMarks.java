package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.LexemeList;
import java.util.Arrays;
import java.util.List;

/**
 * The kind of every character of a file, a byte each (a 1 MB line stays cheap to classify), run-
 * length encoded into {@link Lexeme}s at the end. A later mark wins over an earlier one, except
 * that comments and continuation backslashes stay what they are: {@link LogicalLines} reports them
 * first, and they are written last, over whatever a word's span that crosses a continued line
 * marked there.
 */
final class LexemeMarks implements LogicalLines.Marker {

  private final byte[] kinds;

  /** Comment ranges as {@code start, end} pairs, and continuation offsets as {@code offset, -1}. */
  private int[] kept = new int[64];

  private int keptSize;

  /**
   * Starts with every character unmarked (whitespace).
   *
   * @param length the number of characters of the file
   */
  LexemeMarks(int length) {
    this.kinds = new byte[length];
  }

  @Override
  public void comment(int start, int end) {
    keep(start, end);
  }

  @Override
  public void continuation(int offset) {
    keep(offset, -1);
  }

  private void keep(int a, int b) {
    if (keptSize + 2 > kept.length) {
      kept = Arrays.copyOf(kept, kept.length * 2);
    }
    kept[keptSize++] = a;
    kept[keptSize++] = b;
  }

  /** Marks characters {@code [start, end)} of the file. */
  void mark(int start, int end, LexemeKind kind) {
    int e = Math.min(end, kinds.length);
    int s = Math.max(0, start);
    if (s < e) {
      Arrays.fill(kinds, s, e, code(kind));
    }
  }

  /**
   * Marks the characters of logical text {@code [start, end)}, newlines aside, where they came
   * from.
   */
  void markLogical(LogicalLines lines, int start, int end, LexemeKind kind) {
    String logical = lines.text();
    int e = Math.min(end, logical.length());
    byte k = code(kind);
    int i = Math.max(0, start);
    while (i < e) {
      // a run at a time: its characters came from consecutive offsets
      int r = lines.run(i);
      int runEnd = Math.min(e, lines.runEnd(r));
      int o = lines.runOrigin(r) + (i - lines.runStart(r));
      for (; i < runEnd; i++, o++) {
        if (o < kinds.length && logical.charAt(i) != '\n') {
          kinds[o] = k;
        }
      }
    }
  }

  /** Marks the variables, substitutions and quotes of a word over its plain marks. */
  void overlayParts(ShellWord word) {
    List<ShellWord.Part> parts = word.parts();
    for (int i = 0; i < parts.size(); i++) {
      ShellWord.Part p = parts.get(i);
      if (p instanceof ShellWord.Part.Variable v) {
        mark(v.span().start(), v.span().end(), LexemeKind.VARIABLE);
      } else if (p instanceof ShellWord.Part.Substitution s) {
        mark(s.span().start(), s.span().end(), LexemeKind.STRING);
      } else if (p instanceof ShellWord.Part.Quoted q) {
        mark(q.span().start(), q.span().end(), LexemeKind.STRING);
        for (ShellWord.Part inner : q.parts()) {
          if (inner instanceof ShellWord.Part.Variable v) {
            mark(v.span().start(), v.span().end(), LexemeKind.VARIABLE);
          }
        }
      }
    }
  }

  /**
   * Run-length encodes the kinds, comments and continuations over all else; unmarked is whitespace.
   */
  List<Lexeme> lexemes() {
    for (int i = 0; i < keptSize; i += 2) {
      if (kept[i + 1] < 0) {
        mark(kept[i], kept[i] + 1, LexemeKind.CONTINUATION);
      } else {
        mark(kept[i], kept[i + 1], LexemeKind.COMMENT);
      }
    }
    return LexemeList.fromCharacterKinds(kinds);
  }

  @SuppressWarnings("EnumOrdinal") // the byte is the kind's ordinal plus one, 0 for unmarked
  private static byte code(LexemeKind kind) {
    return (byte) (kind.ordinal() + 1);
  }
}
