package io.kmodj.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathCheckTest {
  @TempDir Path tmp;
  Path dir;
  Path file;

  @BeforeEach
  void files() throws Exception {
    dir = Files.createDirectories(tmp.resolve("modprobe.d"));
    file = dir.resolve("a.conf");
    Files.writeString(file, "options loop max_loop=8\n");
  }

  /** Waits until what was just written is old enough for a check to vouch for it. */
  static void settle() throws InterruptedException {
    Thread.sleep(PathCheck.SETTLE_MILLIS + 100);
  }

  @Test
  void aCheckOfPathsLeftAloneVouchesForThemUntilOneChanges() throws Exception {
    settle();
    PathCheck c = PathCheck.take(List.of(dir, file, dir.resolve("missing.conf")));
    assertThat(c.settled()).isTrue();
    assertThat(c.unchanged()).isTrue();
    assertThat(c.paths()).hasSize(3);
    Files.writeString(dir.resolve("missing.conf"), "x\n");
    assertThat(c.unchanged()).isFalse();
  }

  @Test
  void aRewriteAtTheSameSizeWithItsTimeSetBackIsSeen() throws Exception {
    settle();
    PathCheck c = PathCheck.take(List.of(file));
    assertThat(c.unchanged()).isTrue();
    FileTime t = Files.getLastModifiedTime(file);
    Files.writeString(file, "options loop max_loop=9\n", StandardCharsets.ISO_8859_1);
    Files.setLastModifiedTime(file, t);
    assertThat(Files.size(file)).isEqualTo(24);
    assertThat(c.unchanged()).isFalse();
  }

  @Test
  void aFileRenamedIntoPlaceOrAnEntryAddedToADirectoryIsSeen() throws Exception {
    settle();
    PathCheck c = PathCheck.take(List.of(dir, file));
    Path next = dir.resolve("a.conf.tmp");
    Files.writeString(next, "options loop max_loop=8\n");
    // the new entry shows on the directory
    assertThat(c.unchanged()).isFalse();
    settle();
    PathCheck d = PathCheck.take(List.of(file));
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(d.unchanged()).isFalse();
  }

  @Test
  void pathsChangedJustBeforeTheCheckAreNotVouchedFor() throws Exception {
    // a write within the timestamp's tick after the check would look unchanged: never vouch
    PathCheck c = PathCheck.take(List.of(file));
    assertThat(c.settled()).isFalse();
    assertThat(c.unchanged()).isFalse();
    assertThat(PathCheck.NEVER.unchanged()).isFalse();
  }
}
