package io.kmodj.gui.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.gui.problems.ProblemsPane;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The application end to end, headless: started as {@code ./kmodj gui FILE} starts it. */
class MainWindowTest {
  private static final String SAMPLE =
      "# sound\noptions snd-hda-intel model=auto\nblacklist pcspkr\n";

  @TempDir Path dir;
  private Path file;
  private Application app;
  private final FxRobot robot = new FxRobot();
  private CodeArea area;

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("sound.conf");
    Files.writeString(file, SAMPLE);
    launch(file.toString());
  }

  private void launch(String... args) throws TimeoutException {
    FxToolkit.registerPrimaryStage();
    app = FxToolkit.setupApplication(KmodjApp.class, args);
    area = robot.lookup("#config-text").queryAs(CodeArea.class);
    // the first colouring is under way; the tests wait for what they need
  }

  @AfterEach
  void stop() throws TimeoutException {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  /** Reads FX state on the FX thread. */
  private static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("reading FX state failed", e);
    }
  }

  /** Waits until a condition on FX state holds, failing with its description. */
  private static void await(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting until " + what, e);
    }
  }

  private Collection<String> styleAt(int offset) {
    return onFx(() -> area.getStyleOfChar(offset));
  }

  private boolean styled(int offset, String styleClass) {
    return area.getStyleOfChar(offset).contains(styleClass);
  }

  private String text() {
    return onFx(() -> area.getText());
  }

  private String title() {
    return onFx(() -> ((Stage) Window.getWindows().get(0)).getTitle());
  }

  /** The diagnostics the window's Problems pane lists. */
  private List<Diagnostic> problemList() {
    return onFx(
        () ->
            ((KmodjApp) app)
                .window().problems().problems().stream()
                    .map(ProblemsPane.Problem::diagnostic)
                    .toList());
  }

  @Test
  void openingAFileShowsItsTextColoured() {
    assertThat(text()).isEqualTo(SAMPLE);
    assertThat(title()).isEqualTo("sound.conf — kmodj");

    await("the directive is coloured", () -> styled(SAMPLE.indexOf("options"), "lexeme-directive"));
    assertThat(styleAt(0)).containsExactly("lexeme-comment");
    assertThat(styleAt(SAMPLE.indexOf("pcspkr"))).containsExactly("lexeme-module");
  }

  @Test
  void aModulesConfFileIsReadInTheModutilsDialect() throws Exception {
    FxToolkit.cleanupApplication(app);
    Path legacy = dir.resolve("modules.conf");
    String text = "probeall usb-interface usb-uhci usb-ohci\nbelow lp parport_pc\n";
    Files.writeString(legacy, text);
    launch(legacy.toString());

    // modprobe.d's grammar would call both lines bad; modutils' knows them
    await("probeall is coloured", () -> styled(0, "lexeme-directive"));
    assertThat(problemList()).isEmpty();
  }

  @Test
  void typingADirectiveColoursIt() {
    int end = SAMPLE.length();
    robot.clickOn(area).interact(() -> area.moveTo(end));

    robot.write("install floppy /bin/false");

    assertThat(text()).isEqualTo(SAMPLE + "install floppy /bin/false");
    // the robot types a character at a time: wait for the styling of the whole line
    int module = end + "install ".length();
    int command = end + "install floppy ".length();
    await(
        "the typed directive is coloured",
        () ->
            styled(end, "lexeme-directive")
                && styled(module, "lexeme-module")
                && styled(command, "lexeme-command"));
    assertThat(title()).isEqualTo("*sound.conf — kmodj");
  }

  @Test
  void aBadLineIsUnderlinedAndListedAndClickingItGoesThere() {
    int end = SAMPLE.length();
    robot.clickOn(area).interact(() -> area.moveTo(end));

    robot.write("nonsense here");

    assertThat(text()).isEqualTo(SAMPLE + "nonsense here");
    int last = end + "nonsense her".length();
    await(
        "the whole bad line is underlined",
        () ->
            area.getStyleOfChar(end).containsAll(List.of("lexeme-error", "problem-error"))
                && area.getStyleOfChar(last).containsAll(List.of("lexeme-error", "problem-error")));
    // colours follow each keystroke; the list follows when typing pauses, so wait for the last
    await(
        "the problem is listed",
        () -> problemList().size() == 1 && problemList().get(0).message().contains("'nonsense'"));
    Diagnostic listed = problemList().get(0);
    assertThat(listed.message()).isEqualTo("ignoring bad line starting with 'nonsense'");
    assertThat(listed.span().line()).isEqualTo(4);

    // the Problems pane lists it as file:line:column, rule, message; a click goes there
    robot.interact(() -> area.moveTo(0));
    robot.interact(() -> ((KmodjApp) app).window().workbench().reveal(PaneId.PROBLEMS));
    String row =
        "sound.conf:4:1  " + listed.code() + "  ignoring bad line starting with 'nonsense'";
    await("the row is shown", () -> robot.lookup(row).tryQuery().isPresent());
    robot.clickOn(row);

    assertThat(onFx(area::getCurrentParagraph)).isEqualTo(3);
    assertThat(onFx(area::getCaretColumn)).isZero();
  }

  @Test
  void saveReplacesTheFileAtomicallyAndKeepsABackup() throws IOException {
    Object inodeBefore = Files.getAttribute(file, "unix:ino");
    robot.clickOn(area).interact(() -> area.appendText("blacklist floppy\n"));
    assertThat(title()).startsWith("*");

    robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);

    await("the title loses its dirty marker", () -> !title().startsWith("*"));
    assertThat(Files.readString(file, UTF_8)).isEqualTo(SAMPLE + "blacklist floppy\n");
    assertThat(Files.readString(dir.resolve("sound.conf~"), UTF_8)).isEqualTo(SAMPLE);
    assertThat(Files.getAttribute(file, "unix:ino")).isNotEqualTo(inodeBefore);
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("sound.conf", "sound.conf~");
    }
  }

  @Test
  void undoUndoesTextButNeverColouring() {
    await("the file is coloured", () -> styled(0, "lexeme-comment"));
    assertThat(onFx(area::isUndoAvailable)).as("colouring left no undo step").isFalse();

    int end = SAMPLE.length();
    robot.interact(() -> area.insertText(end, "blacklist floppy\n"));
    await("the new line is coloured", () -> styled(end, "lexeme-directive"));
    robot.clickOn(area).press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

    assertThat(text()).isEqualTo(SAMPLE);
    assertThat(onFx(area::isUndoAvailable)).as("one undo step took the typing away").isFalse();
    assertThat(styleAt(SAMPLE.indexOf("options"))).containsExactly("lexeme-directive");
    assertThat(title()).isEqualTo("sound.conf — kmodj");
  }

  @Test
  void writesAScreenshotOfTheMainWindow() throws Exception {
    stop();
    Path shown = dir.resolve("modprobe.conf");
    Files.writeString(
        shown,
        """
        # /etc/modprobe.d/sound.conf
        options snd-hda-intel model=auto power_save=1 \\
        \tenable_msi=1
        alias sound-slot-0 snd_hda_intel
        softdep snd-hda-intel pre: snd-hda-codec post: snd-pcm
        install pcspkr /bin/true
        blacklist floppy
        remove snd_hda_intel /sbin/modprobe -r --ignore-remove snd_hda_intel
        nonsense line here
        """);
    launch(shown.toString());
    await("the bad line is listed", () -> problemList().size() == 1);
    await("the first line is coloured", () -> styled(0, "lexeme-comment"));
    WaitForAsyncUtils.waitForFxEvents();

    // the editor view alone: the tab strip, the text with its gutter and colours
    javafx.scene.Node view = onFx(() -> ((KmodjApp) app).window().tabs().node());
    Path out = io.kmodj.gui.sim.FxTesting.screenshotOf(view, "editor.png");
    BufferedImage png = ImageIO.read(out.toFile());
    assertThat(png.getWidth()).isBetween(600, 1280);
    assertThat(png.getHeight()).isBetween(300, 800);
  }
}
