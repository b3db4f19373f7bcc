package io.kmodj.grammar.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LexemeListTest {
  @SuppressWarnings(
      "EnumOrdinal") // the packed format is the ordinal plus one, as the parsers write it
  private static byte code(LexemeKind k) {
    return (byte) (k.ordinal() + 1);
  }

  @Test
  void runsOfEqualKindsBecomeOneLexemeEach() {
    byte d = code(LexemeKind.DIRECTIVE);
    byte m = code(LexemeKind.MODULE);
    LexemeList list = LexemeList.fromCharacterKinds(new byte[] {d, d, 0, m, m, m});
    assertThat(list)
        .containsExactly(
            new Lexeme(LexemeKind.DIRECTIVE, 0, 2),
            new Lexeme(LexemeKind.WHITESPACE, 2, 3),
            new Lexeme(LexemeKind.MODULE, 3, 6));
    assertThat(list.kind(2)).isEqualTo(LexemeKind.MODULE);
  }

  @Test
  void growsPastItsFirstGuessAndStaysImmutable() {
    byte[] alternating = new byte[1000];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2 == 0 ? 0 : code(LexemeKind.TEXT);
    }
    LexemeList list = LexemeList.fromCharacterKinds(alternating);
    assertThat(list).hasSize(1000);
    assertThat(list.get(999)).isEqualTo(new Lexeme(LexemeKind.TEXT, 999, 1000));
    assertThatThrownBy(() -> list.add(new Lexeme(LexemeKind.TEXT, 0, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(LexemeList.fromCharacterKinds(new byte[0])).isEmpty();
  }
}
