package io.kmodj.grammar.modprobed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Whatever the input, parsing returns, quickly, with diagnostics and lexemes inside the text. */
class RobustnessTest {

  private static void assertWellFormed(String text) {
    ParseResult<ModprobeDFile> r = ModprobeDSyntax.parse("f.conf", text);
    for (Diagnostic d : r.diagnostics()) {
      assertThat(d.span().start()).isBetween(0, text.length());
      assertThat(d.span().end()).isBetween(d.span().start(), text.length());
    }
    for (Directive d : r.value().directives()) {
      assertThat(d.span().end()).isLessThanOrEqualTo(text.length());
    }
    // lexemes tile the text: no gap, no overlap
    int at = 0;
    for (Lexeme l : r.lexemes()) {
      assertThat(l.start()).isEqualTo(at);
      at = l.end();
    }
    assertThat(at).isEqualTo(text.length());
  }

  @Property(tries = 300)
  void randomBytesNeverBreakTheParser(@ForAll @Size(max = 400) byte[] bytes) {
    assertWellFormed(new String(bytes, StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    Arbitrary<String> token =
        Arbitraries.of(
            "alias",
            "options",
            "install",
            "remove",
            "blacklist",
            "softdep",
            "weakdep",
            "include",
            "pre:",
            "post:",
            "#",
            "\\",
            "\\\n",
            "\n",
            "\r\n",
            " ",
            "\t",
            "[",
            "]",
            "[0-9]",
            "*",
            "mod-name",
            "x=1",
            "$CMDLINE_OPTS",
            "\"q\"",
            "\u00e9",
            "\u0000");
    return token.list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 500)
  void tokenSoupsNeverBreakTheParser(@ForAll("tokenSoup") String text) {
    assertWellFormed(text);
  }

  @Provide
  Arbitrary<String> mutatedValidFile() {
    String valid =
        "alias a b\noptions m x=1 \\\n y=2\nsoftdep m pre: a post: b\n# c\ninstall m /bin/true\n";
    return Arbitraries.integers()
        .between(0, valid.length() - 1)
        .list()
        .ofMaxSize(8)
        .flatMap(
            positions ->
                Arbitraries.chars()
                    .list()
                    .ofSize(positions.size())
                    .map(
                        chars -> {
                          StringBuilder sb = new StringBuilder(valid);
                          for (int i = 0; i < positions.size(); i++) {
                            sb.setCharAt(positions.get(i), chars.get(i));
                          }
                          return sb.toString();
                        }));
  }

  @Property(tries = 500)
  void mutatedValidFilesNeverBreakTheParser(@ForAll("mutatedValidFile") String text) {
    assertWellFormed(text);
  }

  @Test
  void aOneMegabyteLineIsOneDirective() {
    String value = "x".repeat(1 << 20);
    ParseResult<ModprobeDFile> r = ModprobeDSyntax.parse("big.conf", "options m v=" + value + "\n");
    assertThat(r.diagnostics()).isEmpty();
    Directive.Options o = (Directive.Options) r.value().directives().get(0);
    assertThat(o.options().text()).hasSize(value.length() + 2);
  }

  @Test
  void tenThousandContinuedLinesAreOneLogicalLine() {
    String text = "options m" + " a=1 \\\n".repeat(10_000) + " end=1\n";
    ParseResult<ModprobeDFile> r = ModprobeDSyntax.parse("long.conf", text);
    assertThat(r.value().directives()).hasSize(1);
    assertThat(r.value().directives().get(0).span().endLine()).isEqualTo(10_001);
  }

  @Test
  void invalidUtf8DecodedWithReplacementCharactersIsStillParsed() {
    byte[] bytes = {'a', 'l', 'i', 'a', 's', ' ', (byte) 0xff, (byte) 0xfe, ' ', 'm', '\n'};
    ParseResult<ModprobeDFile> r =
        ModprobeDSyntax.parse("bad-utf8.conf", new String(bytes, StandardCharsets.UTF_8));
    Directive.Alias a = (Directive.Alias) r.value().directives().get(0);
    assertThat(a.name().text()).isEqualTo("\ufffd\ufffd");
  }

  @Test
  void utf8NamesAndTabsAreWords() {
    ParseResult<ModprobeDFile> r = ModprobeDSyntax.parse("u.conf", "alias\tcafé\tm\n");
    Directive.Alias a = (Directive.Alias) r.value().directives().get(0);
    assertThat(List.of(a.name().text(), a.module().text())).containsExactly("café", "m");
  }
}
