package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  static final Path SAMPLE = SampleSystemTest.SAMPLE;
  static final Path CONF = SAMPLE.resolve("etc/modprobe.d");

  @TempDir Path tmp;

  static Kmod30ConformanceTest.Result diff(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "diff";
    all[1] = "-d";
    all[2] = SAMPLE.toString();
    all[3] = "-S";
    all[4] = Kmod30ConformanceTest.VERSION;
    System.arraycopy(args, 0, all, 5, args.length);
    return Kmod30ConformanceTest.modprobe(all);
  }

  private Path copyWith(String extra) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("new.d"));
    try (var files = Files.list(CONF)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName().toString()));
      }
    }
    Files.writeString(dir.resolve("95-local.conf"), extra, StandardCharsets.ISO_8859_1);
    return dir;
  }

  @Test
  void sameConfigurationExitsZero() {
    Kmod30ConformanceTest.Result r = diff(CONF.toString(), CONF.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("0 configuration changes, 0 of 77 lookups changed (0 planned)\n");
  }

  @Test
  void blacklistLineListsTheAliasLookupsWithBeforeAndAfter() throws IOException {
    Path changed = copyWith("blacklist virtio_net\n");
    Kmod30ConformanceTest.Result r = diff(CONF.toString(), changed.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("@@ added\n+ " + changed + "/95-local.conf:1: blacklist virtio_net\n")
        .contains("\n  eth_virtio\n    - insmod ")
        .contains("virtio_net.ko napi_weight=64 \n    + # blacklisted virtio_net\n")
        .endsWith("lookups changed (3 planned)\n");
    // a load by name is not stopped by blacklist: virtio_net itself is not listed
    assertThat(r.out()).doesNotContain("\n  virtio_net\n");
  }

  @Test
  void jsonFollowsItsSchemaAndExhaustiveGivesTheSameAnswer() throws IOException {
    Path changed = copyWith("options bonding max_bonds=2\nblacklist virtio_net\n");
    Kmod30ConformanceTest.Result fast = diff("--json", CONF.toString(), changed.toString());
    Kmod30ConformanceTest.Result all =
        diff("--json", "--exhaustive", CONF.toString(), changed.toString());
    assertThat(fast.exit()).isEqualTo(1);
    assertThat(JsonSchemaCheck.errors("diff.schema.json", fast.out())).isEmpty();
    assertThat(JsonSchemaCheck.errors("diff.schema.json", "{\"old\": 1}")).isNotEmpty();
    JsonNode f = new ObjectMapper().readTree(fast.out());
    JsonNode a = new ObjectMapper().readTree(all.out());
    assertThat(f.get("changes")).isEqualTo(a.get("changes"));
    assertThat(f.get("lookups")).isEqualTo(a.get("lookups"));
    assertThat(a.get("planned").asInt()).isEqualTo(a.get("compared").asInt());
    assertThat(f.get("changes")).hasSize(2);
    assertThat(f.get("changes").get(0).get("after").get(0).get("line").asInt()).isEqualTo(1);
    assertThat(f.get("changes").get(0).get("lookups").toString()).contains("\"bonding\"");
  }

  @Test
  void gitRevisionOfAFileIsReadWithGitShow() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path file = repo.resolve("local.conf");
    Files.writeString(file, "options virtio_net napi_weight=64\n");
    git(repo, "init", "-q");
    git(repo, "add", "local.conf");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
    Files.writeString(file, "options virtio_net napi_weight=32\n");
    Kmod30ConformanceTest.Result r = diff("HEAD:" + file, file.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .startsWith(
            "@@ changed\n- HEAD:"
                + file
                + ":1: options virtio_net napi_weight=64\n+ "
                + file
                + ":1: options virtio_net napi_weight=32\n");
    Kmod30ConformanceTest.Result same = diff("HEAD:" + file, "HEAD:" + file);
    assertThat(same.exit()).isZero();
    Kmod30ConformanceTest.Result bad = diff("nosuchrev:" + file, file.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("kmodj diff: git show nosuchrev:" + file + " failed: ");
    assertThat(bad.out()).isEmpty();
    assertThat(diff("--output=x:" + file, file.toString()).exit()).isEqualTo(2);
  }

  @Test
  void missingConfigurationIsAnErrorWithExitTwo() {
    Kmod30ConformanceTest.Result r = diff(tmp.resolve("none.d").toString(), CONF.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("kmodj diff: " + tmp.resolve("none.d") + ": no such file or directory\n");
  }

  @Test
  void modutilsSampleDiffs() throws IOException {
    Path modutils = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
    Path conf = modutils.resolve("etc/modules.conf");
    Path changed = tmp.resolve("modules.conf");
    Files.writeString(
        changed,
        Files.readString(conf, StandardCharsets.ISO_8859_1) + "alias eth2 eepro100\n",
        StandardCharsets.ISO_8859_1);
    Kmod30ConformanceTest.Result r =
        Kmod30ConformanceTest.modprobe(
            "diff", "-d", modutils.toString(), "-S", "2.4.27", conf.toString(), changed.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("@@ added\n+ " + changed + ":")
        .contains(": alias eth2 eepro100\n  eth2\n    - # error: ")
        .contains("    + insmod ");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }
}
