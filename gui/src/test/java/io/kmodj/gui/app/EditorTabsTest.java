package io.kmodj.gui.app;

import static io.kmodj.gui.sim.FxTesting.await;
import static io.kmodj.gui.sim.FxTesting.onFx;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.Dialect;
import io.kmodj.gui.editor.ConfigEditor;
import io.kmodj.gui.model.Selection;
import io.kmodj.gui.model.SystemModel;
import io.kmodj.gui.sim.FxTesting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The editor area of the main window, headless: a tab per file of a modprobe.d or a root, a dirty
 * marker per tab, asking before unsaved changes are dropped, and files changed on disk.
 */
class EditorTabsTest {
  private static final Path MODERN = FxTesting.samples().resolve("modern");

  @TempDir Path tmp;
  private final ExecutorService parsing = Executors.newSingleThreadExecutor();
  private ConfigEditor editor;
  private SystemModel model;
  private MainWindow window;
  private boolean windowClosed;

  @BeforeEach
  void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        stage -> {
          editor =
              new ConfigEditor(
                  parsing, (file, text) -> Dialect.forFileName(file).parse(file, text));
          model = new SystemModel(Platform::runLater);
          window = new MainWindow(stage, editor, model, new Selection());
          window.show();
        });
  }

  @AfterEach
  void stop() throws Exception {
    // a dialog a failed test left open would block the fixture
    Platform.runLater(
        () -> {
          DialogPane d = dialog();
          if (d != null) {
            d.getScene().getWindow().hide();
          }
        });
    WaitForAsyncUtils.waitForFxEvents();
    FxToolkit.setupFixture(
        () -> {
          editor.close();
          if (!windowClosed) {
            window.close();
          }
          model.close();
        });
    parsing.shutdownNow();
    FxToolkit.cleanupStages();
  }

  private EditorTabs tabs() {
    return window.tabs();
  }

  private List<String> titles() {
    return onFx(() -> tabs().buffers().stream().map(FileBuffer::title).toList());
  }

  private FileBuffer buffer(String name) {
    return onFx(
        () ->
            tabs().buffers().stream()
                .filter(b -> b.path().map(p -> p.endsWith(name)).orElse(false))
                .findFirst()
                .orElseThrow());
  }

  /** A writable copy of the modern sample's modprobe.d. */
  private Path modprobeD() throws IOException {
    Path dir = tmp.resolve("modprobe.d");
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(MODERN.resolve("etc/modprobe.d"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName().toString()));
      }
    }
    return dir;
  }

  private static DialogPane dialog() {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane d) {
        return d;
      }
    }
    return null;
  }

  /** Runs an action that may ask (a nested event loop), without waiting for it. */
  private static <T> CompletableFuture<T> later(Supplier<T> action) {
    CompletableFuture<T> done = new CompletableFuture<>();
    Platform.runLater(() -> done.complete(action.get()));
    return done;
  }

  /** Waits for a question with this header and answers it with the button of that text. */
  private static String answer(String header, String button) {
    await(
        "the question " + header,
        () -> dialog() != null && header.equals(dialog().getHeaderText()));
    String content = onFx(() -> dialog().getContentText());
    Platform.runLater(
        () -> {
          DialogPane d = dialog();
          for (ButtonType t : d.getButtonTypes()) {
            if (t.getText().equals(button)) {
              ((Button) d.lookupButton(t)).fire();
              return;
            }
          }
          throw new AssertionError("no button " + button + " in " + d.getButtonTypes());
        });
    return content;
  }

  private static <T> T result(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theModernSamplesModprobeDOpensATabPerFileInKmodsOrder() throws Exception {
    assertThat(onFx(() -> window.open(MODERN.resolve("etc/modprobe.d")))).isTrue();

    assertThat(titles()).containsExactly("10-network.conf", "20-storage.conf", "90-blacklist.conf");
    assertThat(onFx(() -> window.file().orElseThrow().getFileName().toString()))
        .isEqualTo("10-network.conf");
    await(
        "the directory's system loaded",
        () ->
            model
                .spec()
                .map(
                    s ->
                        s.configPaths()
                            .equals(List.of(MODERN.resolve("etc/modprobe.d").toString())))
                .orElse(false));
    // nothing was edited: the model reads the files from disk
    assertThat(onFx(() -> model.overlay().isEmpty())).isTrue();
    // each tab has its own editor and text
    assertThat(onFx(() -> buffer("20-storage.conf").text()))
        .isEqualTo(Files.readString(MODERN.resolve("etc/modprobe.d/20-storage.conf")));
    assertThat(onFx(() -> buffer("10-network.conf").editor() != buffer("20-storage.conf").editor()))
        .isTrue();
  }

  @Test
  void aRootOpensEveryDirectoryKmodReadsAndMarksAHiddenFile() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("lib/modules/6.1.0"));
    Files.createDirectories(root.resolve("etc/modprobe.d"));
    Files.createDirectories(root.resolve("lib/modprobe.d"));
    Files.writeString(root.resolve("etc/modprobe.d/50-local.conf"), "blacklist pcspkr\n");
    Files.writeString(root.resolve("lib/modprobe.d/50-local.conf"), "blacklist floppy\n");
    Files.writeString(root.resolve("lib/modprobe.d/10-vendor.conf"), "options loop max_loop=8\n");
    Files.writeString(root.resolve("lib/modprobe.d/README"), "not read\n");

    assertThat(onFx(() -> window.open(root))).isTrue();

    assertThat(titles())
        .containsExactly("10-vendor.conf", "50-local.conf", "50-local.conf (hidden)");
    assertThat(onFx(() -> tabs().buffers().get(2).hiddenBy()))
        .contains(root.resolve("etc/modprobe.d/50-local.conf"));
    assertThat(onFx(() -> tabs().buffers().get(2).path()))
        .contains(root.resolve("lib/modprobe.d/50-local.conf"));
    await(
        "the root's system loaded",
        () -> model.spec().flatMap(s -> s.root()).equals(Optional.of(root.toString())));
  }

  @Test
  void eachTabHasItsOwnDirtyMarkerAndUndo() throws Exception {
    Path dir = modprobeD();
    onFx(() -> window.open(dir));
    FileBuffer storage = buffer("20-storage.conf");

    onFx(
        () -> {
          storage.editor().area().insertText(0, "blacklist floppy\n");
          return null;
        });

    assertThat(titles())
        .containsExactly("10-network.conf", "20-storage.conf •", "90-blacklist.conf");
    assertThat(
            onFx(
                () ->
                    new String(
                        model.overlay().content(dir.resolve("20-storage.conf")).orElseThrow(),
                        UTF_8)))
        .isEqualTo("blacklist floppy\n" + Files.readString(dir.resolve("20-storage.conf")));
    onFx(
        () -> {
          storage.editor().area().undo();
          return null;
        });
    assertThat(titles()).containsExactly("10-network.conf", "20-storage.conf", "90-blacklist.conf");
    assertThat(onFx(() -> model.overlay().isEmpty()))
        .as("undone to clean: no unsaved text")
        .isTrue();
    assertThat(onFx(() -> buffer("10-network.conf").editor().area().isUndoAvailable())).isFalse();
  }

  @Test
  void closingATabWithUnsavedChangesAsksAndCancelKeepsIt() throws Exception {
    Path dir = modprobeD();
    onFx(() -> window.open(dir));
    FileBuffer network = buffer("10-network.conf");
    String before = Files.readString(dir.resolve("10-network.conf"));
    onFx(
        () -> {
          network.editor().area().appendText("blacklist dummy2\n");
          return null;
        });

    CompletableFuture<Boolean> cancelled = later(() -> tabs().close(network));
    assertThat(answer("Save changes?", "Cancel")).contains("10-network.conf has unsaved changes");
    assertThat(result(cancelled)).isFalse();
    assertThat(titles()).contains("10-network.conf •");

    CompletableFuture<Boolean> discarded = later(() -> tabs().close(network));
    answer("Save changes?", "Discard");
    assertThat(result(discarded)).isTrue();
    assertThat(titles()).containsExactly("20-storage.conf", "90-blacklist.conf");
    assertThat(Files.readString(dir.resolve("10-network.conf"))).isEqualTo(before);
  }

  @Test
  void closingTheWindowAsksOnceListingEveryUnsavedFileAndSaveAllSavesThem() throws Exception {
    Path dir = modprobeD();
    onFx(() -> window.open(dir));
    for (String name : List.of("10-network.conf", "90-blacklist.conf")) {
      FileBuffer b = buffer(name);
      onFx(
          () -> {
            b.editor().area().appendText("# edited\n");
            return null;
          });
    }

    CompletableFuture<Boolean> asked = later(() -> tabs().mayCloseAll());
    String listed = answer("Save changes?", "Save All");

    assertThat(result(asked)).isTrue();
    assertThat(listed)
        .contains(dir.resolve("10-network.conf").toString())
        .contains(dir.resolve("90-blacklist.conf").toString())
        .doesNotContain("20-storage.conf");
    assertThat(Files.readString(dir.resolve("10-network.conf"))).endsWith("# edited\n");
    assertThat(Files.readString(dir.resolve("90-blacklist.conf"))).endsWith("# edited\n");
    assertThat(titles()).containsExactly("10-network.conf", "20-storage.conf", "90-blacklist.conf");
  }

  @Test
  void closingTheWindowItselfAsksAndCancelKeepsItOpen() throws Exception {
    Path dir = modprobeD();
    onFx(() -> window.open(dir));
    for (String name : List.of("10-network.conf", "20-storage.conf")) {
      FileBuffer b = buffer(name);
      onFx(
          () -> {
            b.editor().area().appendText("# edited\n");
            return null;
          });
    }
    Stage stage = onFx(() -> (Stage) tabs().node().getScene().getWindow());

    Platform.runLater(
        () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    String listed = answer("Save changes?", "Cancel");

    assertThat(listed).contains("10-network.conf").contains("20-storage.conf");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(stage::isShowing)).isTrue();
    assertThat(titles()).contains("10-network.conf •", "20-storage.conf •");
  }

  @Test
  void anExternalWriteToACleanFileReloadsItKeepingTheCaret() throws Exception {
    Path file = tmp.resolve("sound.conf");
    String first = "# sound\noptions snd-hda-intel model=auto\nblacklist pcspkr\n";
    Files.writeString(file, first);
    onFx(() -> window.open(file));
    FileBuffer b = buffer("sound.conf");
    onFx(
        () -> {
          b.editor().area().moveTo(1, 8);
          return null;
        });

    String second = first + "blacklist floppy\n";
    Files.writeString(file, second);

    await("the buffer reloaded", () -> b.text().equals(second));
    assertThat(onFx(() -> b.dirty().get())).isFalse();
    assertThat(onFx(() -> b.editor().area().getCurrentParagraph())).isEqualTo(1);
    assertThat(onFx(() -> b.editor().area().getCaretColumn())).isEqualTo(8);
    assertThat(onFx(() -> b.bar().isVisible())).isFalse();
  }

  @Test
  void anExternalWriteToADirtyFileShowsTheBarAndKeepMineKeepsTheEdit() throws Exception {
    Path file = tmp.resolve("sound.conf");
    Files.writeString(file, "blacklist pcspkr\n");
    onFx(() -> window.open(file));
    FileBuffer b = buffer("sound.conf");
    onFx(
        () -> {
          b.editor().area().appendText("blacklist mine\n");
          return null;
        });

    Files.writeString(file, "blacklist theirs\n");

    await("the bar shows", () -> b.bar().isVisible());
    assertThat(onFx(() -> b.bar().lookup("#disk-bar-text").toString()))
        .contains("sound.conf changed on disk");
    assertThat(titles()).containsExactly("sound.conf • (changed on disk)");
    FxTesting.screenshot(b.editor().area(), "changed-on-disk.png");
    onFx(
        () -> {
          ((Button) b.bar().lookup("#disk-keep")).fire();
          return null;
        });

    assertThat(onFx(b::text)).isEqualTo("blacklist pcspkr\nblacklist mine\n");
    assertThat(onFx(() -> b.dirty().get())).isTrue();
    assertThat(onFx(() -> b.bar().isVisible())).isFalse();
    // the change on disk was seen and set aside: saving now replaces it without asking
    assertThat(onFx(() -> tabs().save(b))).isTrue();
    assertThat(Files.readString(file, UTF_8)).isEqualTo("blacklist pcspkr\nblacklist mine\n");
  }

  @Test
  void reloadFromTheBarTakesTheDiskTextAndUndoGivesTheEditBack() throws Exception {
    Path file = tmp.resolve("sound.conf");
    Files.writeString(file, "blacklist pcspkr\n");
    onFx(() -> window.open(file));
    FileBuffer b = buffer("sound.conf");
    onFx(
        () -> {
          b.editor().area().appendText("blacklist mine\n");
          return null;
        });
    Files.writeString(file, "blacklist theirs\n");
    await("the bar shows", () -> b.bar().isVisible());

    onFx(
        () -> {
          ((Button) b.bar().lookup("#disk-reload")).fire();
          return null;
        });

    assertThat(onFx(b::text)).isEqualTo("blacklist theirs\n");
    assertThat(onFx(() -> b.dirty().get())).isFalse();
    onFx(
        () -> {
          b.editor().area().undo();
          return null;
        });
    assertThat(onFx(b::text)).isEqualTo("blacklist pcspkr\nblacklist mine\n");
  }

  @Test
  void compareShowsTheDiskAndTheBufferSideBySide() throws Exception {
    Path file = tmp.resolve("sound.conf");
    Files.writeString(file, "blacklist pcspkr\n");
    onFx(() -> window.open(file));
    FileBuffer b = buffer("sound.conf");
    onFx(
        () -> {
          b.editor().area().appendText("blacklist mine\n");
          return null;
        });
    Files.writeString(file, "blacklist theirs\n");
    await("the bar shows", () -> b.bar().isVisible());

    Platform.runLater(() -> ((Button) b.bar().lookup("#disk-compare")).fire());
    await(
        "the comparison shows", () -> dialog() != null && dialog().lookup("#compare-disk") != null);
    assertThat(onFx(() -> ((TextArea) dialog().lookup("#compare-disk")).getText()))
        .isEqualTo("blacklist theirs\n");
    assertThat(onFx(() -> ((TextArea) dialog().lookup("#compare-mine")).getText()))
        .isEqualTo("blacklist pcspkr\nblacklist mine\n");
    assertThat(onFx(() -> ((TextArea) dialog().lookup("#compare-mine")).isEditable())).isFalse();
    answer(file + " changed on disk", "Keep Mine");

    await("the bar is gone", () -> !b.bar().isVisible());
    assertThat(onFx(b::text)).isEqualTo("blacklist pcspkr\nblacklist mine\n");
  }

  @Test
  void savingOverAChangeMadeOnDiskAsksFirst() throws Exception {
    Path file = tmp.resolve("sound.conf");
    Files.writeString(file, "blacklist pcspkr\n");
    onFx(() -> window.open(file));
    FileBuffer b = buffer("sound.conf");
    onFx(
        () -> {
          b.editor().area().appendText("blacklist mine\n");
          return null;
        });
    Files.writeString(file, "blacklist theirs\n");

    CompletableFuture<Boolean> cancelled = later(() -> tabs().save(b));
    assertThat(answer("Overwrite a change made on disk?", "Cancel"))
        .contains(file + " changed on disk since it was loaded");
    assertThat(result(cancelled)).isFalse();
    assertThat(Files.readString(file)).isEqualTo("blacklist theirs\n");

    CompletableFuture<Boolean> overwritten = later(() -> tabs().save(b));
    answer("Overwrite a change made on disk?", "Overwrite");
    assertThat(result(overwritten)).isTrue();
    assertThat(Files.readString(file)).isEqualTo("blacklist pcspkr\nblacklist mine\n");
    assertThat(onFx(() -> b.dirty().get())).isFalse();
  }

  @Test
  void aFileDeletedOnDiskMarksItsTabAndSaveWritesItAgain() throws Exception {
    Path file = tmp.resolve("sound.conf");
    Files.writeString(file, "blacklist pcspkr\n");
    onFx(() -> window.open(file));
    FileBuffer b = buffer("sound.conf");

    Files.delete(file);

    await("the tab is marked", () -> b.title().equals("sound.conf (deleted)"));
    assertThat(onFx(b::text)).isEqualTo("blacklist pcspkr\n");
    assertThat(onFx(() -> tabs().save(b))).isTrue();
    assertThat(Files.readString(file)).isEqualTo("blacklist pcspkr\n");
    assertThat(titles()).containsExactly("sound.conf");
  }

  @Test
  void aModulesConfOpensItsIncludedFilesOnDemand() throws Exception {
    Path extra = tmp.resolve("extra.conf");
    Files.writeString(extra, "alias eth0 e1000\n");
    Path sub = tmp.resolve("sub");
    Files.createDirectories(sub);
    Files.writeString(sub.resolve("more"), "options e1000 debug=1\n");
    Path conf = tmp.resolve("modules.conf");
    String text = "include " + extra + "\nif 1\n include sub/more\nendif\nalias eth1 tulip\n";
    Files.writeString(conf, text);
    onFx(() -> window.open(conf));
    assertThat(titles()).containsExactly("modules.conf");

    // go to definition on the include path opens it, as part of the modules.conf's system
    onFx(() -> window.editor().goToDefinition(text.indexOf("extra.conf")));
    assertThat(titles()).containsExactly("modules.conf", "extra.conf");
    assertThat(onFx(() -> window.file())).contains(extra);
    assertThat(onFx(() -> buffer("extra.conf").spec().map(s -> s.dialect())))
        .contains(Dialect.MODUTILS);

    onFx(
        () -> {
          tabs().select(buffer("modules.conf"));
          return null;
        });
    assertThat(onFx(() -> tabs().openIncluded())).isEqualTo(2);
    assertThat(titles()).containsExactly("modules.conf", "extra.conf", "more");
  }

  @Test
  void theSimulationsDirectoryIsDeletedWhenItsSystemIsClosed() throws Exception {
    onFx(() -> window.open(MODERN.resolve("etc/modprobe.d")));
    await("the simulation booted", () -> window.systemPanes().simulation().isPresent());
    Path first = onFx(() -> window.systemPanes().simulation().get().ownedDirectory().orElseThrow());
    assertThat(first).isDirectory();

    onFx(() -> window.open(FxTesting.samples().resolve("modutils/etc/modules.conf")));
    await(
        "the other system's simulation booted",
        () ->
            window
                .systemPanes()
                .simulation()
                .map(s -> s.system().dialect().equals("modutils"))
                .orElse(false));
    Path second =
        onFx(() -> window.systemPanes().simulation().get().ownedDirectory().orElseThrow());
    await("the first simulation's directory is deleted", () -> !Files.exists(first));

    FxToolkit.setupFixture(window::close);
    windowClosed = true;
    assertThat(Files.exists(second)).as(second + " deleted at exit").isFalse();
  }
}
