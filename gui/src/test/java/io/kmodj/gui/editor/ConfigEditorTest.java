package io.kmodj.gui.editor;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.Dialect;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.gui.editor.Completer.Completion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The editor in a window, headless: completion, hover, find/replace, go to definition, gutter. */
class ConfigEditorTest {
  private final FxRobot robot = new FxRobot();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private ConfigEditor editor;
  private CodeArea area;

  @BeforeEach
  void show() throws Exception {
    Stage stage = FxToolkit.registerPrimaryStage();
    onFx(
        () -> {
          editor =
              new ConfigEditor(
                  background, (name, text) -> Dialect.forFileName(name).parse(name, text));
          editor.setContext(CompleterTest.SYSTEM);
          area = editor.area();
          stage.setScene(new Scene(editor.node(), 900, 500));
          stage.show();
          stage.toFront();
          return null;
        });
  }

  @AfterEach
  void close() throws Exception {
    onFx(
        () -> {
          editor.close();
          return null;
        });
    background.shutdownNow();
    FxToolkit.hideStage();
  }

  private void load(String text, int caret) {
    onFx(
        () -> {
          editor.load("t.conf", text);
          area.moveTo(caret);
          area.requestFocus();
          return null;
        });
  }

  private String text() {
    return onFx(area::getText);
  }

  private List<String> shown() {
    return onFx(() -> editor.shownCompletions().stream().map(Completion::text).toList());
  }

  @Test
  void completionOffersTheParametersOfTheModuleOnTheLineAndPutsThePickedOneIn() {
    String text = "options loop max";
    load(text, text.length());

    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);

    await("the popup shows loop's parameters", () -> editor.shownCompletions().size() == 2);
    assertThat(shown()).containsExactly("max_loop=", "max_part=");
    Label detail = robot.lookup(".completion-detail").queryAs(Label.class);
    assertThat(onFx(detail::getText)).isEqualTo("(int) Maximum number of loop devices");
    assertThat(text()).isEqualTo(text);

    robot.type(KeyCode.DOWN).type(KeyCode.ENTER);

