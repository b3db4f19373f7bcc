package io.kmodj.gui.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** What the pane tests share: reading FX state, waiting for it, writing a screenshot. */
public final class FxTesting {
  private FxTesting() {}

  /** Reads FX state on the FX thread. */
  public static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("reading FX state failed", e);
    }
  }

  /** Waits until a condition on FX state holds, failing with its description. */
  public static void await(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(condition));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting until " + what, e);
    }
  }

  /**
   * Writes a node's scene as a PNG into the screenshot folder ({@code kmodj.screenshots}).
   *
   * @param node a node of the scene
   * @param name the file name
   * @return the file written
   */
  public static Path screenshot(Node node, String name) throws IOException {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = onFx(() -> node.getScene().snapshot(null));
    return write(image, name);
  }

  /**
   * Writes one node, not its whole scene, as a PNG into the screenshot folder: a pane's own
   * screenshot.
   *
   * @param node the node
   * @param name the file name
   * @return the file written
   */
  public static Path screenshotOf(Node node, String name) throws IOException {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = onFx(() -> node.snapshot(null, null));
    return write(image, name);
  }

  private static Path write(WritableImage image, String name) throws IOException {
    Path out = Path.of(System.getProperty("kmodj.screenshots", "target")).resolve(name);
    Files.createDirectories(out.getParent());
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] argb = new int[w * h];
    image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    png.setRGB(0, 0, w, h, argb, 0, w);
    assertThat(ImageIO.write(png, "png", out.toFile())).isTrue();
    return out;
  }

  /** The bundled samples folder, seen from the gui module. */
  public static Path samples() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/modern"))) {
        return p.resolve("samples");
      }
    }
    throw new AssertionError("no samples folder above " + Path.of("").toAbsolutePath());
  }
}
