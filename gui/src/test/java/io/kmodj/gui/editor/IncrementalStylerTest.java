package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.text.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** Styling only the lines an edit touched gives what styling the whole text gives there. */
class IncrementalStylerTest {
  static ParseResult<?> parse(String name, String text) {
    return Dialect.forFileName(name).parse(name, text);
  }

  /** The style classes of every character. */
  static List<Collection<String>> perChar(StyleSpans<Collection<String>> spans) {
    List<Collection<String>> out = new ArrayList<>();
    for (StyleSpan<Collection<String>> s : spans) {
      for (int i = 0; i < s.getLength(); i++) {
        out.add(s.getStyle());
      }
    }
    return out;
  }

  private static List<Collection<String>> full(String name, String text) {
    return perChar(new ConfigStyler(parse(name, text), text, List.of()).highlighting().styles());
  }

  static String sample(String path) throws IOException {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/modern"))) {
        return Files.readString(p.resolve("samples").resolve(path));
      }
    }
    throw new AssertionError("no samples folder");
  }

  /** Inserts and deletes at many places and checks the styled range against a full pass. */
  private static void checkEdits(String name, String original) {
    IncrementalStyler styler = new IncrementalStyler(IncrementalStylerTest::parse);
    Random random = new Random(42);
    String[] inserts = {"x", " ", "\n", "\\", "\\\n", "#", "=", "options loop a=1\n", "alias "};
    for (int round = 0; round < 300; round++) {
      int at = random.nextInt(original.length());
      String text;
      int end;
      if (random.nextBoolean()) {
        String ins = inserts[random.nextInt(inserts.length)];
        text = original.substring(0, at) + ins + original.substring(at);
        end = at + ins.length();
      } else {
        int len = Math.min(1 + random.nextInt(4), original.length() - at);
        text = original.substring(0, at) + original.substring(at + len);
        end = at;
      }
      IncrementalStyler.Update u = styler.restyle(name, text, at, end, List.of());

      assertThat(u.from()).isLessThanOrEqualTo(at);
      assertThat(u.to()).isGreaterThanOrEqualTo(end).isLessThanOrEqualTo(text.length());
      List<Collection<String>> whole = full(name, text).subList(u.from(), u.to());
      List<Collection<String>> part = perChar(u.highlighting().styles());
      String where = name + " edit at " + at + ": " + text.substring(u.from(), u.to());
      if (dependsOnTheFile(text.substring(u.from(), u.to()))) {
        // only the underlines of an unbalanced if may differ: the colours are the same
        assertThat(withoutProblems(part)).as(where).isEqualTo(withoutProblems(whole));
      } else {
        assertThat(part).as(where).isEqualTo(whole);
      }
      // the range is whole logical lines
      assertThat(u.from() == 0 || text.charAt(u.from() - 1) == '\n').as(where).isTrue();
      assertThat(u.to() == text.length() || text.charAt(u.to() - 1) == '\n').as(where).isTrue();
    }
  }

  /** Whether a slice holds a conditional, whose diagnostics depend on the lines around it. */
  private static boolean dependsOnTheFile(String slice) {
    return slice.replace("\\\n", "").matches("(?s).*\\b(if|else|elseif|endif)\\b.*");
  }

  private static List<List<String>> withoutProblems(List<Collection<String>> styles) {
    return styles.stream()
        .map(c -> c.stream().filter(s -> !s.startsWith("problem-")).toList())
        .toList();
  }

  @Test
  void editsInAModprobeDFileStyleAsTheWholeFileWould() throws IOException {
    String text =
        sample("modern/etc/modprobe.d/10-network.conf")
            + sample("modern/etc/modprobe.d/20-storage.conf")
            + "options snd-hda-intel \\\n  model=auto \\\n  probe_mask=1\nnonsense line\n";
    checkEdits("all.conf", text);
  }

  @Test
  void editsInAModulesConfStyleAsTheWholeFileWould() throws IOException {
    checkEdits("modules.conf", sample("modutils/etc/modules.conf"));
  }

  @Test
  void onlyTheEditedLogicalLineAndTheNextAreParsed() {
    List<String> parsed = new ArrayList<>();
    IncrementalStyler styler =
        new IncrementalStyler(
            (name, text) -> {
              parsed.add(text);
              return parse(name, text);
            });
    String text = "alias a b\noptions loop \\\n max_loop=8\nblacklist tun\nblacklist dummy\n";
    int at = text.indexOf("max_loop");

    IncrementalStyler.Update u = styler.restyle("t.conf", text, at, at + 1, List.of());

    assertThat(parsed).containsExactly("options loop \\\n max_loop=8\nblacklist tun\n");
    assertThat(u.from()).isEqualTo(text.indexOf("options"));
    assertThat(u.to()).isEqualTo(text.indexOf("blacklist dummy"));
  }

  @Test
  void logicalLinesJoinBackslashContinuedLines() {
    String text = "a \\\nb \\\nc\nd\n";
    assertThat(IncrementalStyler.logicalLineStart(text, text.indexOf('c'))).isZero();
    assertThat(IncrementalStyler.logicalLineEnd(text, 0)).isEqualTo(text.indexOf('d'));
    assertThat(IncrementalStyler.logicalLineStart(text, text.indexOf('d')))
        .isEqualTo(text.indexOf('d'));
    assertThat(IncrementalStyler.logicalLineEnd(text, text.indexOf('d'))).isEqualTo(text.length());
  }
}
