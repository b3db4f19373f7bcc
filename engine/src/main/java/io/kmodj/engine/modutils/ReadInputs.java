package io.kmodj.engine.modutils;

import io.kmodj.engine.cache.BinaryReader;
import io.kmodj.engine.cache.BinaryWriter;
import io.kmodj.engine.config.ConfigOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * What reading a modules.conf consults besides its text: files read ({@code include}), files tested
 * ({@code -f}, the default places), directories listed (globs), environment variables ({@code
 * $VAR}) and commands run ({@code --allow-exec}). The reader asks these questions here, so that a
 * recording can say afterwards everything a configuration depended on, and {@link
 * ModutilsConfigCache} can ask the same questions again to tell whether a stored configuration
 * still holds.
 */
class ReadInputs {
  /** The file system and environment as they are. */
  static final ReadInputs DIRECT = new ReadInputs();

  /** A file's bytes (not copied) and modification time. */
  static final class FileRead {
    private final byte[] bytes;
    private final long modifiedMillis;

    FileRead(byte[] bytes, long modifiedMillis) {
      this.bytes = Objects.requireNonNull(bytes);
      this.modifiedMillis = modifiedMillis;
    }

    byte[] bytes() {
      return bytes;
    }

    long modifiedMillis() {
      return modifiedMillis;
    }
  }

  FileRead read(Path p) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    return new FileRead(bytes, Files.getLastModifiedTime(p).toMillis());
  }

  boolean exists(Path p) {
    return Files.exists(p);
  }

  boolean isReadable(Path p) {
    return Files.isReadable(p);
  }

  /** The names in a directory, unsorted. */
  List<String> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      List<String> names = new ArrayList<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  String getenv(String name) {
    return System.getenv(name);
  }

  /** A command is about to run: what it prints is not known in advance. */
  void running(String command) {
    Objects.requireNonNull(command);
  }

  /**
   * One question and its answer.
   *
   * @param kind what was asked
   * @param subject the path or variable name
   * @param answer the answer: a text for a variable or a listing (names joined by NUL), {@code
   *     "1"}/{@code "0"} for a test, a stamp ({@code size:millis:crc}) for a file read; empty when
   *     there was none (an unset variable, an unreadable file or directory)
   */
  record Observation(Kind kind, String subject, Optional<String> answer) {
    Observation {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(subject);
      Objects.requireNonNull(answer);
    }

    /** Whether the same question gets the same answer now. */
    boolean holds() {
      return ask(DIRECT, kind, subject).equals(answer);
    }

    void writeTo(BinaryWriter w) {
      w.writeShared(kind.name()).writeString(subject).writeBoolean(answer.isPresent());
      answer.ifPresent(w::writeString);
    }

    static Observation readFrom(BinaryReader r) {
      Kind kind = Kind.valueOf(r.readShared());
      String subject = r.readString();
      Optional<String> answer = r.readBoolean() ? Optional.of(r.readString()) : Optional.empty();
      return new Observation(kind, subject, answer);
    }
  }

  /** The kinds of questions. */
  enum Kind {
    READ,
    EXISTS,
    READABLE,
    LIST,
    GETENV
  }

  /** Asks a question of some inputs, the answer worded as an {@link Observation} keeps it. */
  static Optional<String> ask(ReadInputs in, Kind kind, String subject) {
    return switch (kind) {
      case READ -> {
        try {
          yield Optional.of(stamp(in.read(Path.of(subject))));
        } catch (IOException | RuntimeException e) {
          yield Optional.empty();
        }
      }
      case EXISTS -> Optional.of(in.exists(Path.of(subject)) ? "1" : "0");
      case READABLE -> Optional.of(in.isReadable(Path.of(subject)) ? "1" : "0");
      case LIST -> {
        try {
          yield Optional.of(String.join("\0", in.list(Path.of(subject))));
        } catch (IOException | RuntimeException e) {
          yield Optional.empty();
        }
      }
      case GETENV -> Optional.ofNullable(in.getenv(subject));
    };
  }

  static String stamp(FileRead f) {
    CRC32C crc = new CRC32C();
    crc.update(f.bytes());
    return f.bytes().length + ":" + f.modifiedMillis() + ":" + Long.toHexString(crc.getValue());
  }

  /** One question about the file system that may fail with an I/O error. */
  @FunctionalInterface
  private interface Question<T> {
    T ask() throws IOException;
  }

  /** The file system and environment as they are, every question and answer kept. */
  static final class Recording extends ReadInputs {
    private final List<Observation> observations = new ArrayList<>();
    private boolean ranCommand;

    /** The questions asked, in order. */
    List<Observation> observations() {
      return List.copyOf(observations);
    }

    /** Whether a command ran, which makes the result depend on more than can be asked again. */
    boolean ranCommand() {
      return ranCommand;
    }

    private void keep(Kind kind, Object subject, Optional<String> answer) {
      observations.add(new Observation(kind, subject.toString(), answer));
    }

    /** Asks {@code question}, keeping its answer, or no answer when it fails (then rethrown). */
    private <T> T observed(
        Kind kind, Path subject, Question<T> question, Function<T, String> answer)
        throws IOException {
      try {
        T t = question.ask();
        keep(kind, subject, Optional.of(answer.apply(t)));
        return t;
      } catch (IOException | RuntimeException e) {
        keep(kind, subject, Optional.empty());
        throw e;
      }
    }

    @Override
    FileRead read(Path p) throws IOException {
      return observed(Kind.READ, p, () -> DIRECT.read(p), ReadInputs::stamp);
    }

    @Override
    boolean exists(Path p) {
      boolean b = DIRECT.exists(p);
      keep(Kind.EXISTS, p, Optional.of(b ? "1" : "0"));
      return b;
    }

    @Override
    boolean isReadable(Path p) {
      boolean b = DIRECT.isReadable(p);
      keep(Kind.READABLE, p, Optional.of(b ? "1" : "0"));
      return b;
    }

    @Override
    List<String> list(Path d) throws IOException {
      return observed(Kind.LIST, d, () -> DIRECT.list(d), names -> String.join("\0", names));
    }

    @Override
    String getenv(String name) {
      String v = DIRECT.getenv(name);
      keep(Kind.GETENV, name, Optional.ofNullable(v));
      return v;
    }

    @Override
    void running(String command) {
      ranCommand = true;
    }
  }

  /** The file system with some files' contents replaced by an overlay's unsaved texts. */
  static final class Overlaid extends ReadInputs {
    private final ConfigOverlay overlay;

    Overlaid(ConfigOverlay overlay) {
      this.overlay = Objects.requireNonNull(overlay);
    }

    @Override
    FileRead read(Path p) throws IOException {
      Optional<byte[]> unsaved = overlay.content(p);
      if (unsaved.isPresent()) {
        // an unsaved text is newer than anything on disk
        return new FileRead(unsaved.get(), System.currentTimeMillis());
      }
      return DIRECT.read(p);
    }

    @Override
    boolean exists(Path p) {
      return overlay.covers(p) || DIRECT.exists(p);
    }

    @Override
    boolean isReadable(Path p) {
      return overlay.covers(p) || DIRECT.isReadable(p);
    }
  }
}
