package io.kmodj.engine.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Saved driver parameters, one file per module in a persist directory ({@code PERSISTDIR/NAME},
 * {@code param=value} lines), as kmod.txt suggests and modutils 2.4's {@code persistdir} named it.
 * Files are written atomically (temporary file, fsync, rename); a corrupt file is moved aside,
 * never overwritten, and never stops a load. Stateless apart from its directory: safe to share.
 */
public final class ParameterStore {
  private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Path dir;

  /**
   * A store in a directory (created on the first save).
   *
   * @param dir the persist directory
   */
  public ParameterStore(Path dir) {
    this.dir = Objects.requireNonNull(dir);
  }

  /** The persist directory. */
  public Path directory() {
    return dir;
  }

  /**
   * What was read for a module.
   *
   * @param values the saved values (empty when none or when the file was bad)
   * @param problem why the values could not be used, when a file existed but was bad
   */
  public record Saved(Map<String, String> values, Optional<String> problem) {
    public Saved {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      Objects.requireNonNull(problem);
    }
  }

  /**
   * Reads a module's saved parameters. A file that is not all {@code param=value} lines of UTF-8 is
   * moved aside to {@code NAME.corrupt} (or {@code NAME.corrupt.N}) and reported.
   *
   * @param module the module name
   * @return the values, or none with the reason
   */
  public Saved load(String module) {
    return read(module, true);
  }

  /**
   * Reads a module's saved parameters without touching a bad file (for display).
   *
   * @param module the module name
   * @return the values, or none with the reason
   */
  public Saved peek(String module) {
    return read(module, false);
  }

  private Saved read(String module, boolean moveAside) {
    if (!MODULE.matcher(module).matches()) {
      return new Saved(Map.of(), Optional.empty());
    }
    Path file = dir.resolve(module);
    if (!Files.isRegularFile(file)) {
      return new Saved(Map.of(), Optional.empty());
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      return corrupt(module, file, "it is not UTF-8 text", moveAside);
    } catch (IOException e) {
      return new Saved(
          Map.of(),
          Optional.of(
              "cannot read saved parameters of "
                  + module
                  + " ("
                  + file
                  + ": "
                  + e.getMessage()
                  + "); using defaults"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || !PARAM.matcher(line.substring(0, eq)).matches() || hasControl(line)) {
        return corrupt(module, file, "line " + (i + 1) + " is not param=value", moveAside);
      }
      values.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return new Saved(values, Optional.empty());
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private Saved corrupt(String module, Path file, String why, boolean moveAside) {
    if (!moveAside) {
      return new Saved(Map.of(), Optional.of("saved parameters of " + module + " ignored, " + why));
    }
    Path aside = dir.resolve(module + ".corrupt");
    for (int n = 1; Files.exists(aside); n++) {
      aside = dir.resolve(module + ".corrupt." + n);
    }
    String kept;
    try {
      Files.move(file, aside);
      kept = "kept as " + aside;
    } catch (IOException e) {
      kept = "could not move it aside: " + e.getMessage();
    }
    return new Saved(
        Map.of(),
        Optional.of(
            "saved parameters of "
                + module
                + " ignored, "
                + why
                + " ("
                + file
                + "); using defaults, bad file "
                + kept));
  }

  /**
   * Saves a module's parameters atomically: a temporary file in the same directory, fsync, rename
   * over the old file.
   *
   * @param module the module name
   * @param values the values to save
   * @return empty when saved, else why not
   */
  public Optional<String> save(String module, Map<String, String> values) {
    if (!MODULE.matcher(module).matches()) {
      return Optional.of("not a module name: " + module);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    try {
      writeAtomically(dir.resolve(module), sb.toString().getBytes(StandardCharsets.UTF_8));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          "cannot save parameters of " + module + " in " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Writes a file atomically: temporary file beside it, fsync, rename, fsync of the directory.
   *
   * @param target the file
   * @param bytes its new content
   * @throws IOException if any step fails (the old file is then untouched)
   */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(parent);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory for fsync; the rename is still atomic
      return;
    }
  }
}
