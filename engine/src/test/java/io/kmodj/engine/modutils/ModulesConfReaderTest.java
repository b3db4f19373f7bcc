package io.kmodj.engine.modutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.modulesconf.Condition;
import io.kmodj.grammar.modulesconf.Directive;
import io.kmodj.grammar.modulesconf.ModulesConfSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator: expressions, expansion, option merging, defaults, includes. */
class ModulesConfReaderTest {
  @TempDir Path dir;

  /** A file's text, one argument a line. */
  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private ModutilsConfig read(String text) throws IOException {
    return read(text, false, false);
  }

  private ModutilsConfig read(String text, boolean autoclean, boolean allowExec)
      throws IOException {
    Path f = dir.resolve("modules.conf");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return new ModulesConfReader(
            new ModulesConfReader.Request(
                Optional.of(f.toString()), "2.4.27", "/lib/modules/2.4.27", autoclean, allowExec))
        .read();
  }

  private static String alias(ModutilsConfig c, String name) {
    ModutilsConfig.Named a = c.aliases().get(name);
    return a == null ? null : String.join(" ", a.words());
  }

  private static Condition condition(String expr) {
    Directive.Conditional c =
        (Directive.Conditional)
            ModulesConfSyntax.parse("t", "if " + expr + "\nendif\n").value().directives().get(0);
    return c.branches().get(0).condition().orElseThrow();
  }

  private static boolean test(String expr, boolean autoclean) {
    Map<String, String> env = new HashMap<>();
    env.put("ONE", "1");
    env.put("NO", "false");
    return new ConditionEvaluator(new WordExpander(env, "2.4.27", false, w -> {}), autoclean)
        .test(condition(expr));
  }

  @Test
  void expressionsCompareAsModutilsDid() {
    assertThat(test("10 < 9", false)).as("string comparison").isTrue();
    assertThat(test("-n 10 < 9", false)).as("numeric comparison").isFalse();
    assertThat(test("-n 010 == 8", false)).as("octal as strtol reads it").isTrue();
    assertThat(test("-n 0x10 == 16", false)).as("hex").isTrue();
    assertThat(test("1 -eq 1", false)).as("an unknown operator is false").isFalse();
    assertThat(test("$ONE", false)).isTrue();
    assertThat(test("$NO", false)).as("false is false").isFalse();
    assertThat(test("$UNSET_KMODJ_VARIABLE", false)).as("nothing is false").isFalse();
    assertThat(test("`uname -r` == 2.4.27", false)).as("uname -r from -S").isTrue();
    assertThat(test("`kernelversion` == 2.4", false)).isTrue();
  }

  @Test
  void autocleanTestIgnoresNegationAsModutilsDid() {
    assertThat(test("-k", true)).isTrue();
    assertThat(test("-k", false)).isFalse();
    // modutils' bug, kept: "! -k" is "-k" (reference 5.2)
    assertThat(test("! -k", true)).isTrue();
  }

  @Test
  void fileTestNeedsAReadableFile() throws IOException {
    Path f = Files.writeString(dir.resolve("there"), "x");
    assertThat(test("-f " + f, false)).isTrue();
    assertThat(test("! -f " + dir.resolve("absent"), false)).isTrue();
  }

  @Test
  void commandSubstitutionRunsOnlyWhenAllowed() {
    List<String> warnings = new ArrayList<>();
    WordExpander safe = new WordExpander(Map.of(), "2.4.27", false, warnings::add);
    assertThat(safe.substitute("echo hi")).isEmpty();
    assertThat(warnings).singleElement().asString().contains("--allow-exec");
    WordExpander allowed = new WordExpander(Map.of(), "2.4.27", true, warnings::add);
    assertThat(allowed.substitute("echo hi")).isEqualTo("hi");
    assertThat(safe.substitute(" uname -r")).isEqualTo("2.4.27");
  }

  @Test
  void expansionSplitsVariablesAndKeepsQuotedBlanks() throws IOException {
    ModutilsConfig c =
        read(
            lines(
                "define TWO \"a b\"",
                "options m1 x=$TWO",
                "options m2 name=\"a b\" 'c=d e'",
                "options m3 io=0x300 irq=5"));
    assertThat(c.environment()).containsEntry("TWO", "a b");
    assertThat(c.options().get("m1").words()).containsExactly("x=a", "b");
    assertThat(c.options().get("m2").words()).containsExactly("name=a b", "c=d e");
    assertThat(c.options().get("m3").words()).containsExactly("io=0x300", "irq=5");
  }

