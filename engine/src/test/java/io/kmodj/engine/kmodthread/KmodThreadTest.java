package io.kmodj.engine.kmodthread;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmodThreadTest {
  @TempDir Path tmp;

  final List<String> log = new CopyOnWriteArrayList<>();

  KmodThread kmod(KmodThread.Settings s, HelperLauncher l) {
    return new KmodThread(s, l, (level, text) -> log.add(text));
  }

  static RequestKind modules(String path, boolean compat) {
    return RequestKind.modules(() -> path, () -> compat);
  }

  Path script(String name, String body) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void externalHelperGetsTheKernelsArgvAndOnlyTheFixedEnvironment() throws Exception {
    Path out = tmp.resolve("argv");
    Path s =
        script("logger", "for a in \"$@\"; do echo \"arg:$a\"; done > " + out + "; env >> " + out);
    try (KmodThread k = kmod(KmodThread.Settings.modern(), new ProcessLauncher())) {
      assertThat(k.request(modules(s.toString(), false), "char-major-10-135")).isZero();
      List<String> lines = Files.readAllLines(out);
      assertThat(lines.subList(0, 3)).containsExactly("arg:-q", "arg:--", "arg:char-major-10-135");
      assertThat(lines)
          .contains("HOME=/", "TERM=linux", "PATH=/sbin:/usr/sbin:/bin:/usr/bin")
          .noneMatch(
              l -> l.startsWith("JAVA_HOME=") || l.startsWith("MAVEN") || l.startsWith("USER="));
      assertThat(k.request(modules(s.toString(), true), "net-pf-4")).isZero();
      assertThat(Files.readAllLines(out).subList(0, 4))
          .containsExactly("arg:-s", "arg:-k", "arg:--", "arg:net-pf-4");
    }
  }

  @Test
  void aSecondRequestKindIsAFewLines() throws Exception {
    Path out = tmp.resolve("route");
    Path s = script("route-helper", "echo \"$@\" > " + out);
    RequestKind route = new RequestKind("route", () -> s.toString(), n -> List.of("add", "--", n));
    try (KmodThread k = kmod(KmodThread.Settings.modern(), new ProcessLauncher())) {
      assertThat(k.request(route, "net-10.1.2.0")).isZero();
    }
    assertThat(Files.readString(out)).isEqualTo("add -- net-10.1.2.0\n");
  }

  @Test
  void failingHungCrashingMissingAndNonExecutableHelpersAreErrorsNotADeadThread() throws Exception {
    Path fails = script("fails", "exit 1");
    Path hangs = script("hangs", "exec sleep 600");
    Path crashes = script("crashes", "kill -SEGV $$");
    Path plain = tmp.resolve("plain");
    Files.writeString(plain, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
    Path ok = script("ok", "exit 0");
    KmodThread.Settings s = new KmodThread.Settings(50, Duration.ofMillis(300), Duration.ZERO);
    try (KmodThread k = kmod(s, new ProcessLauncher())) {
      assertThat(k.request(modules(fails.toString(), false), "x")).isEqualTo(-Errno.ENOENT);
      long t0 = System.nanoTime();
      assertThat(k.request(modules(hangs.toString(), false), "x")).isEqualTo(-Errno.ETIME);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      assertThat(k.request(modules(crashes.toString(), false), "x")).isEqualTo(-Errno.EIO);
      assertThat(k.request(modules(tmp.resolve("missing").toString(), false), "x"))
          .isEqualTo(-Errno.ENOENT);
      assertThat(k.request(modules(plain.toString(), false), "x")).isEqualTo(-Errno.EACCES);
      assertThat(k.request(modules(ok.toString(), false), "x")).isZero();
      assertThat(k.inFlight()).isZero();
    }
    assertThat(log)
        .anyMatch(l -> l.endsWith("-q -- x exited with status 1"))
        .anyMatch(l -> l.contains("hangs -q -- x hung, killed after 300 ms"))
        .anyMatch(l -> l.endsWith("killed by signal 11"))
        .anyMatch(
            l ->
                l.startsWith(
                    "kmod: failed to exec " + tmp.resolve("missing") + " -q -- x, errno = 2"))
        .anyMatch(l -> l.startsWith("kmod: failed to exec " + plain + " -q -- x, errno = 13"));
  }

  @Test
  void everyInvalidNameIsRefusedBeforeAnythingRuns() {
    List<String> ran = new CopyOnWriteArrayList<>();
    try (KmodThread k =
        kmod(
            KmodThread.Settings.modern(),
            (argv, env, t) -> {
              ran.add(argv.get(argv.size() - 1));
              return HelperResult.exited(0);
            })) {
      RequestKind m = modules("/sbin/modprobe", false);
      Map<String, Integer> cases =
          Map.ofEntries(
              Map.entry("", Errno.EINVAL),
              Map.entry("-r", Errno.EINVAL),
              Map.entry("--all", Errno.EINVAL),
              Map.entry("/etc/passwd", Errno.EINVAL),
              Map.entry("a/b", Errno.EINVAL),
              Map.entry("..", Errno.EINVAL),
              Map.entry("x..y", Errno.EINVAL),
              Map.entry("a;reboot", Errno.EINVAL),
              Map.entry("$(id)", Errno.EINVAL),
              Map.entry("a`id`", Errno.EINVAL),
              Map.entry("a|b", Errno.EINVAL),
              Map.entry("a b", Errno.EINVAL),
              Map.entry("a*", Errno.EINVAL),
              Map.entry("a>b", Errno.EINVAL),
              Map.entry("a\nb", Errno.EINVAL),
              Map.entry("a\u0000", Errno.EINVAL),
              Map.entry("a\u001b[2J", Errno.EINVAL),
              Map.entry("x".repeat(RequestNames.MODULE_NAME_LEN), Errno.ENAMETOOLONG));
      cases.forEach((name, errno) -> assertThat(k.request(m, name)).as(name).isEqualTo(-errno));
      assertThat(ran).isEmpty();
      assertThat(k.request(m, "x".repeat(RequestNames.MODULE_NAME_LEN - 1))).isZero();
      assertThat(k.request(m, "char-major-10-135")).isZero();
      assertThat(ran).hasSize(2);
    }
  }

  @Test
  void anEmptyModprobePathDisablesAutoloading() {
    try (KmodThread k = kmod(KmodThread.Settings.modern(), (a, e, t) -> HelperResult.exited(0))) {
      assertThat(k.request(modules("", false), "loop")).isEqualTo(-Errno.ENOENT);
      assertThat(k.runs()).isZero();
    }
  }

  /** A launcher whose runs wait for a gate, counting how many have started. */
  static final class Gate implements HelperLauncher {
    final CountDownLatch started;
    final CountDownLatch open = new CountDownLatch(1);

    Gate(int expected) {
      started = new CountDownLatch(expected);
    }

    @Override
    public HelperResult run(List<String> argv, Map<String, String> env, Duration timeout) {
      started.countDown();
      try {
        return open.await(60, TimeUnit.SECONDS) ? HelperResult.exited(0) : HelperResult.exited(9);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return HelperResult.exited(9);
      }
    }
  }

  @Test
  void theFiftyFirstRequestFailsAtOnceAs24Did() throws Exception {
    Gate gate = new Gate(50);
    try (KmodThread k = kmod(KmodThread.Settings.linux24(), gate)) {
      RequestKind m = modules("/sbin/modprobe", true);
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = "mod" + i;
        calls.add(
            CompletableFuture.supplyAsync(
                () -> k.request(m, name), runnable -> new Thread(runnable).start()));
      }
      assertThat(gate.started.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(k.inFlight()).isEqualTo(50);
      assertThat(k.request(m, "mod50")).isEqualTo(-Errno.ENOMEM);
      assertThat(log).contains("kmod: runaway modprobe loop assumed and stopped");
      gate.open.countDown();
      for (CompletableFuture<Integer> c : calls) {
        assertThat(c.get(60, TimeUnit.SECONDS)).isZero();
      }
      assertThat(k.request(m, "mod50")).isZero();
    }
  }

  @Test
  void pastTheLimitAModernKernelWaitsForASlotThenGivesUp() throws Exception {
    Gate gate = new Gate(50);
    KmodThread.Settings s =
        new KmodThread.Settings(50, Duration.ofSeconds(60), Duration.ofMillis(200));
    try (KmodThread k = kmod(s, gate)) {
      RequestKind m = modules("/sbin/modprobe", false);
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = "mod" + i;
        calls.add(
            CompletableFuture.supplyAsync(
                () -> k.request(m, name), runnable -> new Thread(runnable).start()));
      }
      assertThat(gate.started.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(k.request(m, "late")).isEqualTo(-Errno.ETIME);
      assertThat(log)
          .contains(
              "request_module: modprobe late cannot be processed, kmod busy with 50 threads for"
                  + " more than 0 seconds now");
      gate.open.countDown();
      for (CompletableFuture<Integer> c : calls) {
        assertThat(c.get(60, TimeUnit.SECONDS)).isZero();
      }
    }
  }

  @Test
  void aModprobeThatRequestsItselfIsARunawayLoopStoppedAtTheLimit() {
    KmodThread[] self = new KmodThread[1];
    RequestKind m = modules("/sbin/modprobe", true);
    HelperLauncher loop =
        (argv, env, t) -> {
          // the module's init asks for itself again, as a broken alias does
          int r = self[0].request(m, argv.get(argv.size() - 1));
          return HelperResult.exited(r == 0 ? 0 : 1);
        };
    try (KmodThread k = kmod(KmodThread.Settings.linux24(), loop)) {
      self[0] = k;
      assertThat(k.request(m, "char-major-99")).isEqualTo(-Errno.ENOENT);
      assertThat(k.runs()).isEqualTo(50);
      assertThat(k.inFlight()).isZero();
      assertThat(log).contains("kmod: runaway modprobe loop assumed and stopped");
    }
  }

  @Test
  void concurrentCallersForOneNameShareOneRun() throws Exception {
    Gate gate = new Gate(1);
    try (KmodThread k = kmod(KmodThread.Settings.modern(), gate)) {
      RequestKind m = modules("/sbin/modprobe", false);
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> k.request(m, "loop"), runnable -> new Thread(runnable).start()));
      }
      assertThat(gate.started.await(60, TimeUnit.SECONDS)).isTrue();
      gate.open.countDown();
      for (CompletableFuture<Integer> c : calls) {
        assertThat(c.get(60, TimeUnit.SECONDS)).isZero();
      }
      assertThat(k.runs()).isBetween(1, 20);
    }
  }

  @Test
  void aRunWhoseCallerWasAnsweredETimeIsNotJoinedByALaterRequest() throws Exception {
    // the first run ignores its timeout (a helper deaf to being killed) until the gate opens
    CountDownLatch open = new CountDownLatch(1);
    List<Integer> runsSeen = new CopyOnWriteArrayList<>();
    HelperLauncher deafOnce =
        (argv, env, timeout) -> {
          runsSeen.add(runsSeen.size() + 1);
          if (runsSeen.size() == 1) {
            try {
              open.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new HelperResult(HelperResult.Outcome.TIMED_OUT, 0, 0, "killed");
          }
          return HelperResult.exited(0);
        };
    KmodThread.Settings s =
        new KmodThread.Settings(50, Duration.ofMillis(100), Duration.ofSeconds(5));
    try (KmodThread k = kmod(s, deafOnce)) {
      RequestKind m = modules("/sbin/modprobe", false);
      assertThat(k.request(m, "loop")).isEqualTo(-Errno.ETIME);
      // the deaf run is still under way; a new request runs modprobe again and is answered by it
      assertThat(k.inFlight()).isEqualTo(1);
      assertThat(k.request(m, "loop")).isZero();
      assertThat(k.runs()).isEqualTo(2);
    } finally {
      open.countDown();
    }
  }
}