    assertThat(text()).isEqualTo("options loop max_part=");
    assertThat(onFx(area::getCaretPosition)).isEqualTo("options loop max_part=".length());
    // an int has no values to offer: the popup stays closed
    assertThat(shown()).isEmpty();
    // the completion is one undoable edit
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    assertThat(text()).isEqualTo(text);
  }

  @Test
  void aBooleanParameterOffersItsValuesAndTypingNarrowsThem() {
    String text = "options e1000 de";
    load(text, text.length());
    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);
    await("debug= is offered", () -> editor.shownCompletions().size() == 1);

    robot.type(KeyCode.TAB);

    await("its values are offered", () -> editor.shownCompletions().size() == 6);
    robot.write("o");
    await("typing narrows them", () -> editor.shownCompletions().size() == 2);
    assertThat(shown()).containsExactly("debug=on", "debug=off");
    robot.type(KeyCode.ESCAPE);
    assertThat(shown()).isEmpty();
    assertThat(text()).isEqualTo("options e1000 debug=o");
  }

  @Test
  void directivesAndModuleNamesAreCompletedInAModulesConf() {
    onFx(
        () -> {
          editor.load("modules.conf", "alias eth0 e1000\npro");
          area.moveTo(area.getLength());
          area.requestFocus();
          return null;
        });
    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);
    await("modutils directives", () -> editor.shownCompletions().size() == 2);
    assertThat(shown()).containsExactly("probe", "probeall");
    robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
    robot.write(" eth0 e1");
    robot
        .press(KeyCode.CONTROL)
        .press(KeyCode.SPACE)
        .release(KeyCode.SPACE)
        .release(KeyCode.CONTROL);
    await("module names", () -> shown().equals(List.of("e1000", "e1000e")));
  }

  @Test
  void hoverShowsTheMessageOfAProblemAndTheDocumentationOfADirective() {
    String text = "options loop max_loop=8\nnonsense here\n";
    load(text, 0);
    await("the bad line is listed", () -> editor.problems().size() == 1);

    assertThat(onFx(() -> editor.hoverAt(2)).orElseThrow())
        .startsWith("options MODULE PARAMETER=VALUE")
        .contains("Parameters passed to MODULE");
    assertThat(onFx(() -> editor.hoverAt(text.indexOf("here"))).orElseThrow())
        .isEqualTo("error: ignoring bad line starting with 'nonsense'");
    assertThat(onFx(() -> editor.hoverAt(text.indexOf("loop")))).isEmpty();

    // the mouse resting on the directive shows the documentation in a popup
    Bounds b = onFx(() -> area.getCharacterBoundsOnScreen(1, 2).orElseThrow());
    robot.moveTo(b.getCenterX(), b.getCenterY());
    await(
        "the hover popup shows",
        () ->
            robot.lookup("#hover-text").tryQuery().isPresent()
                && ((Label) robot.lookup("#hover-text").query()).getText().startsWith("options"));
    Node hover = robot.lookup("#hover-text").query();
    assertThat(onFx(hover::isVisible)).isTrue();
  }

  @Test
  void theGutterMarksTheLinesWithProblems() {
    load("blacklist tun\nnonsense here\nblacklist dummy\n", 0);

    await("line 2 is marked", () -> editor.lineSeverity(2).isPresent());

    assertThat(onFx(() -> editor.lineSeverity(2))).contains(Severity.ERROR);
    assertThat(onFx(() -> editor.lineSeverity(1))).isEmpty();
    // the gutter cell of line 2 may be laid out a pulse after the problem is known
    await("the gutter shows the mark", () -> robot.lookup(".gutter-error").tryQuery().isPresent());
    Label icon = robot.lookup(".gutter-error").queryAs(Label.class);
    assertThat(onFx(icon::getText)).isEqualTo("✖");
    assertThat(robot.lookup(".gutter-error").queryAll()).hasSize(1);

    // fixing the line clears the mark
    onFx(
        () -> {
          area.replaceText(14, 22, "blacklist");
          return null;
        });
    await("the mark is gone", () -> editor.lineSeverity(2).isEmpty());
    await("the gutter mark is gone", () -> robot.lookup(".gutter-error").queryAll().isEmpty());
  }

  @Test
  void findSelectsMatchesAndReplaceAllIsOneUndoableEdit() {
    String text = "options loop max_loop=8\nblacklist loop\nOptions e1000 debug=1\n";
    load(text, 0);

    robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
    assertThat(onFx(() -> editor.findBar().isVisible())).isTrue();
    robot.write("loop").type(KeyCode.ENTER);

    assertThat(onFx(area::getSelectedText)).isEqualTo("loop");
    assertThat(onFx(() -> area.getSelection().getStart())).isEqualTo(text.indexOf("loop"));
    robot.type(KeyCode.ENTER).type(KeyCode.ENTER);
    assertThat(onFx(() -> area.getSelection().getStart())).isEqualTo(text.lastIndexOf("loop"));
    // and round to the first again
    robot.type(KeyCode.ENTER);
    assertThat(onFx(() -> area.getSelection().getStart())).isEqualTo(text.indexOf("loop"));

    // a regular expression over both options lines, case ignored, groups in the replacement
    robot.press(KeyCode.CONTROL).type(KeyCode.H).release(KeyCode.CONTROL);
    onFx(
        () -> {
          editor.findBar().findField().setText("^options (\\S+)");
          editor.findBar().regexBox().setSelected(true);
          editor.findBar().replaceField().setText("options $1 # $1");
          return null;
        });
    robot.clickOn("#replace-all");

    assertThat(text())
        .isEqualTo(
            "options loop # loop max_loop=8\nblacklist loop\noptions e1000 # e1000 debug=1\n");
    assertThat(onFx(() -> editor.findBar().status())).isEqualTo("2 replaced");
    robot.clickOn(area);
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    assertThat(text()).isEqualTo(text);

    // a bad pattern is said in the bar
    onFx(
        () -> {
          editor.findBar().findField().setText("(");
          editor.findBar().next();
          return null;
        });
    assertThat(onFx(() -> editor.findBar().status())).startsWith("bad regular expression");
  }

  @Test
  void goToDefinitionJumpsToTheAliasLineAndOffersAModulesPlaces() {
    String text = "# nic\nalias nic e1000\noptions nic debug=1\n";
    List<EditorContext.Definition> opened = new ArrayList<>();
    onFx(
        () -> {
          editor.setContext(
              new EditorContext() {
                @Override
                public List<Definition> definitions(String name) {
                  return name.equals("e1000")
                      ? List.of(
                          new Definition(Path.of("/lib/modules/x/e1000.ko"), 0, "module file"),
                          new Definition(Path.of("/lib/modules/x/modules.dep"), 7, "modules.dep"))
                      : List.of();
                }
              });
          editor.setOnOpenDefinition(opened::add);
          return null;
        });
    load(text, text.indexOf("nic debug") + 1);

    robot.type(KeyCode.F12);

    assertThat(onFx(area::getCurrentParagraph)).isEqualTo(1);
    assertThat(onFx(() -> editor.statusProperty().get())).isEqualTo("alias nic (here), line 2");

    // e1000 is defined elsewhere, twice: a menu offers both, picking one opens it
    onFx(
        () -> {
          area.moveTo(text.indexOf("e1000") + 2);
          return null;
        });
    robot.type(KeyCode.F12);
    await("the menu shows", () -> editor.definitionsMenu().isShowing());
    assertThat(onFx(() -> editor.definitionsMenu().getItems().size())).isEqualTo(2);
    robot.clickOn("/lib/modules/x/modules.dep:7  modules.dep");

    assertThat(opened)
        .containsExactly(
            new EditorContext.Definition(Path.of("/lib/modules/x/modules.dep"), 7, "modules.dep"));

    // nothing is known of a plain word
    onFx(
        () -> {
          area.moveTo(text.indexOf("debug") + 1);
          return null;
        });
    robot.type(KeyCode.F12);
    assertThat(onFx(() -> editor.statusProperty().get())).isEqualTo("no definition of debug");
  }

  @Test
  void wordsForDefinitionsStopAtBlanksEqualsAndCommas() {
    assertThat(ConfigEditor.wordAt("options nic debug=1", 9)).contains("nic");
    assertThat(ConfigEditor.wordAt("options nic debug=1", 11)).contains("nic");
    assertThat(ConfigEditor.wordAt("softdep a pre: b", 12)).contains("pre");
    assertThat(ConfigEditor.wordAt("alias pci:v00008086d* e1000", 8)).contains("pci:v00008086d*");
    assertThat(ConfigEditor.wordAt("a  b", 2)).isEmpty();
  }
}
