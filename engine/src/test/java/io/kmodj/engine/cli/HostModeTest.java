package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.HostKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --host} against a fake /proc and /sys and fake modprobe, rmmod and insmod that log their
 * argv: the commands read only those files and act only through those programs, with the names
 * after a {@code --} and never through a shell; the machine's kernel is never touched, and neither
 * is the simulated kernel's state directory.
 */
class HostModeTest {
  @TempDir Path tmp;

  Path log;
  Path state;

  @BeforeEach
  void fakeHost() throws IOException {
    Path proc = Files.createDirectories(tmp.resolve("proc"));
    Files.writeString(
        proc.resolve("modules"),
        """
        nfsd 802816 13 - Live 0x0000000000000000
        sunrpc 786432 1 nfsd, Live 0x0000000000000000
        loop 40960 0 - Live 0x0000000000000000
        """);
    Path params = Files.createDirectories(tmp.resolve("sys/module/loop/parameters"));
    Files.writeString(params.resolve("max_loop"), "8\n");
    Files.writeString(params.resolve("max_part"), "0\n");
    log = tmp.resolve("argv.log");
    state = tmp.resolve("state");
    System.setProperty(HostKernel.PROC_PROPERTY, proc.toString());
    System.setProperty(HostKernel.SYS_PROPERTY, tmp.resolve("sys").toString());
    System.setProperty(HostKernel.MODPROBE_PROPERTY, fake("modprobe").toString());
    System.setProperty(HostKernel.RMMOD_PROPERTY, fake("rmmod").toString());
    System.setProperty(HostKernel.INSMOD_PROPERTY, fake("insmod").toString());
  }

  @AfterEach
  void realHost() {
    for (String p :
        List.of(
            HostKernel.PROC_PROPERTY,
            HostKernel.SYS_PROPERTY,
            HostKernel.MODPROBE_PROPERTY,
            HostKernel.RMMOD_PROPERTY,
            HostKernel.INSMOD_PROPERTY)) {
      System.clearProperty(p);
    }
  }

  /** A program that logs its name, each argument on a line of its own, and its environment. */
  Path fake(String name) throws IOException {
    Path p = tmp.resolve("bin").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(
        p,
        "#!/bin/sh\n"
            + "{ echo \"run: "
            + name
            + "\"; for a in \"$@\"; do echo \"arg: $a\"; done; env | sed 's/^/env: /'; } >> "
            + log
            + "\n"
            + "case \"$*\" in *fail*) exit 1;; esac\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  Kmod30ConformanceTest.Result kmodj(String command, String... args) {
    List<String> a = new ArrayList<>(List.of(command, "--host", "--state", state.toString()));
    a.addAll(List.of(args));
    return Kmod30ConformanceTest.modprobe(a.toArray(new String[0]));
  }

  /** What the fake programs were given, without their environments. */
  List<String> runs() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().filter(l -> !l.startsWith("env: ")).toList();
  }

