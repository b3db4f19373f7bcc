package io.kmodj.grammar.modulesconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.text.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever the input, parsing finishes quickly, never throws, and its results are well formed. */
class ModulesConfPropertiesTest {
  private static final List<String> SOUP =
      List.of(
          "alias",
          "options",
          "add",
          "add ",
          "install",
          "pre-install",
          "post-remove",
          "probe",
          "probeall",
          "above",
          "below",
          "prune",
          "define",
          "include",
          "keep",
          "if",
          "elseif",
          "else",
          "endif",
          "path",
          "path[net]=",
          "path=",
          "depfile=",
          "insmod_opt=",
          "persistdir=",
          "pcimapfile=",
          "=",
          "-k",
          "-f",
          "-n",
          "!",
          "==",
          "!=",
          "<",
          ">=",
          " ",
          "  ",
          "\t",
          "\n",
          "\r\n",
          "\\",
          "\\\n",
          "\\\\",
          "#",
          "# c\n",
          "'",
          "\"",
          "`",
          "$",
          "${",
          "}",
          "{",
          "$(",
          ")",
          "$X",
          "eth0",
          "x=1",
          "off",
          "null",
          "/dev/sg*",
          "é",
          "\u0000");

  private static ParseResult<ModulesConfFile> parseChecked(String text) {
    long start = System.nanoTime();
    ParseResult<ModulesConfFile> r = ModulesConfSyntax.parse("p.conf", text);
    assertThat(System.nanoTime() - start).as("parse time").isLessThan(5_000_000_000L);
    Invariants.assertWellFormed(r, text);
    return r;
  }

  @Property(tries = 300)
  void randomBytesNeverBreakTheParser(@ForAll @Size(max = 400) byte[] bytes) {
    parseChecked(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * Blanks a continued line leaves at the end of an unclosed quote (found by the token soups, seed
   * 7183934696253883475) survive printing: a printed line never ends in blanks the reader would
   * drop.
   */
  @Example
  void blanksAContinuationLeftAtTheEndOfALineRoundTrip() {
    for (String text :
        List.of(
            "if=aliasalias'add \\",
            "if=${\"eth0 \\\n",
            "alias 'eth0 \\\n\nkeep\n",
            "path=/lib/modules \\\n")) {
      ModulesConfFile first = parseChecked(text).value();
      String printed = ModulesConfPrinter.print(first);
      assertThat(ModulesConfDump.canonical(parseChecked(printed).value()))
          .as("%s printed as %s", text, printed)
          .isEqualTo(ModulesConfDump.canonical(first));
    }
  }

  @Property(tries = 500)
  void tokenSoupsParseAndRoundTrip(@ForAll("soups") String text) {
    ModulesConfFile first = parseChecked(text).value();
    String printed = ModulesConfPrinter.print(first);
    ModulesConfFile again = parseChecked(printed).value();
    assertThat(ModulesConfDump.canonical(again)).isEqualTo(ModulesConfDump.canonical(first));
  }

  @Property(tries = 300)
  void mutatedCorpusFilesParseAndRoundTrip(@ForAll("mutants") String text) {
    ModulesConfFile first = parseChecked(text).value();
    ModulesConfFile again = parseChecked(ModulesConfPrinter.print(first)).value();
    assertThat(ModulesConfDump.canonical(again)).isEqualTo(ModulesConfDump.canonical(first));
  }

  @Provide
  Arbitrary<String> soups() {
    return Arbitraries.of(SOUP).list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> mutants() {
    List<String> files = Corpus.files().stream().map(Corpus::read).toList();
    Arbitrary<String> file = Arbitraries.of(files).filter(s -> !s.isEmpty());
    Arbitrary<String> insert = Arbitraries.of(SOUP);
    return file.flatMap(
        f ->
            Arbitraries.integers()
                .between(0, f.length())
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .flatMap(
                    positions ->
                        insert
                            .list()
                            .ofSize(positions.size())
                            .flatMap(
                                inserts ->
                                    Arbitraries.of(true, false)
                                        .map(delete -> mutate(f, positions, inserts, delete)))));
  }

  private static String mutate(
      String text, List<Integer> positions, List<String> inserts, boolean delete) {
    StringBuilder sb = new StringBuilder(text);
    for (int i = 0; i < positions.size(); i++) {
      int at = Math.min(positions.get(i), sb.length());
      if (delete && at < sb.length()) {
        sb.deleteCharAt(at);
      } else {
        sb.insert(at, inserts.get(i));
      }
    }
    return sb.toString();
  }
}
