package io.kmodj.gui.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes the desktop's {@link GuiState} as {@code gui.json} in the kmodj configuration
 * directory ({@link #defaultDirectory()}). Writing goes through {@link AtomicFileWriter} (temporary
 * file, fsync, rename), keeping the previous version as {@code gui.json~}. Reading never fails: a
 * missing file gives the defaults, and an unreadable or corrupt one the defaults with a message
 * naming the file, line and column.
 *
 * <p>The format, version 1:
 *
 * <pre>{@code
 * {"version": 1,
 *  "window": {"width": 1280, "height": 800},
 *  "layout": {"left": 0.2, "right": 0.24, "bottom": 0.26, "hidden": ["graph"]},
 *  "recentFiles": ["/etc/modprobe.d/sound.conf"],
 *  "lastFile": "/etc/modprobe.d/sound.conf",
 *  "openFiles": ["/etc/modprobe.d/sound.conf", "/etc/modprobe.d/usb.conf"]}
 * }</pre>
 *
 * Pane names are {@link PaneId#source()}; names this version does not know are skipped.
 */
public final class GuiStateStore {
  /** The system property that overrides the directory holding {@code gui.json} (for tests). */
  public static final String DIRECTORY_PROPERTY = "kmodj.gui.config";

  /** The file's name in the directory. */
  public static final String FILE_NAME = "gui.json";

  private static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The state read, and why the defaults were used instead, if they were.
   *
   * @param state the state to start with
   * @param problem a message for the status line when the file could not be used
   */
  public record Loaded(GuiState state, Optional<String> problem) {}

  private final Path file;

  /**
   * A store in a directory.
   *
   * @param directory where {@code gui.json} lives (created on the first save)
   */
  public GuiStateStore(Path directory) {
    this.file = Objects.requireNonNull(directory, "directory").toAbsolutePath().resolve(FILE_NAME);
  }

  /**
   * The directory of the user's kmodj configuration: {@value #DIRECTORY_PROPERTY} if set, else
   * {@code $XDG_CONFIG_HOME/kmodj} (an absolute {@code XDG_CONFIG_HOME} only, as the XDG base
   * directory specification says), else {@code ~/.config/kmodj}.
   *
   * @return the directory
   */
  public static Path defaultDirectory() {
    return directory(System.getProperty(DIRECTORY_PROPERTY), System.getenv(), home());
  }

  static Path directory(String override, Map<String, String> env, Path home) {
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "kmodj");
    }
    return home.resolve(".config").resolve("kmodj");
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home", ""));
  }

  /** The file read and written. */
  public Path file() {
    return file;
  }

  /**
   * Reads the state.
   *
   * @return the saved state, or the defaults (with a message if the file exists but cannot be used)
   */
  public Loaded load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(GuiState.DEFAULT, Optional.empty());
    } catch (IOException e) {
      return broken(file + ": cannot read: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      return broken(at(e.getLocation()) + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return broken(file + ": cannot read: " + e.getMessage());
    }
    try {
      return new Loaded(parse(root), Optional.empty());
    } catch (BadState e) {
      return broken(file + ": " + e.getMessage());
    }
  }

  private Loaded broken(String why) {
    return new Loaded(GuiState.DEFAULT, Optional.of(why + " (using the default layout)"));
  }

  private String at(JsonLocation where) {
    if (where == null || where.getLineNr() < 1) {
      return file.toString();
    }
    return file + ":" + where.getLineNr() + ":" + where.getColumnNr();
  }

  /** A well-formed JSON document that is not a state. */
  private static final class BadState extends Exception {
    private static final long serialVersionUID = 1L;

    BadState(String message) {
      super(message);
    }
  }

  private static GuiState parse(JsonNode root) throws BadState {
    if (root == null || !root.isObject()) {
      throw new BadState("expected a JSON object");
    }
    JsonNode version = root.path("version");
    if (!version.isMissingNode() && (!version.isInt() || version.intValue() != VERSION)) {
      throw new BadState("unsupported version " + version + ", expected " + VERSION);
    }
    GuiState d = GuiState.DEFAULT;
    JsonNode window = object(root, "window");
    double width = number(window, "width", d.width());
    double height = number(window, "height", d.height());
    JsonNode layout = object(root, "layout");
    Workbench.Layout l = d.layout();
    Set<PaneId> hidden = EnumSet.noneOf(PaneId.class);
    for (String name : strings(layout, "hidden")) {
      for (PaneId id : PaneId.values()) {
        if (id.source().equals(name.toLowerCase(Locale.ROOT))) {
          hidden.add(id);
        }
      }
    }
    Workbench.Layout restored =
        new Workbench.Layout(
            number(layout, "left", l.left()),
            number(layout, "right", l.right()),
            number(layout, "bottom", l.bottom()),
            hidden);
    List<Path> recent = new ArrayList<>();
    for (String name : strings(root, "recentFiles")) {
      recent.add(path(name));
    }
    JsonNode last = root.path("lastFile");
    Optional<Path> lastFile;
    if (last.isMissingNode() || last.isNull()) {
      lastFile = Optional.empty();
    } else if (last.isTextual()) {
      lastFile = Optional.of(path(last.textValue()));
    } else {
      throw new BadState("\"lastFile\" must be a string");
    }
    List<Path> open = new ArrayList<>();
    for (String name : strings(root, "openFiles")) {
      open.add(path(name));
    }
    return new GuiState(width, height, restored, recent, lastFile, open);
  }

  private static JsonNode object(JsonNode parent, String name) throws BadState {
    JsonNode n = parent.path(name);
    if (n.isMissingNode() || n.isObject()) {
      return n;
    }
    throw new BadState("\"" + name + "\" must be an object");
  }

  private static double number(JsonNode parent, String name, double fallback) throws BadState {
    JsonNode n = parent.path(name);
    if (n.isMissingNode()) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw new BadState("\"" + name + "\" must be a number");
    }
    return n.doubleValue();
  }

  private static List<String> strings(JsonNode parent, String name) throws BadState {
    JsonNode n = parent.path(name);
    if (n.isMissingNode()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new BadState("\"" + name + "\" must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new BadState("\"" + name + "\" must be an array of strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static Path path(String name) throws BadState {
    try {
      if (name.isEmpty()) {
        throw new BadState("an empty file name");
      }
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new BadState("not a file name: " + name);
    }
  }

  /**
   * Writes the state, creating the directory if needed and keeping the previous file as {@code
   * gui.json~}.
   *
   * @param state what to remember
   * @throws IOException if the directory cannot be created or the file written
   */
  public void save(GuiState state) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    ObjectNode window = root.putObject("window");
    window.put("width", state.width());
    window.put("height", state.height());
    ObjectNode layout = root.putObject("layout");
    layout.put("left", state.layout().left());
    layout.put("right", state.layout().right());
    layout.put("bottom", state.layout().bottom());
    ArrayNode hidden = layout.putArray("hidden");
    for (PaneId id : PaneId.values()) {
      if (state.layout().hidden().contains(id)) {
        hidden.add(id.source());
      }
    }
    ArrayNode recent = root.putArray("recentFiles");
    state.recent().forEach(p -> recent.add(p.toString()));
    state.last().ifPresent(p -> root.put("lastFile", p.toString()));
    ArrayNode open = root.putArray("openFiles");
    state.open().forEach(p -> open.add(p.toString()));
    Files.createDirectories(file.getParent());
    new AtomicFileWriter(file)
        .write((JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
