package io.kmodj.engine.modutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.PathCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modules.conf configuration read through the binary cache is the one evaluated afresh, and
 * follows every change of what its reading depended on: an included file, a file an {@code if -f}
 * tests, a glob's directory.
 */
class ModutilsConfigCacheTest {
  @TempDir Path dir;

  private ModulesConfReader.Request request(Path conf) {
    return new ModulesConfReader.Request(
        Optional.of(conf.toString()), "2.4.27", "/lib/modules/2.4.27", false, false);
  }

  /** What a configuration says, in a comparable form. */
  private static List<Object> view(ModutilsConfig c) {
    return List.of(
        c.paths(),
        c.prune(),
        c.above(),
        c.below(),
        c.aliases(),
        c.options(),
        c.probes(),
        c.probealls(),
        c.hooks(),
        c.generated(),
        c.environment(),
        c.persistdir(),
        c.insmodOpt(),
        c.errors(),
        c.warnings(),
        c.problems(),
        c.origin("alias", "eth0"),
        c.origin("options", "ne"),
        c.newestConfigMillis(),
        c.lastConfigFile(),
        c.toModuleConfig());
  }

  private List<Object> fresh(Path conf) {
    return view(new ModulesConfReader(request(conf)).read());
  }

  private List<Object> cached(Path conf, CacheStore store) {
    return view(ModutilsConfigCache.read(request(conf), store));
  }

  @Test
  void followsIncludedFilesFileTestsAndGlobs() throws Exception {
    Path inc = dir.resolve("inc.conf");
    Path flag = dir.resolve("flag");
    Path globbed = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(inc, "options ne io=0x300\n");
    Path conf = dir.resolve("modules.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "alias eth0 ne",
            "include " + inc,
            "if -f " + flag,
            "  alias eth1 3c59x",
            "endif",
            "path[misc]=" + globbed + "/*",
            "options ne2 `uname -r` $NO_SUCH_VARIABLE",
            "bogus directive",
            ""));
    CacheStore store = CacheStore.in(dir.resolve("cache"));
    assertThat(cached(conf, store)).isEqualTo(fresh(conf));
    assertThat(cached(conf, store)).isEqualTo(fresh(conf));

    // the included file changes, its size and time kept
    FileTime time = Files.getLastModifiedTime(inc);
    Files.writeString(inc, "options ne io=0x280\n");
    Files.setLastModifiedTime(inc, time);
    List<Object> afterInclude = cached(conf, store);
    assertThat(afterInclude).isEqualTo(fresh(conf));
    assertThat(afterInclude.toString()).contains("io=0x280");

    // the file an if -f tests appears
    assertThat(cached(conf, store).toString()).doesNotContain("3c59x");
    Files.writeString(flag, "");
    assertThat(cached(conf, store)).isEqualTo(fresh(conf));
    assertThat(cached(conf, store).toString()).contains("3c59x");

    // the directory a path glob lists gains an entry
    Files.createDirectories(globbed.resolve("net"));
    assertThat(cached(conf, store)).isEqualTo(fresh(conf));
    assertThat(cached(conf, store).toString()).contains(globbed + "/net");
  }

  private List<Object> kept(Path conf) {
    return view(ModutilsConfigCache.kept(request(conf)));
  }

  /** Lets the files age until a stat may vouch for them, then reads twice (the second checks). */
  private void settleAndKeep(Path conf) throws InterruptedException {
    Thread.sleep(PathCheck.SETTLE_MILLIS + 100);
    kept(conf);
    assertThat(kept(conf)).isEqualTo(fresh(conf));
  }

  @Test
  void aConfigurationKeptInMemoryFollowsTheSameChangesOnceItsFilesHaveSettled() throws Exception {
    Path inc = dir.resolve("inc.conf");
    Path flag = dir.resolve("flag");
    Path globbed = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(inc, "options ne io=0x300\n");
    Path conf = dir.resolve("modules.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "alias eth0 ne",
            "include " + inc,
            "if -f " + flag,
            "  alias eth1 3c59x",
            "endif",
            "path[misc]=" + globbed + "/*",
            ""));
    settleAndKeep(conf);
    // the included file changes, its size and time kept: its stat's change time moved
    FileTime time = Files.getLastModifiedTime(inc);
    Files.writeString(inc, "options ne io=0x280\n");
    Files.setLastModifiedTime(inc, time);
    assertThat(kept(conf).toString()).contains("io=0x280");
    assertThat(kept(conf)).isEqualTo(fresh(conf));

    settleAndKeep(conf);
    Files.writeString(flag, "");
    assertThat(kept(conf).toString()).contains("3c59x");

    settleAndKeep(conf);
    Files.createDirectories(globbed.resolve("net"));
    assertThat(kept(conf).toString()).contains(globbed + "/net");
    assertThat(kept(conf)).isEqualTo(fresh(conf));
  }

  @Test
  void aReadingIsStoredWithWhatItAsked() throws Exception {
    Path conf = dir.resolve("modules.conf");
    Files.writeString(conf, "define X 1\nif $X\nalias a b\nendif\noptions c $HOME_OF_NOBODY\n");
    assertThat(ModutilsConfigCache.questions(request(conf)))
        .contains("READ " + conf, "GETENV HOME_OF_NOBODY");
  }
}
