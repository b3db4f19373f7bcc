package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.Errno;
import io.kmodj.engine.kernel.KernelAccess;
import io.kmodj.engine.kernel.KernelLog;
import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.StateStore;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.kmodthread.KmodDaemon;
import io.kmodj.engine.kmodthread.KmodThread;
import io.kmodj.engine.kmodthread.RequestKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel commands on the modern sample, through Main as a user runs them. */
class KernelCommandsTest {
  static final Path SAMPLE = SampleSystemTest.SAMPLE;

  @TempDir Path tmp;

  Kmod30ConformanceTest.Result kmodj(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.add(1, "--state");
    a.add(2, tmp.resolve("state").toString());
    return Kmod30ConformanceTest.modprobe(a.toArray(new String[0]));
  }

  void boot() {
    assertThat(
            kmodj(
                    "boot",
                    "-d",
                    SAMPLE.toString(),
                    "-S",
                    Kmod30ConformanceTest.VERSION,
                    "-C",
                    SAMPLE.resolve("etc/modprobe.d").toString())
                .exit())
        .isZero();
  }

  static SystemImage sample() {
    return new SystemImage(
        SAMPLE.toString(),
        Kmod30ConformanceTest.VERSION,
        "kmod",
        List.of(SAMPLE.resolve("etc/modprobe.d").toString()));
  }