  @Test
  void optionsReplaceAndAddAppendsAndMinusKSticks() throws IOException {
    ModutilsConfig c =
        read(
            lines(
                "options a x=1",
                "options a y=2",
                "options b x=1",
                "add options b y=2",
                "options -k c x=1",
                "options c y=2"));
    assertThat(c.options().get("a").words()).containsExactly("y=2");
    assertThat(c.options().get("b").words()).containsExactly("x=1", "y=2");
    assertThat(c.options().get("c").autoclean()).isFalse();
  }

  @Test
  void aFileLineOverridesEveryKindOfDefault() throws IOException {
    ModutilsConfig none = read("");
    assertThat(alias(none, "block-major-2")).isEqualTo("floppy");
    assertThat(none.paths())
        .singleElement()
        .isEqualTo(new ModutilsConfig.PathEntry("2.4.27", "/lib/modules/2.4.27"));
    ModutilsConfig c =
        read(
            lines(
                "alias block-major-2 off",
                "alias char-major-10",
                "options sb io=0x240",
                "depfile=/tmp/x.dep",
                "persistdir=/p",
                "path[net]=/n",
                "above hid"));
    assertThat(alias(c, "block-major-2")).isEqualTo("off");
    // an alias with no target cancels the default (reference 4.1)
    assertThat(alias(c, "char-major-10")).isEmpty();
    assertThat(c.options().get("sb").words()).containsExactly("io=0x240");
    assertThat(c.depfile()).isEqualTo("/tmp/x.dep");
    assertThat(c.persistdir()).isEqualTo("/p");
    assertThat(c.paths()).containsExactly(new ModutilsConfig.PathEntry("net", "/n"));
    assertThat(c.above().get("hid").words()).isEmpty();
    // the override keeps the default's place (records 12, 20)
    assertThat(new ArrayList<>(c.aliases().keySet()).indexOf("block-major-2"))
        .isEqualTo(new ArrayList<>(none.aliases().keySet()).indexOf("block-major-2"));
    assertThat(c.failed()).isFalse();
  }

  @Test
  void aSecondDepfileIsAnInvalidLine() throws IOException {
    ModutilsConfig c = read("depfile=/a\ndepfile=/b\n");
    assertThat(c.depfile()).isEqualTo("/a");
    assertThat(c.errors()).singleElement().asString().startsWith("Invalid line 2 in ");
  }

  @Test
  void nestedIfInAFalseBranchStillAppliesAsInModutils() throws IOException {
    ModutilsConfig c =
        read(
            lines(
                "if 0",
                " alias outer x",
                " if 1",
                "  alias inner y",
                " endif",
                "endif",
                "if 0",
                "else",
                " alias e1 z",
                "else",
                " alias e2 z",
                "endif"));
    assertThat(c.aliases()).doesNotContainKeys("outer", "e2").containsKeys("inner", "e1");
  }

  @Test
  void includeLoopIsReportedNotFollowed() throws IOException {
    Path a = dir.resolve("a.conf");
    Path b = dir.resolve("b.conf");
    Files.writeString(a, "alias from-a x\ninclude " + b + "\n");
    Files.writeString(b, "add options m y=1\ninclude " + a + "\n");
    ModutilsConfig c = read("include " + a + "\n");
    assertThat(c.errors())
        .anySatisfy(
            e -> assertThat(e).startsWith("include loop: ").contains(a + " -> " + b + " -> " + a));
    // each file was read once: the add options line was not repeated
    assertThat(c.options().get("m").words()).containsExactly("y=1");
  }

  @Test
  void includeGlobReadsEveryMatchSortedAndAMissingFileFails() throws IOException {
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/b.conf"), "alias order b\n");
    Files.writeString(dir.resolve("d/a.conf"), "alias order a\nalias only-a x\n");
    ModutilsConfig c = read("include " + dir.resolve("d") + "/*.conf\n");
    assertThat(alias(c, "order")).as("sorted: b.conf read last").isEqualTo("b");
    assertThat(c.aliases()).containsKey("only-a");
    ModutilsConfig missing = read("include /nonexistent/kmodj.conf\n");
    assertThat(missing.errors()).contains("Can't open /nonexistent/kmodj.conf");
    assertThat(missing.failed()).isTrue();
  }
}
