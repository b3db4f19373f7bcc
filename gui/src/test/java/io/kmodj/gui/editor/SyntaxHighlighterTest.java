package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.modprobed.ModprobeDSyntax;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Styling runs in the background and is applied only to the text it was computed for. */
class SyntaxHighlighterTest {
  /** The parses the highlighter asked for, run by the test when it chooses. */
  private final BlockingQueue<Runnable> parses = new LinkedBlockingQueue<>();

  private CodeArea area;
  private SyntaxHighlighter highlighter;

  @BeforeAll
  static void startFx() throws TimeoutException {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void install() {
    onFx(
        () -> {
          area = new CodeArea("blacklist pcspkr\n");
          highlighter =
              new SyntaxHighlighter(area, parses::add, ModprobeDSyntax::parse, () -> "t.conf");
          highlighter.install();
          return null;
        });
  }

  private static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("FX call failed", e);
    }
  }

  /** Runs the next requested parse on this thread and lets its result reach the FX thread. */
  private void runNextParse() throws InterruptedException {
    Runnable parse = parses.poll(10, TimeUnit.SECONDS);
    assertThat(parse).as("a parse was requested").isNotNull();
    parse.run();
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void installingStylesTheCurrentText() throws InterruptedException {
    runNextParse();

    assertThat(onFx(() -> area.getStyleOfChar(0))).containsExactly("lexeme-directive");
  }

  @Test
  void aResultForTextThatChangedMeanwhileIsDropped() throws InterruptedException {
    onFx(
        () -> {
          area.insertText(0, "nonsense\n");
          return null;
        });

    runNextParse();

    // computed for "blacklist pcspkr\n": applying it now would colour the wrong characters
    assertThat(onFx(() -> area.getStyleOfChar(0))).isEmpty();
    assertThat(onFx(highlighter::problems)).isEmpty();

    // the edit brings its own parse of the lines it touched: colours at once, no problem list
    runNextParse();

    assertThat(onFx(() -> area.getStyleOfChar(0))).containsExactly("lexeme-error", "problem-error");
    assertThat(onFx(() -> area.getStyleOfChar("nonsense\n".length())))
        .containsExactly("lexeme-directive");
    assertThat(onFx(() -> highlighter.problems().size())).isZero();

    // and when it settles, the whole text is parsed for the problem list
    runNextParse();

    assertThat(onFx(() -> highlighter.problems().size())).isEqualTo(1);
  }

  /**
   * The style classes of every character of the area but newlines (a paragraph's end keeps no style
   * of its own in RichTextFX).
   */
  private List<Collection<String>> areaStyles() {
    return onFx(
        () ->
            withoutNewlines(
                area.getText(),
                IncrementalStylerTest.perChar(area.getStyleSpans(0, area.getLength()))));
  }

  /** The style classes a full pass gives every character of a text but newlines. */
  private static List<Collection<String>> fullStyles(String text) {
    return withoutNewlines(
        text,
        IncrementalStylerTest.perChar(
            new ConfigStyler(ModprobeDSyntax.parse("t.conf", text), text, List.of())
                .highlighting()
                .styles()));
  }

  private static List<Collection<String>> withoutNewlines(
      String text, List<Collection<String>> styles) {
    List<Collection<String>> out = new ArrayList<>();
    for (int i = 0; i < styles.size(); i++) {
      if (text.charAt(i) != '\n') {
        out.add(styles.get(i));
      }
    }
    return out;
  }

  @Test
  void typingRestylesOnlyTheEditedLinesAndMatchesAFullPass() throws InterruptedException {
    String text = "alias a b\noptions loop max_loop=8\nblacklist tun\nblacklist dummy\n";
    List<String> parsed = new ArrayList<>();
    onFx(
        () -> {
          highlighter.uninstall();
          area.replaceText(text);
          highlighter =
              new SyntaxHighlighter(
                  area,
                  parses::add,
                  (name, t) -> {
                    parsed.add(t);
                    return ModprobeDSyntax.parse(name, t);
                  },
                  () -> "t.conf");
          highlighter.install();
          return null;
        });
    parses.clear();
    onFx(
        () -> {
          highlighter.restyle();
          return null;
        });
    runNextParse();
    parsed.clear();

    // type "x" into the options line: "max_loopx" is still an option name
    int at = text.indexOf("=8");
    onFx(
        () -> {
          area.insertText(at, "x");
          return null;
        });
    runNextParse();

    assertThat(parsed).containsExactly("options loop max_loopx=8\nblacklist tun\n");
    String after = onFx(area::getText);
    assertThat(areaStyles()).isEqualTo(fullStyles(after));
    assertThat(onFx(() -> area.getStyleOfChar(at))).containsExactly("lexeme-option-name");

    // break the line: the first word is no directive now, and only that line changes colour
    onFx(
        () -> {
          area.replaceText(text.indexOf("options"), text.indexOf("options") + 1, "");
          return null;
        });
    runNextParse();
    assertThat(areaStyles()).isEqualTo(fullStyles(onFx(area::getText)));
  }

  @Test
  void aStaleLinePassKeepsItsRangeForTheNextEdit() throws InterruptedException {
    runNextParse();
    // two edits on different lines before either part is styled
    onFx(
        () -> {
          area.replaceText("alias a b\nblacklist tun\nblacklist dummy\n");
          return null;
        });
    parses.clear();
    onFx(
        () -> {
          area.insertText(0, "#");
          area.insertText(area.getLength() - 1, "x");
          return null;
        });
    // the first part pass is stale (the second edit came after it) and is dropped
    runNextParse();
    // the second covers both edits' lines
    runNextParse();

    assertThat(areaStyles()).isEqualTo(fullStyles(onFx(area::getText)));
    assertThat(onFx(() -> area.getStyleOfChar(0))).containsExactly("lexeme-comment");
  }

  @Test
  void findingsOfCheckAreUnderlinedOnTheirLinesAndListed() throws InterruptedException {
    runNextParse();
    onFx(
        () -> {
          area.appendText("nonsense\n");
          return null;
        });
    // let the edit settle, and run what it asked for
    Thread.sleep(SyntaxHighlighter.SETTLE.toMillis() * 3);
    WaitForAsyncUtils.waitForFxEvents();
    for (Runnable parse = parses.poll(); parse != null; parse = parses.poll()) {
      parse.run();
    }
    WaitForAsyncUtils.waitForFxEvents();
    onFx(
        () -> {
          highlighter.setContext(
              new EditorContext() {
                @Override
                public List<EditorContext.Finding> findings(String fileName) {
                  return fileName.equals("t.conf")
                      ? List.of(
                          new EditorContext.Finding(
                              1, Severity.WARNING, "blacklist-unknown", "pcspkr is no module"),
                          // check repeats the grammar's syntax errors: listed once
                          new EditorContext.Finding(
                              2,
                              Severity.ERROR,
                              "bad-line",
                              "ignoring bad line starting with 'nonsense'"))
                      : List.of();
                }
              });
          highlighter.restyle();
          return null;
        });
    runNextParse();

    assertThat(onFx(() -> area.getStyleOfChar(0)))
        .containsExactly("lexeme-directive", "problem-warning");
    assertThat(onFx(() -> highlighter.problems().stream().map(Diagnostic::message).toList()))
        .containsExactly(
            "pcspkr is no module [blacklist-unknown]",
            "ignoring bad line starting with 'nonsense'");
    Diagnostic d = onFx(() -> highlighter.problems().get(0));
    assertThat(d.span().line()).isEqualTo(1);
    assertThat(d.span().end()).isEqualTo("blacklist pcspkr".length());

    // typing on the line keeps the underline, now styled with the line
    onFx(
        () -> {
          area.insertText(area.getLength() - 1, "x");
          return null;
        });
    runNextParse();
    assertThat(onFx(() -> area.getStyleOfChar(0)))
        .containsExactly("lexeme-directive", "problem-warning");

    // a line inserted above moves the underline down with its words before the next whole pass
    onFx(
        () -> {
          area.insertText(0, "# x\n");
          return null;
        });
    runNextParse();
    assertThat(onFx(() -> area.getStyleOfChar(0))).containsExactly("lexeme-comment");
    assertThat(onFx(() -> area.getStyleOfChar(4)))
        .containsExactly("lexeme-directive", "problem-warning");
  }

  @Test
  void aResultUnderWayWhenUninstalledIsDropped() throws InterruptedException {
    onFx(
        () -> {
          highlighter.uninstall();
          return null;
        });

    runNextParse();

    assertThat(onFx(() -> area.getStyleOfChar(0))).isEmpty();
    assertThat(parses).isEmpty();
  }
}
