package io.kmodj.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.plan.ModuleState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedKernelTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  SimulatedKernel kernel(Optional<ParameterStore> persist) {
    return new SimulatedKernel(
        new SystemImage("", "2.4.27", "kmod", List.of()),
        name -> name.equals("unix"),
        CLOCK,
        persist);
  }

  static int load(
      SimulatedKernel k, String name, String options, boolean autoclean, String... deps) {
    return k.initModule(
        new SimulatedKernel.InitRequest(
            name, "/m/" + name + ".o", 100, List.of(deps), options, autoclean));
  }

  static List<String> logText(SimulatedKernel k) {
    return k.log().lines().stream().map(KernelLog.Line::text).toList();
  }

  @Test
  void initModuleRefusesMissingDependencyWithUnknownSymbolAndEnoent() {
    SimulatedKernel k = kernel(Optional.empty());
    assertThat(load(k, "sb", "", false, "sound")).isEqualTo(-Errno.ENOENT);
    assertThat(k.module("sb")).isEmpty();
    assertThat(logText(k)).anyMatch(l -> l.startsWith("sb: Unknown symbol in module (needs sound"));
  }

  @Test
  void initModuleRefusesLoadedAndBuiltinModulesWithEexist() {
    SimulatedKernel k = kernel(Optional.empty());
    assertThat(load(k, "sound", "", false)).isZero();
    assertThat(load(k, "sound", "", false)).isEqualTo(-Errno.EEXIST);
    assertThat(load(k, "unix", "", false)).isEqualTo(-Errno.EEXIST);
    assertThat(k.state("sound")).contains(ModuleState.LIVE);
  }

  @Test
  void deleteModuleRefusesHeldUsedAndUnloadedModules() {
    SimulatedKernel k = kernel(Optional.empty());
    load(k, "sound", "", false);
    load(k, "sb", "io=0x220", false, "sound");
    assertThat(k.holders("sound")).containsExactly("sb");
    assertThat(k.refcount("sound")).hasValue(1);
    assertThat(k.deleteModule("sound")).isEqualTo(-Errno.EBUSY);
    k.get("sb");
    assertThat(k.deleteModule("sb")).isEqualTo(-Errno.EBUSY);
    k.put("sb");
    assertThat(k.deleteModule("sb")).isZero();
    assertThat(k.deleteModule("sb")).isEqualTo(-Errno.ENOENT);
    assertThat(k.deleteModule("sound")).isZero();
    assertThat(k.deleteModule("unix")).isEqualTo(-Errno.ENOENT);
  }

  @Test
  void autocleanReapsModulesUnusedForTwoPassesWithTheDependenciesOnlyTheyHeld() {
    SimulatedKernel k = kernel(Optional.empty());
    // soundcore <- sound <- {sb, opl3}; parport <- lp; loop by hand
    load(k, "soundcore", "", true);
    load(k, "sound", "", true, "soundcore");
    load(k, "sb", "", true, "sound");
    load(k, "opl3", "", true, "sound");
    load(k, "parport", "", true);
    load(k, "lp", "", true, "parport");
    load(k, "loop", "", false);
    load(k, "unused", "", true);
    for (String m : List.of("sb", "opl3", "lp", "loop")) {
      k.get(m);
      k.put(m);
    }
    k.get("lp"); // the printer stays open
    // pass 1: VISITED marks go, nothing is freed
    assertThat(k.autoclean()).isEmpty();
    // opl3 is opened between the passes
    k.get("opl3");
    // pass 2: sb goes; sound is still held by opl3
    assertThat(k.autoclean()).containsExactly("sb");
    assertThat(k.holders("sound")).containsExactly("opl3");
    k.put("opl3");
    // pass 3: opl3 was used since pass 2, so it survives
    assertThat(k.autoclean()).isEmpty();
    // pass 4: opl3 goes, and with it sound and soundcore, which only it held
    assertThat(k.autoclean()).containsExactly("opl3", "sound", "soundcore");
    k.put("lp");
    assertThat(k.autoclean()).isEmpty();
    assertThat(k.autoclean()).containsExactly("lp", "parport");
    // never used: never reaped; loaded by hand: never reaped
    assertThat(k.modules()).extracting(LoadedModule::name).containsExactly("unused", "loop");
    assertThat(k.module("unused").orElseThrow().flags()).doesNotContain(ModuleFlag.JUST_FREED);
  }

  @Test
  void aRescanInTheSameCallFreesAModuleWhoseVisitedMarkThatCallCleared() {
    // 2.4's delete_module(NULL) restarts its scan after freeing anything, and by then the
    // VISITED mark it cleared on the way is gone: kmodj keeps that quirk
    SimulatedKernel k = kernel(Optional.empty());
    load(k, "a", "", true);
    load(k, "b", "", true);
    for (String m : List.of("a", "b")) {
      k.get(m);
      k.put(m);
    }
    assertThat(k.autoclean()).isEmpty();
    k.get("b");
    k.put("b");
    // b (newer, scanned first) loses its VISITED mark; a is freed; the rescan then frees b
    assertThat(k.autoclean()).containsExactly("a", "b");
  }

  @Test
  void parametersRoundTripThroughUnloadAndLoadWithExplicitOptionsWinning() throws IOException {
    ParameterStore store = new ParameterStore(tmp.resolve("persist"));
    SimulatedKernel k = kernel(Optional.of(store));
    load(k, "sb", "io=0x220 irq=5", false);
    k.setParameter("sb", "volume", "80");
    k.setParameter("sb", "irq", "7");
    assertThat(k.deleteModule("sb")).isZero();
    assertThat(Files.readString(tmp.resolve("persist/sb"), StandardCharsets.UTF_8))
        .isEqualTo("io=0x220\nirq=7\nvolume=80\n");
    assertThat(load(k, "sb", "irq=5", false)).isZero();
    assertThat(k.module("sb").orElseThrow().parameters())
        .isEqualTo(Map.of("io", "0x220", "irq", "5", "volume", "80"));
    assertThat(logText(k)).contains("sb: restored saved parameters io=0x220 irq=7 volume=80");
  }

  @Test
  void corruptPersistFileNeverBlocksALoadAndIsKeptAside() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("persist"));
    Files.write(dir.resolve("sb"), new byte[] {'i', 'o', '=', (byte) 0xff, '\n'});
    Files.writeString(dir.resolve("lp"), "irq=7\nthis is not a parameter\n");
    SimulatedKernel k = kernel(Optional.of(new ParameterStore(dir)));
    assertThat(load(k, "sb", "irq=5", false)).isZero();
    assertThat(load(k, "lp", "", false)).isZero();
    assertThat(k.module("sb").orElseThrow().parameters()).isEqualTo(Map.of("irq", "5"));
    assertThat(k.module("lp").orElseThrow().parameters()).isEmpty();
    assertThat(dir.resolve("sb")).doesNotExist();
    assertThat(dir.resolve("sb.corrupt")).exists();
    assertThat(dir.resolve("lp.corrupt")).hasContent("irq=7\nthis is not a parameter");
    assertThat(logText(k))
        .anyMatch(l -> l.startsWith("sb: saved parameters of sb ignored, it is not UTF-8 text"))
        .anyMatch(
            l -> l.contains("lp ignored, line 2 is not param=value") && l.contains("kept as"));
  }

  @Test
  void unwritablePersistDirectoryStillUnloadsAndSaysWhy() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("ro"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      SimulatedKernel k = kernel(Optional.of(new ParameterStore(dir)));
      load(k, "loop", "max_loop=16", false);
      assertThat(k.deleteModule("loop")).isZero();
      assertThat(k.module("loop")).isEmpty();
      if (!Files.isWritable(dir)) {
        assertThat(logText(k)).anyMatch(l -> l.startsWith("loop: cannot save parameters of loop"));
      }
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void persistFileInPlaceOfTheDirectoryIsReported() throws IOException {
    Path notDir = Files.writeString(tmp.resolve("file"), "x");
    SimulatedKernel k = kernel(Optional.of(new ParameterStore(notDir)));
    load(k, "loop", "max_loop=16", false);
    assertThat(k.deleteModule("loop")).isZero();
    assertThat(logText(k)).anyMatch(l -> l.startsWith("loop: cannot save parameters of loop"));
  }

  @Test
  void logIsARingBufferWithDmesgTimestamps() {
    Clock c = Clock.offset(CLOCK, java.time.Duration.ofMillis(1500));
    KernelLog log = new KernelLog(c, CLOCK.millis(), List.of());
    for (int i = 0; i < KernelLog.CAPACITY + 5; i++) {
      log.log(KernelLog.Level.INFO, "line " + i);
    }
    assertThat(log.lines()).hasSize(KernelLog.CAPACITY);
    assertThat(log.lines().get(0).text()).isEqualTo("line 5");
    assertThat(log.lines().get(0).formatted()).isEqualTo("[    1.500000] line 5");
  }

  @Test
  void moduleOptionsSplitAsTheKernelParsesThem() {
    assertThat(ModuleOptions.parse(" io=0x220  name=\"a b\" debug \"x=1 2\" "))
        .containsExactly(
            Map.entry("io", "0x220"),
            Map.entry("name", "a b"),
            Map.entry("debug", "Y"),
            Map.entry("x", "1 2"));
  }

  @Test
  void aDetachedCopyRecordsItsCallsAndReplaysThemOnlyOnTheTableItWasCopiedFrom()
      throws IOException {
    SimulatedKernel k = kernel(Optional.of(new ParameterStore(tmp)));
    Files.writeString(tmp.resolve("sb"), "io=0x240\n");
    assertThat(load(k, "soundcore", "", true)).isZero();
    SimulatedKernel copy = k.detached();
    assertThat(copy.origin()).isEqualTo(k.basis());
    assertThat(load(copy, "sound", "", true, "soundcore")).isZero();
    assertThat(load(copy, "sb", "irq=5", true, "sound")).isZero();
    assertThat(load(copy, "sb", "", true, "sound")).isEqualTo(-Errno.EEXIST);
    // the copy's calls touch neither the kernel, its log nor its persist directory
    assertThat(k.modules()).extracting(LoadedModule::name).containsExactly("soundcore");
    assertThat(logText(k)).noneMatch(l -> l.startsWith("sb"));
    // the refused load changed nothing and is not a call to make again
    assertThat(copy.journal()).extracting(SimulatedKernel.Change::result).containsExactly(0, 0);
    assertThat(k.basis()).isEqualTo(copy.origin());
    assertThat(k.replay(copy.journal())).isTrue();
    assertThat(k.modules())
        .extracting(LoadedModule::name)
        .containsExactly("sb", "sound", "soundcore");
    assertThat(k.module("sb").orElseThrow().parameters())
        .isEqualTo(Map.of("io", "0x240", "irq", "5"));
    assertThat(logText(k)).contains("sb: restored saved parameters io=0x240");
    // a use in between changes the basis a plan was made on
    SimulatedKernel later = k.detached();
    assertThat(k.get("sb")).isZero();
    assertThat(k.basis()).isNotEqualTo(later.origin());
    assertThat(k.journal()).isEmpty();
  }

  @Test
  void aDetachedCopySharesTheTableUntilEitherSideChangesIt() {
    SimulatedKernel k = kernel(Optional.empty());
    assertThat(load(k, "soundcore", "", false)).isZero();
    assertThat(load(k, "sound", "dma=1", false, "soundcore")).isZero();
    SimulatedKernel first = k.detached();
    SimulatedKernel second = k.detached();
    // nothing changed between the two: both read one view of the table, no copy was made
    assertThat(second.origin()).isSameAs(first.origin());
    assertThat(second.basis()).isSameAs(k.basis());
    assertThat(first.refcount("soundcore")).hasValue(1);
    assertThat(first.holders("soundcore")).containsExactly("sound");
    assertThat(first.module("sound").orElseThrow().parameters()).containsEntry("dma", "1");

    // a change on a copy stays on the copy
    assertThat(first.get("sound")).isZero();
    assertThat(first.setParameter("sound", "dma", "3")).isZero();
    assertThat(first.deleteModule("soundcore")).isEqualTo(-Errno.EBUSY);
    assertThat(load(first, "sb", "", false, "sound")).isZero();
    assertThat(first.refcount("sound")).hasValue(2);
    assertThat(k.refcount("sound")).hasValue(0);
    assertThat(k.module("sound").orElseThrow().parameters()).containsEntry("dma", "1");
    assertThat(k.module("sb")).isEmpty();
    assertThat(second.module("sb")).isEmpty();
    assertThat(second.refcount("sound")).hasValue(0);

    // a change on the kernel is seen by copies made after it, not by those made before
    assertThat(k.put("sound")).isEqualTo(-Errno.EINVAL);
    assertThat(k.get("sound")).isZero();
    SimulatedKernel third = k.detached();
    assertThat(third.origin()).isNotSameAs(second.origin()).isNotEqualTo(second.origin());
    assertThat(third.refcount("sound")).hasValue(1);
    assertThat(second.refcount("sound")).hasValue(0);
    assertThat(k.put("sound")).isZero();
    assertThat(k.deleteModule("sound")).isZero();
    assertThat(second.module("sound")).isPresent();
    assertThat(k.module("sound")).isEmpty();
    assertThat(second.deleteModule("sound")).isZero();
    assertThat(second.modules()).extracting(LoadedModule::name).containsExactly("soundcore");
    assertThat(third.modules())
        .extracting(LoadedModule::name)
        .containsExactly("sound", "soundcore");
  }
}
