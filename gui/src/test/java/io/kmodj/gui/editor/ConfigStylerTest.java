package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.modprobed.ModprobeDSyntax;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SourceText;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

class ConfigStylerTest {
  /** The style classes of one character. */
  private static Collection<String> styleAt(Highlighting h, int offset) {
    int start = 0;
    StyleSpans<Collection<String>> spans = h.styles();
    for (StyleSpan<Collection<String>> span : spans) {
      if (offset < start + span.getLength()) {
        return span.getStyle();
      }
      start += span.getLength();
    }
    throw new IllegalArgumentException("offset " + offset + " past " + start);
  }

  private static Highlighting style(String text) {
    return new ConfigStyler(ModprobeDSyntax.parse("test.conf", text), text.length()).highlighting();
  }

  @Test
  void everyCharacterGetsTheClassOfItsLexeme() {
    String text = "# sound\noptions snd-hda-intel model=auto\nblacklist pcspkr\n";

    Highlighting h = style(text);

    assertThat(h.styles().length()).isEqualTo(text.length());
    assertThat(styleAt(h, 0)).containsExactly("lexeme-comment");
    int options = text.indexOf("options");
    assertThat(styleAt(h, options)).containsExactly("lexeme-directive");
    assertThat(styleAt(h, text.indexOf("snd-hda"))).containsExactly("lexeme-module");
    assertThat(styleAt(h, text.indexOf("model"))).containsExactly("lexeme-option-name");
    assertThat(styleAt(h, text.indexOf("auto"))).containsExactly("lexeme-option-value");
    assertThat(styleAt(h, text.indexOf("pcspkr"))).containsExactly("lexeme-module");
    assertThat(h.diagnostics()).isEmpty();
  }

  @Test
  void aBadLineIsUnderlinedOverItsColour() {
    String text = "blacklist pcspkr\nnonsense here\n";

    Highlighting h = style(text);

    int bad = text.indexOf("nonsense");
    assertThat(styleAt(h, bad)).containsExactly("lexeme-error", "problem-error");
    assertThat(styleAt(h, text.indexOf("here") + 3))
        .containsExactly("lexeme-error", "problem-error");
    assertThat(styleAt(h, bad - 1)).doesNotContain("problem-error");
    assertThat(styleAt(h, 0)).containsExactly("lexeme-directive");
    assertThat(h.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("ignoring bad line starting with 'nonsense'");
  }

  @Test
  void anEmptyTextHasOneEmptySpan() {
    Highlighting h = style("");

    assertThat(h.styles().length()).isZero();
    assertThat(h.diagnostics()).isEmpty();
  }

  @Test
  void anEmptyProblemStillMarksOneCharacter() {
    String text = "ab\n";
    SourceText source = new SourceText("t", text);
    ParseResult<String> result =
        new ParseResult<>(
            "",
            List.of(Diagnostic.warning(source.span(2, 2), "missing", "something missing", "")),
            List.of(new Lexeme(LexemeKind.TEXT, 0, 2), new Lexeme(LexemeKind.WHITESPACE, 2, 3)));

    Highlighting h = new ConfigStyler(result, text.length()).highlighting();

    assertThat(styleAt(h, 1)).containsExactly("lexeme-text");
    assertThat(styleAt(h, 2)).containsExactly("lexeme-whitespace", "problem-warning");
  }

  @Test
  void everyLexemeKindHasItsOwnClass() {
    assertThat(List.of(LexemeKind.values()).stream().map(LexemeStyles::of).distinct())
        .hasSize(LexemeKind.values().length);
  }
}
