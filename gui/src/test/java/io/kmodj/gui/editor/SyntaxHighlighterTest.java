package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.modprobed.ModprobeDSyntax;
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

    // the edit settles and brings its own parse
    runNextParse();

    assertThat(onFx(() -> area.getStyleOfChar(0))).containsExactly("lexeme-error", "problem-error");
    assertThat(onFx(() -> area.getStyleOfChar("nonsense\n".length())))
        .containsExactly("lexeme-directive");
    assertThat(onFx(() -> highlighter.problems().size())).isEqualTo(1);
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
