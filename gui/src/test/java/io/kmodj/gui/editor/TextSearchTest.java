package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmodj.gui.editor.TextSearch.Match;
import io.kmodj.gui.editor.TextSearch.Replacement;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class TextSearchTest {
  private static final String TEXT =
      "options loop max_loop=16\nOptions e1000 debug=1\nalias eth0 e1000\n";

  @Test
  void literalSearchFindsTheNextMatchAndWrapsRound() {
    TextSearch s = new TextSearch("e1000", false, true);

    Match first = s.next(TEXT, 0).orElseThrow();
    assertThat(TEXT.substring(first.start(), first.end())).isEqualTo("e1000");
    Match second = s.next(TEXT, first.end()).orElseThrow();
    assertThat(second.start()).isEqualTo(TEXT.lastIndexOf("e1000"));
    // past the last one it wraps to the first
    assertThat(s.next(TEXT, second.end())).contains(first);
    assertThat(s.previous(TEXT, second.start())).contains(first);
    assertThat(s.previous(TEXT, first.start())).contains(second);
  }

  @Test
  void caseMattersOnlyWhenAsked() {
    assertThat(new TextSearch("options", false, true).next(TEXT, 1)).contains(new Match(0, 7));
    assertThat(new TextSearch("options", false, false).next(TEXT, 1))
        .contains(new Match(TEXT.indexOf("Options"), TEXT.indexOf("Options") + 7));
  }

  @Test
  void literalQueriesTakeRegexCharactersLiterally() {
    TextSearch s = new TextSearch("max_loop=1.", false, true);
    assertThat(s.next(TEXT, 0)).isEmpty();
    assertThat(new TextSearch("max_loop=1.", true, true).next(TEXT, 0)).isPresent();
  }

  @Test
  void regexReplaceAllExpandsGroupsInOneEdit() {
    TextSearch s = new TextSearch("^(o|O)ptions (\\S+)", true, true);

    Replacement r = s.replaceAll(TEXT, "options $2 # was $1").orElseThrow();

    assertThat(r.count()).isEqualTo(2);
    String after = TEXT.substring(0, r.start()) + r.replacement() + TEXT.substring(r.end());
    assertThat(after)
        .isEqualTo(
            "options loop # was o max_loop=16\noptions e1000 # was O debug=1\nalias eth0 e1000\n");
  }

  @Test
  void replacingOneMatchExpandsItAlone() {
    TextSearch s = new TextSearch("(\\w+)=(\\d+)", true, true);
    Match m = s.next(TEXT, 30).orElseThrow();

    assertThat(s.matches(TEXT, m.start(), m.end())).isTrue();
    assertThat(s.matches(TEXT, m.start(), m.end() - 1)).isFalse();
    assertThat(s.expand(TEXT, m, "$2=$1")).isEqualTo("1=debug");
    // a literal replacement keeps its dollars
    TextSearch lit = new TextSearch("debug", false, true);
    Match d = lit.next(TEXT, 0).orElseThrow();
    assertThat(lit.expand(TEXT, d, "$1")).isEqualTo("$1");
  }

  @Test
  void emptyMatchesAreNeverFound() {
    TextSearch s = new TextSearch("^|(?=e1000)", true, true);
    assertThat(s.next(TEXT, 0)).isEmpty();
    assertThat(s.previous(TEXT, TEXT.length())).isEmpty();
    assertThat(s.replaceAll(TEXT, "y")).isEmpty();
  }

  @Test
  void aBadPatternOrAnEmptyQueryIsRefused() {
    assertThatThrownBy(() -> new TextSearch("(", true, true))
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> new TextSearch("", false, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
