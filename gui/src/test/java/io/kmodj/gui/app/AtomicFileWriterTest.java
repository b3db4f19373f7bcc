package io.kmodj.gui.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir Path dir;

  /** The names in the directory, sorted. */
  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Path::getFileName).sorted().toList();
    }
  }

  @Test
  void replacesByRenameAndKeepsThePreviousVersion() throws IOException {
    Path file = dir.resolve("sound.conf");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Object inodeBefore = Files.getAttribute(file, "unix:ino");

    new AtomicFileWriter(file).write("new\n".getBytes(UTF_8));

    assertThat(file).hasContent("new");
    assertThat(dir.resolve("sound.conf~")).hasContent("old");
    // a new inode: the file was renamed into place, not rewritten where it stood
    assertThat(Files.getAttribute(file, "unix:ino")).isNotEqualTo(inodeBefore);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    assertThat(listing()).containsExactly(Path.of("sound.conf"), Path.of("sound.conf~"));
  }

  @Test
  void createsAMissingFileReadableByAllWithoutABackup() throws IOException {
    Path file = dir.resolve("new.conf");

    new AtomicFileWriter(file).write("blacklist pcspkr\n".getBytes(UTF_8));

    assertThat(file).hasContent("blacklist pcspkr");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(listing()).containsExactly(Path.of("new.conf"));
  }

  @Test
  void writesThroughASymbolicLink() throws IOException {
    Path real = dir.resolve("real.conf");
    Files.writeString(real, "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.conf"), real.getFileName());

    AtomicFileWriter writer = new AtomicFileWriter(link);
    writer.write("new\n".getBytes(UTF_8));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real).hasContent("new");
    assertThat(writer.backup()).isEqualTo(dir.resolve("real.conf~").toRealPath());
    assertThat(writer.backup()).hasContent("old");
  }

  @Test
  void aSecondSaveReplacesTheBackup() throws IOException {
    Path file = dir.resolve("a.conf");
    Files.writeString(file, "one\n");
    AtomicFileWriter writer = new AtomicFileWriter(file);

    writer.write("two\n".getBytes(UTF_8));
    writer.write("three\n".getBytes(UTF_8));

    assertThat(file).hasContent("three");
    assertThat(writer.backup()).hasContent("two");
  }
}
