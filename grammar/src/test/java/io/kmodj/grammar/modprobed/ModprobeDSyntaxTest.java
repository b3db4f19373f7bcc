package io.kmodj.grammar.modprobed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the modprobe.d parser makes of single lines: a table of input and result. */
class ModprobeDSyntaxTest {

  private static ParseResult<ModprobeDFile> parse(String text) {
    return ModprobeDSyntax.parse("t.conf", text);
  }

  private static Directive only(String text) {
    ParseResult<ModprobeDFile> r = parse(text);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.value().directives()).hasSize(1);
    return r.value().directives().get(0);
  }

  private static List<String> messages(String text) {
    return parse(text).diagnostics().stream().map(Diagnostic::format).toList();
  }

  @Test
  void aliasTakesTwoWordsAndIgnoresTheRest() {
    Directive.Alias a = (Directive.Alias) only("alias my-fs ext4 trailing words\n");
    assertThat(a.name().text()).isEqualTo("my-fs");
    assertThat(a.module().text()).isEqualTo("ext4");
    assertThat(a.name().span().column()).isEqualTo(7);
  }

  @Test
  void optionsKeepTheRestVerbatimAfterOneBlank() {
    // c07: "options dummy   spaced=1<TAB>tabbed=2   " keeps two of the three blanks
    Directive.Options o = (Directive.Options) only("options dummy   spaced=1\ttabbed=2   \n");
    assertThat(o.options().text()).isEqualTo("  spaced=1\ttabbed=2   ");
  }

  @Test
  void continuationJoinsLinesAndKeepsTheBlanks() {
    Directive.Options o = (Directive.Options) only("options ext4 one=1 \\\n   two=2\n");
    assertThat(o.options().text()).isEqualTo("one=1    two=2");
    assertThat(o.span().line()).isEqualTo(1);
    assertThat(o.span().endLine()).isEqualTo(2);
  }

  @Test
  void continuationRightAfterTheKeywordStillSeparatesWords() {
    Directive.Alias a = (Directive.Alias) only("alias \\\n contfs ext4\n");
    assertThat(a.name().text()).isEqualTo("contfs");
  }

  @Test
  void continuationInsideAWordJoinsItWithoutABlank() {
    Directive.Alias a = (Directive.Alias) only("alias con\\\ntfs ext4\n");
    assertThat(a.name().text()).isEqualTo("contfs");
  }

  @Test
  void backslashBeforeAnotherCharacterIsDroppedAsKmodDoes() {
    Directive.Options o = (Directive.Options) only("options m a=\\x\\\\y\n");
    assertThat(o.options().text()).isEqualTo("a=x\\y");
  }

  @Test
  void escapedBlankSeparatesWordsAsKmodSplitsAfterUnescaping() {
    // kmod 30: "alias a\ b c" is "alias a b" in modprobe -c: its reader drops the backslash,
    // then strtok splits at the blank
    Directive.Alias a = (Directive.Alias) only("alias a\\ b c\n");
    assertThat(a.name().text()).isEqualTo("a");
    assertThat(a.module().text()).isEqualTo("b");
    Directive.Alias t = (Directive.Alias) only("alias q4\\\tr4\n");
    assertThat(t.module().text()).isEqualTo("r4");
    Directive.Options o = (Directive.Options) only("options\\\tx\\ y k=1\\ j=2\n");
    assertThat(o.name().text()).isEqualTo("x");
    assertThat(o.options().text()).isEqualTo("y k=1 j=2");
  }

  @Test
  void escapedKeywordStillNamesItsDirective() {
    // kmod 30 reads "al\ias q r", "\ alias q r" and "alias\ q r" as alias q r
    for (String line : List.of("al\\ias q r\n", "\\ alias q r\n", "alias\\ q r\n")) {
      Directive.Alias a = (Directive.Alias) only(line);
      assertThat(a.name().text()).as(line).isEqualTo("q");
      assertThat(a.module().text()).as(line).isEqualTo("r");
    }
  }

  @Test
  void escapedHashInTheFirstColumnIsAComment() {
    ParseResult<ModprobeDFile> r = parse("\\#x y\n");
    assertThat(r.value().directives()).isEmpty();
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void commentOnlyInTheFirstColumn() {
    assertThat(parse("# a comment\n").diagnostics()).isEmpty();
    assertThat(messages("  # indented\n"))
        .containsExactly("t.conf:1:3: error: ignoring bad line starting with '#'");
  }

  @Test
  void commentEndingInBackslashSwallowsTheNextLine() {
    // kmod joins lines before it looks at the '#'
    ParseResult<ModprobeDFile> r = parse("# comment \\\nalias a b\n");
    assertThat(r.value().directives()).isEmpty();
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void hashInsideALineIsText() {
    Directive.Install i = (Directive.Install) only("install m /bin/true # not a comment\n");
    assertThat(i.command().text()).isEqualTo("/bin/true # not a comment");
  }

  @Test
  void missingArgumentsMakeBadLines() {
    assertThat(messages("alias onlyone\noptions\noptions m\noptions m \ninstall m\nblacklist\n"))
        .containsExactly(
            "t.conf:1:1: error: ignoring bad line starting with 'alias'",
            "t.conf:2:1: error: ignoring bad line starting with 'options'",
            "t.conf:3:1: error: ignoring bad line starting with 'options'",
            "t.conf:4:1: error: ignoring bad line starting with 'options'",
            "t.conf:5:1: error: ignoring bad line starting with 'install'",
            "t.conf:6:1: error: ignoring bad line starting with 'blacklist'");
  }

  @Test
  void unknownDirectiveIsABadLineAndParsingGoesOn() {
    ParseResult<ModprobeDFile> r = parse("frobnicate ext4 now\nalias good dummy\n");
    assertThat(r.diagnostics()).hasSize(1);
    assertThat(r.diagnostics().get(0).code()).isEqualTo("bad-line");
    assertThat(r.value().directives()).hasSize(1);
  }

  @Test
  void unbalancedBracketInANameIsABadLine() {
    // kmod's underscores() refuses a ']' without '[' and a '[' without ']'
    assertThat(messages("alias a] b\nalias a[0-9 b\nalias a[0-9] b\n")).hasSize(2);
  }

  @Test
  void softdepSplitsPreAndPostAndIgnoresWordsBeforeThem() {
    Directive.Softdep s = (Directive.Softdep) only("softdep m ignored pre: a b post: c pre: d\n");
    assertThat(s.pre()).extracting(Word::text).containsExactly("a", "b", "d");
    assertThat(s.post()).extracting(Word::text).containsExactly("c");
  }

  @Test
  void softdepWithAnEmptyListIsAccepted() {
    // c08: "softdep ext4 pre:" is not a bad line
    Directive.Softdep s = (Directive.Softdep) only("softdep ext4 pre:\n");
    assertThat(s.pre()).isEmpty();
    assertThat(s.post()).isEmpty();
  }

  @Test
  void weakdepIsParsed() {
    Directive.Weakdep w = (Directive.Weakdep) only("weakdep m a b\n");
    assertThat(w.modules()).extracting(Word::text).containsExactly("a", "b");
  }

  @Test
  void includeIsDeprecatedAsInKmod() {
    assertThat(parse("include /etc/foo\n").diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("deprecated");
              assertThat(d.message())
                  .isEqualTo("command include is deprecated and not parsed anymore");
            });
  }

  @Test
  void keywordsAreWordsAfterTheFirst() {
    Directive.Alias a = (Directive.Alias) only("alias alias options\n");
    assertThat(a.name().text()).isEqualTo("alias");
    assertThat(a.module().text()).isEqualTo("options");
  }

  @Test
  void aKeywordGluedToMoreTextIsNotADirective() {
    assertThat(messages("aliasx a b\n"))
        .containsExactly("t.conf:1:1: error: ignoring bad line starting with 'aliasx'");
  }

  @Test
  void blankAndWhitespaceOnlyLinesAreIgnored() {
    ParseResult<ModprobeDFile> r = parse("\n   \n\t\n");
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.value().directives()).isEmpty();
  }

  @Test
  void lastLineWithoutNewlineIsRead() {
    Directive.Blacklist b = (Directive.Blacklist) only("blacklist pcspkr");
    assertThat(b.name().text()).isEqualTo("pcspkr");
  }

  @Test
  void crlfIsKeptAsKmodKeepsItAndWarnedAbout() {
    ParseResult<ModprobeDFile> r = parse("alias a b\r\nalias c d\r\n");
    assertThat(r.value().directives()).hasSize(2);
    Directive.Alias a = (Directive.Alias) r.value().directives().get(0);
    assertThat(a.module().text()).isEqualTo("b\r");
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.severity()).isEqualTo(Severity.WARNING);
              assertThat(d.code()).isEqualTo("carriage-return");
              assertThat(d.span().line()).isEqualTo(1);
            });
  }

  @Test
  void lexemesClassifyTheLine() {
    String text = "options dummy numdummies=3\n";
    ParseResult<ModprobeDFile> r = parse(text);
    assertThat(kindAt(r, text.indexOf("options"))).isEqualTo(LexemeKind.DIRECTIVE);
    assertThat(kindAt(r, text.indexOf("dummy"))).isEqualTo(LexemeKind.MODULE);
    assertThat(kindAt(r, text.indexOf("numdummies"))).isEqualTo(LexemeKind.OPTION_NAME);
    assertThat(kindAt(r, text.indexOf("3"))).isEqualTo(LexemeKind.OPTION_VALUE);
  }

  @Test
  void lexemesMarkBadLinesAndComments() {
    String text = "# c\nbogus x\n";
    ParseResult<ModprobeDFile> r = parse(text);
    assertThat(kindAt(r, 0)).isEqualTo(LexemeKind.COMMENT);
    assertThat(kindAt(r, text.indexOf("bogus"))).isEqualTo(LexemeKind.ERROR);
  }

  private static LexemeKind kindAt(ParseResult<ModprobeDFile> r, int offset) {
    for (Lexeme l : r.lexemes()) {
      if (l.start() <= offset && offset < l.end()) {
        return l.kind();
      }
    }
    throw new AssertionError("no lexeme at " + offset);
  }
}