  @Test
  void modprobeActsOnTheSimulatedKernelWithKmodsExitCodes() {
    boot();
    assertThat(kmodj("modprobe", "nfsd").exit()).isZero();
    var lsmod = kmodj("lsmod");
    assertThat(lsmod.out())
        .startsWith("Module                  Size  Used by\nnfsd ")
        .containsPattern("\nnfsd +[1-9]\\d*  0\n")
        .containsPattern("\nsunrpc +[1-9]\\d*  4 lockd,nfs_acl,auth_rpcgss,nfsd\n");
    assertThat(kmodj("modprobe", "nfsd").exit()).isZero();
    var again = kmodj("modprobe", "--first-time", "nfsd");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err())
        .contains("modprobe: ERROR: could not insert 'nfsd': Module already in kernel");
    var held = kmodj("rmmod", "sunrpc");
    assertThat(held.exit()).isEqualTo(1);
    assertThat(held.err())
        .isEqualTo("rmmod: ERROR: Module sunrpc is in use by: lockd nfs_acl auth_rpcgss nfsd\n");
    assertThat(kmodj("modprobe", "-r", "nfsd").exit()).isZero();
    assertThat(kmodj("lsmod").out()).isEqualTo("Module                  Size  Used by\n");
    var gone = kmodj("rmmod", "nfsd");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err()).isEqualTo("rmmod: ERROR: Module nfsd is not currently loaded\n");
    assertThat(kmodj("modprobe", "loop", "max_part=4").exit()).isZero();
    assertThat(kmodj("params", "loop").out())
        .contains("configured: max_loop=16\n", "live:       max_loop=16 max_part=4\n");
    assertThat(kmodj("dmesg").out()).contains("] loop: loaded with max_loop=16 max_part=4\n");
  }

  @Test
  void insmodRefusesAModuleWhoseDependenciesAreNotLoaded() throws IOException {
    boot();
    Path ko = Files.createDirectories(tmp.resolve("m")).resolve("lockd.ko");
    Files.write(ko, new byte[1234]);
    var r = kmodj("insmod", ko.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "insmod: ERROR: could not insert module "
                + ko
                + ": Unknown symbol in module, or unknown parameter (see dmesg)\n");
    assertThat(kmodj("dmesg").out()).contains("lockd: Unknown symbol in module (needs grace");
    Path grace = tmp.resolve("m/grace.ko");
    Files.write(grace, new byte[99]);
    assertThat(kmodj("insmod", grace.toString()).exit()).isZero();
    assertThat(kmodj("lsmod").out()).contains("grace                     99  0\n");
  }

  @Test
  void sysctlShowsAndSetsTheModprobePath() {
    boot();
    assertThat(kmodj("sysctl", "kernel.modprobe").out())
        .isEqualTo("kernel.modprobe = kmodj:modprobe\n");
    assertThat(kmodj("sysctl", "kernel.modprobe=/sbin/modprobe").out())
        .isEqualTo("kernel.modprobe = /sbin/modprobe\n");
    var bad = kmodj("sysctl", "kernel.nope");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err())
        .isEqualTo("sysctl: cannot stat /proc/sys/kernel/nope: No such file or directory\n");
  }

  @Test
  void requestRunsTheInProcessModprobeAndTwoRmmodAPassesReapAndSave() {
    boot();
    assertThat(kmodj("sysctl", "kmodj.compat=1").exit()).isZero();
    assertThat(kmodj("request", "--no-daemon", "char-major-10-237").exit()).isZero();
    StateStore store = KernelSession.store(tmp.resolve("state"), Clock.systemUTC());
    assertThat(store.read().modules())
        .singleElement()
        .satisfies(m -> assertThat(m.name()).isEqualTo("loop"));
    int used =
        store.apply(k -> k.get("loop") + k.put("loop") + k.setParameter("loop", "max_part", "8"));
    assertThat(used).isZero();
    assertThat(kmodj("rmmod", "-a").exit()).isZero();
    assertThat(kmodj("lsmod").out()).contains("loop");
    assertThat(kmodj("rmmod", "-a", "-v").out()).isEqualTo("rmmod: removed loop\n");
    assertThat(kmodj("params", "loop").out()).contains("saved:      max_loop=16 max_part=8 (");
    var missing = kmodj("request", "--no-daemon", "no-such-alias");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("kmodj: request_module(no-such-alias) = -ENOENT (No such file or directory)\n");
    var bad = kmodj("request", "--no-daemon", "--", "-r");
    assertThat(bad.err()).contains("-EINVAL");
  }

  @Test
  void requestRunsAnExternalProgramWithAnArgvAndKmodjsOwnLauncherAsAProcess() throws Exception {
    boot();
    Path out = tmp.resolve("argv");
    Path script = tmp.resolve("modprobe.sh");
    Files.writeString(script, "#!/bin/sh\necho \"$0 $*\" > " + out + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    kmodj("sysctl", "kernel.modprobe=" + script);
    assertThat(kmodj("request", "--no-daemon", "fs-nfsd").exit()).isZero();
    assertThat(Files.readString(out)).isEqualTo(script + " -q -- fs-nfsd\n");
    kmodj("sysctl", "kernel.modprobe=kmodj:launcher");
    assertThat(kmodj("request", "--no-daemon", "fs-nfsd").exit()).isZero();
    assertThat(kmodj("lsmod").out()).contains("nfsd ");
  }

  @Test
  void theDaemonServesRequestsFromOtherProcessesOverItsSocket() throws Exception {
    boot();
    StateStore store = KernelSession.store(tmp.resolve("state"), Clock.systemUTC());
    KmodThread kmod =
        KernelSession.kmodThread(KmodThread.Settings.modern(), store, sample(), store.directory());
    RequestKind modules =
        RequestKind.modules(() -> store.read().modprobePath(), () -> store.read().compat());
    CountDownLatch cleaned = new CountDownLatch(1);
    Path socket = store.directory().resolve(KmodDaemon.SOCKET);
    try (KmodDaemon d =
        new KmodDaemon(kmod, modules, cleaned::countDown, "* * * * *", socket, Clock.systemUTC())) {
      assertThat(d.socket()).exists();
      assertThat(KmodDaemon.request(socket, "char-major-10-237")).isEqualTo(OptionalInt.of(0));
      var viaCli = kmodj("request", "fs-nfsd");
      assertThat(viaCli.exit()).isZero();
      assertThat(KmodDaemon.request(socket, "nope")).isEqualTo(OptionalInt.of(-Errno.ENOENT));
      assertThat(store.read().modules()).extracting(LoadedModule::name).contains("loop", "nfsd");
    }
    assertThat(socket).doesNotExist();
    assertThat(KmodDaemon.request(socket, "loop")).isEmpty();
  }

  @Test
  void modprobeActsOnAModutilsKernelWithItsOptions() {
    Path m = SAMPLE.resolveSibling("modutils");
    assertThat(
            kmodj(
                    "boot",
                    "-d",
                    m.toString(),
                    "-S",
                    "2.4.27",
                    "--dialect",
                    "modutils",
                    "-C",
                    m.resolve("etc/modules.conf").toString())
                .exit())
        .isZero();
    assertThat(kmodj("sysctl", "kmodj.persistdir").out())
        .isEqualTo(
            "kmodj.persistdir = "
                + tmp.resolve("state").resolve("sysroot/var/lib/modules/persist")
                + "\n");
    assertThat(kmodj("modprobe", "-k", "eth0").exit()).isZero();
    // modutils' lsmod on a 2.4 kernel: own use counts, autoclean flags, referring modules
    assertThat(sizesHidden(kmodj("lsmod").out()))
        .isEqualTo(
            """
            Module                  Size  Used by    Not tainted
            ne2k-pci                   #   0  (autoclean) (unused)
            8390                       #   0  (autoclean) [ne2k-pci]
            """);
    assertThat(kmodj("params", "ne2k-pci").out()).contains("live:       full_duplex=1\n");
    assertThat(kmodj("modprobe", "-r", "eth0").exit()).isZero();
    assertThat(tmp.resolve("state/sysroot/var/lib/modules/persist/ne2k-pci"))
        .hasContent("full_duplex=1");
  }

  @Test
  void anEditedConfigurationIsSeenByTheNextModprobe() throws IOException {
    Path conf = Files.createDirectories(tmp.resolve("modprobe.d"));
    Files.writeString(conf.resolve("loop.conf"), "options loop max_loop=16\n");
    kmodj(
        "boot",
        "-d",
        SAMPLE.toString(),
        "-S",
        Kmod30ConformanceTest.VERSION,
        "-C",
        conf.toString());
    assertThat(kmodj("modprobe", "loop").exit()).isZero();
    assertThat(kmodj("params", "loop").out()).contains("live:       max_loop=16\n");
    assertThat(kmodj("modprobe", "-r", "loop").exit()).isZero();
    Files.writeString(conf.resolve("loop.conf"), "options loop max_loop=255 max_part=15\n");
    assertThat(kmodj("modprobe", "loop").exit()).isZero();
    assertThat(kmodj("params", "loop").out()).contains("live:       max_loop=255 max_part=15\n");
  }

  @Test
  void anEditedModulesConfAndModulesDepAreSeenByTheNextModprobeEvenAtTheSameSizeAndTime()
      throws IOException {
    // the modutils modprobe on a kernel keeps what it read in memory (Main runs in this process,
    // so every command below shares it); each edit keeps the file's size and time, and is seen
    Path m = tmp.resolve("modutils");
    Path from = SAMPLE.resolveSibling("modutils");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = m.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path conf = m.resolve("etc/modules.conf");
    Path dep = m.resolve("lib/modules/2.4.27/modules.dep");
    assertThat(
            kmodj("boot", "-d", m.toString(), "-S", "2.4.27", "-C", conf.toString(), "--compat")
                .exit())
        .isZero();
    assertThat(kmodj("request", "eth0").exit()).isZero();
    assertThat(kmodj("params", "ne2k-pci").out()).contains("live:       full_duplex=1\n");
    assertThat(kmodj("lsmod").out()).contains("8390 ");
    var rmmod = kmodj("rmmod", "ne2k-pci", "8390");
    assertThat(rmmod.exit()).as(rmmod.err()).isZero();
    sameSizeAndTime(conf, "full_duplex=1", "full_duplex=0");
    sameSizeAndTime(
        dep,
        "ne2k-pci.o:\t/lib/modules/2.4.27/kernel/drivers/net/8390.o",
        "ne2k-pci.o:\t/lib/modules/2.4.27/kernel/drivers/net/slhc.o");
    var again = kmodj("request", "eth0");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(kmodj("params", "ne2k-pci").out()).contains("live:       full_duplex=0\n");
    assertThat(sizesHidden(kmodj("lsmod").out()))
        .isEqualTo(
            """
            Module                  Size  Used by    Not tainted
            ne2k-pci                   #   0  (autoclean) (unused)
            slhc                       #   0  (autoclean) [ne2k-pci]
            """);
  }

  /** A 2.4 lsmod table with each size column ({@code %8lu} after a 20-wide name) as {@code #}. */
  static String sizesHidden(String lsmod) {
    StringBuilder sb = new StringBuilder();
    for (String line : lsmod.split("\n", -1)) {
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      boolean entry = !line.startsWith("Module ") && line.length() >= 28;
      sb.append(entry ? line.substring(0, 20) + "       #" + line.substring(28) : line);
    }
    return sb.toString();
  }

  /** Replaces text of the same length in a file and gives it back its modification time. */
  static void sameSizeAndTime(Path file, String from, String to) throws IOException {
    assertThat(to).hasSameSizeAs(from);
    FileTime t = Files.getLastModifiedTime(file);
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.ISO_8859_1);
    Files.setLastModifiedTime(file, t);
  }

  @Test
  void theScheduleIsWrittenAsInKmodTxt() {
    ZonedDateTime t = ZonedDateTime.of(2001, 1, 1, 10, 2, 30, 0, ZoneOffset.UTC);
    assertThat(KmodDaemon.next(KmodDaemon.DEFAULT_SCHEDULE, t))
        .contains(ZonedDateTime.of(2001, 1, 1, 10, 5, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void twoHundredCallersAtOnceLoadEachModuleExactlyOnceAndAllGetAnswers() throws Exception {
    SystemImage sys = sample();
    SimulatedKernel kernel =
        new SimulatedKernel(
            sys,
            KernelSession.builtins(sys),
            Clock.systemUTC(),
            Optional.of(new ParameterStore(tmp.resolve("persist"))));
    KernelAccess access = KernelAccess.of(kernel);
    List<String> names =
        List.of("fs-nfsd", "char-major-10-237", "fs-btrfs", "eth-virtio", "bond0", "no-such-thing");
    try (KmodThread kmod =
        new KmodThread(
            KmodThread.Settings.modern(),
            KernelSession.launcher(access, sys, tmp),
            (l, t) -> kernel.log().log(l, t))) {
      RequestKind modules = RequestKind.modules(kernel::modprobePath, kernel::compat);
      ExecutorService pool = Executors.newFixedThreadPool(200);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String name = i % 2 == 0 ? "fs-nfsd" : names.get((i / 2) % names.size());
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return kmod.request(modules, name);
                }));
      }
      go.countDown();
      for (int i = 0; i < 200; i++) {
        String name = i % 2 == 0 ? "fs-nfsd" : names.get((i / 2) % names.size());
        int expected = name.equals("no-such-thing") ? -Errno.ENOENT : 0;
        assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).as(name).isEqualTo(expected);
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    List<String> loads =
        kernel.log().lines().stream()
            .map(KernelLog.Line::text)
            .filter(t -> t.contains(": loaded"))
            .map(t -> t.substring(0, t.indexOf(':')))
            .toList();
    assertThat(loads).doesNotHaveDuplicates();
    assertThat(kernel.modules())
        .extracting(LoadedModule::name)
        .contains("nfsd", "sunrpc", "loop", "btrfs", "virtio_net", "bonding", "8021q", "tls")
        .hasSize(loads.size());
  }

  @Test
  void demoTellsTheStoryOnTheModutilsSample() {
    var r = Kmod30ConformanceTest.modprobe("demo", "--persist", tmp.resolve("p").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("kmod thread runs: kmodj:modprobe -s -k -- char-major-14\n")
        .contains("request_module(\"sound-slot-0\") = 0\n")
        .contains("    removed: (nothing)\n")
        .contains("    removed: sb sb_lib uart401 sound soundcore\n")
        .contains("    acer=1\n")
        .contains(
            "sb: restored saved parameters io=0x220 irq=5 dma=1 dma16=5 mpu_io=0x330 acer=1\n");
  }

  @Test
  void demoTellsTheStoryOnTheModernSample() {
    var r =
        Kmod30ConformanceTest.modprobe(
            "demo", "--system", "modern", "--persist", tmp.resolve("p").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains(
            "request_module(\"char-major-10-237\") -> kmod thread runs: kmodj:modprobe -s -k -- char-major-10-237")
        .contains("    removed: (nothing)\n")
        .contains("    removed: loop nfsd auth_rpcgss nfs_acl lockd grace sunrpc\n")
        .contains("    max_part=8\n")
        .contains("loop: restored saved parameters max_loop=16 max_part=8");
  }
}
