package io.kmodj.grammar.modulesconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the parser makes of the inputs users meet, and the wording of its messages. */
class ModulesConfSyntaxTest {

  private static ParseResult<ModulesConfFile> parse(String text) {
    ParseResult<ModulesConfFile> r = ModulesConfSyntax.parse("m.conf", text);
    Invariants.assertWellFormed(r, text);
    return r;
  }

  private static String dump(String text) {
    return ModulesConfDump.canonical(parse(text).value());
  }

  private static List<String> messages(String text) {
    return parse(text).diagnostics().stream().map(Diagnostic::message).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          frobnicate eth0 now                 | Invalid line 1 in m.conf
          Alias eth0 tulip                    | Invalid line 1 in m.conf
          depfile = /x                        | Invalid line 1 in m.conf
          persistdir /var/p                   | Invalid line 1 in m.conf
          options=foo                         | Invalid line 1 in m.conf
          'alias a \\\\\\nb c\\nbad'          | Invalid line 3 in m.conf
          endif                               | unmatched endif in line 1
          else                                | else without if in line 1
          elseif 1                            | elseif without if in line 1
          if 1                                | missing endif at m.conf EOF
          options -k                          | Missing module argument after -k
          """)
  void messagesUseModutilsWording(String input, String message) {
    assertThat(messages(input.translateEscapes())).contains(message);
  }

  @Test
  void unknownDirectiveIsAnErrorAndParsingGoesOn() {
    ParseResult<ModulesConfFile> r = parse("alias eth0 eepro100\nfrobnicate eth0 now\nkeep\n");
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.severity()).isEqualTo(Severity.ERROR);
              assertThat(d.offending()).isEqualTo("frobnicate");
              assertThat(d.span().line()).isEqualTo(2);
            });
    assertThat(r.value().directives()).hasSize(2);
  }

  @Test
  void invalidLineNumberIsTheLastPhysicalLineOfAContinuedLine() {
    assertThat(messages("\n\nfrob \\\n  a \\\n  b\n")).containsExactly("Invalid line 5 in m.conf");
  }

  @Test
  void extraEndifPointsAtTheLastClosedIf() {
    Diagnostic d = parse("if 1\nendif\nendif\n").diagnostics().get(0);
    assertThat(d.span().line()).isEqualTo(3);
    assertThat(d.related()).hasValueSatisfying(s -> assertThat(s.line()).isEqualTo(1));
  }

  @Test
  void unclosedIfPointsAtTheIfAndAtTheEndOfTheFile() {
    String text = "alias a b\nif 1\nalias c d\n";
    Diagnostic d = parse(text).diagnostics().get(0);
    assertThat(d.code()).isEqualTo("missing-endif");
    assertThat(d.span().line()).isEqualTo(2);
    assertThat(d.related()).hasValueSatisfying(s -> assertThat(s.start()).isEqualTo(text.length()));
  }

  @Test
  void ifBlocksNestWithTheirBranches() {
    Directive.Conditional c =
        (Directive.Conditional)
            parse("if a\nif b\nalias x y\nendif\nelseif c\nelse\nkeep\nendif\n")
                .value()
                .directives()
                .get(0);
    assertThat(c.branches())
        .extracting(Directive.Branch::kind)
        .containsExactly(
            Directive.BranchKind.IF, Directive.BranchKind.ELSEIF, Directive.BranchKind.ELSE);
    assertThat(c.branches().get(0).body())
        .singleElement()
        .isInstanceOf(Directive.Conditional.class);
    assertThat(c.branches().get(2).body()).singleElement().isInstanceOf(Directive.Keep.class);
    assertThat(c.span().line()).isEqualTo(1);
    assertThat(c.span().endLine()).isEqualTo(8);
  }

  @Test
  @Timeout(20)
  void tenThousandNestedIfsGiveATreeAndADepthDiagnostic() {
    int n = 10_000;
    String text = "if 1\n".repeat(n) + "alias deep dummy\n" + "endif\n".repeat(n);
    ParseResult<ModulesConfFile> r = parse(text);
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).isEqualTo("Too many nested if's in line 21"));
    Directive d = r.value().directives().get(0);
    int depth = 0;
    while (d instanceof Directive.Conditional c) {
      depth++;
      d = c.branches().get(0).body().get(0);
    }
    assertThat(depth).isEqualTo(n);
    assertThat(d).isInstanceOf(Directive.Alias.class);
    String printed = ModulesConfPrinter.print(r.value());
    assertThat(ModulesConfDump.canonical(ModulesConfSyntax.parse("m.conf", printed).value()))
        .isEqualTo(ModulesConfDump.canonical(r.value()));
  }

  @Test
  void conditionWithAnUnclosedBackquoteAndNoRightOperandRoundTrips() {
    // the unclosed backquote runs to the end of the line: an operator word and no right operand
    ParseResult<ModulesConfFile> r = parse("if uname -r` == 2.4.20\n  alias kver dummy\nendif\n");
    String printed = ModulesConfPrinter.print(r.value());
    assertThat(ModulesConfDump.canonical(ModulesConfSyntax.parse("m.conf", printed).value()))
        .isEqualTo(ModulesConfDump.canonical(r.value()));
  }

  @Test
  @Timeout(20)
  void tenThousandUnclosedIfsEachGetADiagnostic() {
    ParseResult<ModulesConfFile> r = parse("if 1\n".repeat(10_000));
    assertThat(r.diagnostics()).filteredOn(x -> x.code().equals("missing-endif")).hasSize(10_000);
  }

  @Test
  void crlfLineEndingsReadLikeLf() {
    assertThat(dump("alias a b\r\noptions a x=1 \\\r\n  y=2\r\nif 1\r\nendif\r\n"))
        .isEqualTo(dump("alias a b\noptions a x=1 \\\n  y=2\nif 1\nendif\n"));
    assertThat(parse("alias a b\r\n").diagnostics()).isEmpty();
  }

  @Test
  void lastLineWithoutNewlineIsRead() {
    assertThat(dump("alias a b\nalias c d")).isEqualTo(dump("alias a b\nalias c d\n"));
    assertThat(dump("alias a \\")).isEqualTo("alias \"a\" []\n");
  }

  @Test
  void tabsSeparateWords() {
    assertThat(dump("alias\teth0\t\teepro100\n")).isEqualTo("alias \"eth0\" [\"eepro100\"]\n");
  }

  @Test
  void utf8TextIsKeptAndSpansCountCharacters() {
    ParseResult<ModulesConfFile> r = parse("# café\nalias é ü\n");
    Directive.Alias a = (Directive.Alias) r.value().directives().get(0);
    assertThat(a.name().raw()).isEqualTo("é");
    assertThat(a.name().span().start()).isEqualTo(13);
    assertThat(a.name().span().column()).isEqualTo(7);
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() {
    byte[] bytes = {'a', 'l', 'i', 'a', 's', ' ', 'x', (byte) 0xff, ' ', 'y', '\n'};
    ParseResult<ModulesConfFile> r = ModulesConfSyntax.parse("m.conf", bytes);
    Directive.Alias a = (Directive.Alias) r.value().directives().get(0);
    assertThat(a.name().raw()).isEqualTo("x\uFFFD");
    Invariants.assertLexemesCover(r.lexemes(), new String(bytes, StandardCharsets.UTF_8).length());
  }

  @Test
  @Timeout(20)
  void aOneMegabyteLineIsOneWord() {
    String value = "x".repeat(1 << 20);
    ParseResult<ModulesConfFile> r = parse("options m a=" + value + " b=1\n");
    Directive.Options o = (Directive.Options) r.value().directives().get(0);
    assertThat(o.values()).hasSize(2);
    assertThat(o.values().get(0).raw()).hasSize(2 + (1 << 20));
  }

  @Test
  void hashStartsACommentEvenInsideQuotes() {
    ParseResult<ModulesConfFile> r = parse("options tulip hash=#comment x=\"a#b\"\n");
    Directive.Options o = (Directive.Options) r.value().directives().get(0);
    assertThat(o.values()).extracting(ShellWord::raw).containsExactly("hash=");
  }

  @Test
  void continuationGluesALineWithoutLeadingBlanksAndSpacesAnIndentedOne() {
    assertThat(dump("alias eth0\\\ntulip\n")).isEqualTo("alias \"eth0tulip\" []\n");
    assertThat(dump("alias eth0 \\\n      tulip\n")).isEqualTo("alias \"eth0\" [\"tulip\"]\n");
  }

  @Test
  void quotedWordsKeepTheirQuotesAndSpanContinuedLines() {
    Directive.Options o =
        (Directive.Options) parse("options m a=\"x \\\n   y\" 'p q'\n").value().directives().get(0);
    assertThat(o.values()).extracting(ShellWord::raw).containsExactly("a=\"x  y\"", "'p q'");
  }

  @Test
  void hookCommandIsKeptVerbatim() {
    Directive.Hook h =
        (Directive.Hook)
            parse("post-install  eepro100   echo a ;  /sbin/modprobe \"x y\" $V\n")
                .value()
                .directives()
                .get(0);
    assertThat(h.kind()).isEqualTo(Directive.HookKind.POST_INSTALL);
    assertThat(h.command().raw()).isEqualTo("echo a ;  /sbin/modprobe \"x y\" $V");
  }

  @Test
  void wordPartsNameVariablesSubstitutionsAndQuotes() {
    Directive.Alias a =
        (Directive.Alias)
            parse("alias x a$V${W}`uname -r`$(id)\"q $Z\"'s'\n").value().directives().get(0);
    List<ShellWord.Part> parts = a.rest().get(0).parts();
    assertThat(parts)
        .extracting(p -> p.getClass().getSimpleName())
        .containsExactly(
            "Literal", "Variable", "Variable", "Substitution", "Substitution", "Quoted", "Quoted");
    assertThat(((ShellWord.Part.Variable) parts.get(2)).braced()).isTrue();
    assertThat(((ShellWord.Part.Quoted) parts.get(5)).parts())
        .last()
        .isInstanceOf(ShellWord.Part.Variable.class);
  }

  @Test
  void addPrefixAppendsForListsAndIsIgnoredElsewhere() {
    ParseResult<ModulesConfFile> r = parse("add options a x=1\naddprobe p m\nadd alias a b\nadd\n");
    assertThat(((Directive.Options) r.value().directives().get(0)).add()).isTrue();
    assertThat(((Directive.ModuleList) r.value().directives().get(1)).add()).isTrue();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("ignored-add");
  }

  @Test
  void pathTagsAndSettingsAreRecognised() {
    ParseResult<ModulesConfFile> r =
        parse("path[net]=  /a /b\npath=/c\npnpbiosmapfile=/m\ninsmod_opt=-f -x\n");
    List<Directive> ds = r.value().directives();
    assertThat(((Directive.Path) ds.get(0)).tag()).contains("net");
    assertThat(((Directive.Path) ds.get(0)).value().raw()).isEqualTo("/a /b");
    assertThat(((Directive.Path) ds.get(1)).effectiveTag()).isEqualTo("misc");
    assertThat(((Directive.Setting) ds.get(2)).kind())
        .isEqualTo(Directive.SettingKind.PNPBIOSMAPFILE);
    assertThat(((Directive.Setting) ds.get(3)).value().raw()).isEqualTo("-f -x");
  }

  @Test
  void aliasKnowsOffNullAndWildcards() {
    List<Directive> ds =
        parse("alias a off\nalias b null\nalias /dev/sg* x\n").value().directives();
    assertThat(((Directive.Alias) ds.get(0)).isOff()).isTrue();
    assertThat(((Directive.Alias) ds.get(1)).isNull()).isTrue();
    assertThat(((Directive.Alias) ds.get(2)).isWildcard()).isTrue();
  }

  @Test
  void expressionsReadLikeConfigC() {
    Condition c = condition("if ! -n $A <= 3 4\n");
    assertThat(c).isInstanceOf(Condition.Not.class);
    Condition.Compare cmp = (Condition.Compare) ((Condition.Not) c).operand();
    assertThat(cmp.numeric()).isTrue();
    assertThat(cmp.op()).contains(Condition.CompareOp.LE);
    assertThat(cmp.right().raw()).isEqualTo("3 4");
    assertThat(condition("if -kfoo\n")).isInstanceOf(Condition.Autoclean.class);
    assertThat(((Condition.FileTest) condition("if -f /x\n")).file().raw()).isEqualTo("/x");
    assertThat(((Condition.Truth) condition("if\n")).word().isEmpty()).isTrue();
  }

  private static Condition condition(String text) {
    Directive.Conditional c =
        (Directive.Conditional) parse(text + "endif\n").value().directives().get(0);
    return c.branches().get(0).condition().orElseThrow();
  }

  @Test
  void lexemesClassifyDirectivesCommentsContinuationsAndVariables() {
    String text = "alias eth0 $X # c\\\noptions m a=1 \\\n b=2\n";
    List<Lexeme> lexemes = parse(text).lexemes();
    assertThat(kindAt(lexemes, text.indexOf("alias"))).isEqualTo(LexemeKind.DIRECTIVE);
    assertThat(kindAt(lexemes, text.indexOf("eth0"))).isEqualTo(LexemeKind.ALIAS);
    assertThat(kindAt(lexemes, text.indexOf("$X"))).isEqualTo(LexemeKind.VARIABLE);
    assertThat(kindAt(lexemes, text.indexOf("# c"))).isEqualTo(LexemeKind.COMMENT);
    assertThat(kindAt(lexemes, text.indexOf("\\\n b"))).isEqualTo(LexemeKind.CONTINUATION);
    assertThat(kindAt(lexemes, text.indexOf("a=1"))).isEqualTo(LexemeKind.OPTION_NAME);
    assertThat(kindAt(lexemes, text.indexOf("b=2") + 2)).isEqualTo(LexemeKind.OPTION_VALUE);
  }

  private static LexemeKind kindAt(List<Lexeme> lexemes, int offset) {
    return lexemes.stream()
        .filter(l -> l.start() <= offset && offset < l.end())
        .findFirst()
        .orElseThrow()
        .kind();
  }

  @Test
  void emptyTextIsAnEmptyFile() {
    ParseResult<ModulesConfFile> r = parse("");
    assertThat(r.value().directives()).isEmpty();
    assertThat(r.lexemes()).isEmpty();
  }
}