  @Test
  void lsmodAndParamsReadTheHostsProcAndSys() throws IOException {
    var lsmod = kmodj("lsmod");
    assertThat(lsmod.exit()).isZero();
    assertThat(lsmod.out())
        .isEqualTo(
            """
            Module                  Size  Used by
            nfsd                  802816  13
            sunrpc                786432  1 nfsd
            loop                   40960  0
            """);
    var params = kmodj("params", "loop");
    assertThat(params.exit()).isZero();
    assertThat(params.out()).contains("live:       max_loop=8 max_part=0\n");
    Files.delete(tmp.resolve("proc/modules"));
    var gone = kmodj("lsmod");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err())
        .startsWith("lsmod: ERROR: could not open " + tmp.resolve("proc/modules"));
    assertThat(runs()).isEmpty();
    assertThat(state).doesNotExist();
  }

  @Test
  void modprobeRmmodAndInsmodRunOnlyTheConfiguredProgramsWithNamesAfterDashDash()
      throws IOException {
    assertThat(kmodj("modprobe", "loop").exit()).isZero();
    assertThat(kmodj("modprobe", "-r", "-q", "loop").exit()).isZero();
    assertThat(kmodj("rmmod", "-v", "nfsd", "sunrpc").exit()).isZero();
    assertThat(kmodj("insmod", "/lib/modules/x/loop.ko", "max_loop=8").exit()).isZero();
    assertThat(kmodj("modprobe", "fail").exit()).isEqualTo(1);
    assertThat(runs())
        .containsExactly(
            "run: modprobe",
            "arg: --",
            "arg: loop",
            "run: modprobe",
            "arg: -r",
            "arg: -q",
            "arg: --",
            "arg: loop",
            "run: rmmod",
            "arg: -v",
            "arg: --",
            "arg: nfsd",
            "arg: sunrpc",
            "run: insmod",
            "arg: --",
            "arg: /lib/modules/x/loop.ko",
            "arg: max_loop=8",
            "run: modprobe",
            "arg: --",
            "arg: fail");
    assertThat(state).doesNotExist();
  }

  @Test
  void aNameIsOneArgumentAndNeverReachesAShell() throws IOException {
    Path pwned = tmp.resolve("pwned");
    String evil = "x;touch " + pwned;
    assertThat(kmodj("modprobe", evil).exit()).isZero();
    assertThat(kmodj("rmmod", "$(touch " + pwned + ")").exit()).isZero();
    assertThat(runs())
        .containsExactly(
            "run: modprobe",
            "arg: --",
            "arg: " + evil,
            "run: rmmod",
            "arg: --",
            "arg: $(touch " + pwned + ")");
    assertThat(pwned).doesNotExist();
  }

  @Test
  void requestRunsTheHostsKernelModprobeAsItsKernelWould() throws IOException {
    // no /proc/sys/kernel/modprobe: the configured modprobe
    assertThat(kmodj("request", "char-major-10-237").exit()).isZero();
    assertThat(runs())
        .containsExactly("run: modprobe", "arg: -q", "arg: --", "arg: char-major-10-237");
    // only the kernel's fixed environment, and the shell's own PWD: the root directory
    assertThat(Files.readAllLines(log).stream().filter(l -> l.startsWith("env: ")))
        .containsExactlyInAnyOrder(
            "env: HOME=/",
            "env: TERM=linux",
            "env: PATH=/sbin:/usr/sbin:/bin:/usr/bin",
            "env: PWD=/");
    Files.delete(log);
    // the kernel's own setting wins, as request_module reads it
    Path sysctl = Files.createDirectories(tmp.resolve("proc/sys/kernel")).resolve("modprobe");
    Files.writeString(sysctl, fake("other-modprobe") + "\n");
    assertThat(kmodj("request", "fs-nfsd").exit()).isZero();
    assertThat(runs()).containsExactly("run: other-modprobe", "arg: -q", "arg: --", "arg: fs-nfsd");
    var failed = kmodj("request", "fail");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err())
        .endsWith("request_module(fail) = -ENOENT (No such file or directory)\n");
    Files.delete(log);
    var refused = kmodj("request", "--", "-r");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("-EINVAL");
    Files.writeString(sysctl, "\n");
    assertThat(kmodj("request", "loop").exit()).isEqualTo(1);
    assertThat(runs()).isEmpty();
    assertThat(state).doesNotExist();
  }

  @Test
  void autocleanAndTheDaemonAreTheSimulatedKernelsOnly() throws IOException {
    var a = kmodj("rmmod", "-a");
    assertThat(a.exit()).isEqualTo(1);
    assertThat(a.err()).isEqualTo("rmmod: ERROR: -a needs a 2.2/2.4 kernel; not on this host\n");
    var d = kmodj("daemon");
    assertThat(d.exit()).isEqualTo(1);
    assertThat(runs()).isEmpty();
    assertThat(state).doesNotExist();
  }

  /**
   * A dry run plans against the host's sysfs as real kmod 30 does (host-dry-run/expected.txt,
   * recorded by its record.sh with that folder's proc/ and sys/ bind-mounted over the real ones):
   * only initstate {@code live} is "already in kernel", /proc/modules does not count, a directory
   * without initstate is a module still coming, and -r reads refcnt.
   */
  @Test
  void aHostDryRunPlansAgainstTheHostsSysfsAsKmod30Does() throws IOException {
    Path fixture =
        Path.of(getClass().getResource("/host-dry-run/expected.txt").getPath()).getParent();
    System.setProperty(HostKernel.PROC_PROPERTY, fixture.resolve("proc").toString());
    System.setProperty(HostKernel.SYS_PROPERTY, fixture.resolve("sys").toString());
    Path cmdline = Files.writeString(tmp.resolve("cmdline"), Kmod30ConformanceTest.DEFAULT_CMDLINE);
    List<Kmod30ConformanceTest.Query> queries =
        Kmod30ConformanceTest.expected(fixture.resolve("expected.txt"));
    assertThat(queries).hasSize(12);
    Path sample = SampleSystemTest.SAMPLE;
    for (Kmod30ConformanceTest.Query q : queries) {
      Kmod30ConformanceTest.checkQuery(
          sample.resolve("etc/modprobe.d"),
          sample,
          cmdline,
          q,
          List.of("--host", "--state", state.toString()));
    }
    assertThat(runs()).isEmpty();
    assertThat(state).doesNotExist();
  }
}
