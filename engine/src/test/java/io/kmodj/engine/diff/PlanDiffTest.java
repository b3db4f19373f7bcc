package io.kmodj.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ConfigSnapshot;
import io.kmodj.engine.config.ConfigSource;
import io.kmodj.engine.config.ModprobeDFrontEnd;
import io.kmodj.engine.config.ModuleConfig;
import io.kmodj.engine.index.ModuleIndex;
import io.kmodj.engine.plan.LoadedModules;
import io.kmodj.engine.plan.ModprobeContext;
import io.kmodj.engine.plan.ModuleHandle;
import io.kmodj.engine.system.ModutilsSystem;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanDiffTest {
  static final Path SAMPLE = Path.of("..", "samples", "modern").toAbsolutePath().normalize();
  static final Path CONF = SAMPLE.resolve("etc/modprobe.d");
  static final String DIR = SAMPLE.resolve("lib/modules/6.1.0-47-cloud-amd64").toString();

  static ModuleIndex index;
  static ModuleConfig sample;

  @TempDir Path tmp;

  @BeforeAll
  static void load() throws IOException {
    index = ModuleIndex.load(DIR);
    sample = read(ConfigSnapshot.empty());
  }

  static ModuleConfig read(ConfigSnapshot snapshot) {
    return new ModprobeDFrontEnd()
        .read(
            new ConfigSource(List.of(CONF.toString()), DIR, Optional.empty(), "/proc/cmdline"),
            snapshot);
  }

  /** The sample's configuration with one more file (held in memory) in its directory. */
  static ModuleConfig plus(String text) {
    return read(ConfigSnapshot.of(Map.of(CONF.resolve("zz-added.conf"), text)));
  }

  @Test
  void oneBlacklistLineListsExactlyTheLookupsThatReachItsModuleThroughAnAlias() {
    List<String> lookups = new ArrayList<>(PlanDiff.kmodLookups(index, sample, sample));
    int withAliases = 0;
    for (String module : index.moduleNames()) {
      Set<String> expected = new TreeSet<>();
      for (String l : lookups) {
        ModprobeContext ctx = new ModprobeContext(index, sample, LoadedModules.none(), m -> {});
        for (ModuleHandle h : ctx.lookup(l).orElse(List.of())) {
          if (h.alias().isPresent() && h.name().equals(module) && !h.isBlacklisted()) {
            expected.add(l);
          }
        }
      }
      ModuleConfig after = plus("# local\nblacklist " + module + "\n");
      for (boolean exhaustive : new boolean[] {false, true}) {
        DiffResult r = PlanDiff.kmod(index, sample, after, exhaustive);
        Set<String> changed =
            r.lookups().stream().map(LookupChange::lookup).collect(Collectors.toSet());
        assertThat(changed).as(module).isEqualTo(expected);
        assertThat(r.changes()).hasSize(1);
        ConfigChange c = r.changes().get(0);
        assertThat(c.kind()).isEqualTo(ConfigChange.Kind.ADDED);
        assertThat(c.after().get(0).format())
            .isEqualTo(CONF + "/zz-added.conf:2: blacklist " + module);
        for (LookupChange lc : r.lookups()) {
          assertThat(lc.after()).contains("# blacklisted " + module);
        }
        if (!expected.isEmpty()) {
          assertThat(r.groups()).hasSize(1);
          assertThat(r.groups().get(0).lookups()).isEqualTo(r.lookups());
        }
      }
      if (!expected.isEmpty()) {
        withAliases++;
      }
    }
    // the sample has modules found by aliases (virtio_net by eth-virtio and its modalias)
    assertThat(withAliases).isGreaterThan(3);
  }

  @Test
  void aModaliasPatternLookupPlansEachStepOnceAsKmod() {
    // kmod 30: modprobe -C etc/modprobe.d -d samples/modern --show-depends 'virtio:d00000001v*'
    List<String> kmod =
        List.of(
            "virtio/virtio.ko ",
            "virtio/virtio_ring.ko ",
            "net/core/failover.ko ",
            "net/net_failover.ko ",
            "net/virtio_net.ko napi_weight=64 ");
    List<String> plan = PlanDiff.kmodPlanLines(index, sample, "virtio:d00000001v*");
    assertThat(plan).hasSize(kmod.size());
    for (int i = 0; i < kmod.size(); i++) {
      assertThat(plan.get(i)).startsWith("insmod " + DIR + "/").endsWith(kmod.get(i));
    }
    DiffResult r = PlanDiff.kmod(index, sample, plus("options virtio_net foo=1\n"), false);
    LookupChange lc =
        r.lookups().stream()
            .filter(l -> l.lookup().equals("virtio:d00000001v*"))
            .findFirst()
            .orElseThrow();
    assertThat(lc.before()).isEqualTo(plan);
    assertThat(lc.after()).hasSize(kmod.size());
    assertThat(lc.after().get(4)).endsWith("virtio_net.ko napi_weight=64 foo=1 ");
  }

  @Test
  void noChangeIsNoDifference() {
    DiffResult r = PlanDiff.kmod(index, sample, read(ConfigSnapshot.empty()), false);
    assertThat(r.changes()).isEmpty();
    assertThat(r.changed()).isFalse();
    assertThat(r.replanned()).isZero();
    assertThat(PlanDiff.kmod(index, sample, sample, true).changed()).isFalse();
  }

  @Test
  void changedOptionsShowBeforeAndAfter() {
    ModuleConfig after = plus("options bonding max_bonds=2\n");
    DiffResult r = PlanDiff.kmod(index, sample, after, false);
    LookupChange bonding =
        r.lookups().stream().filter(l -> l.lookup().equals("bonding")).findFirst().orElseThrow();
    assertThat(String.join("\n", bonding.before())).contains("bonding.ko mode=active-backup");
    assertThat(String.join("\n", bonding.after()))
        .contains("bonding.ko mode=active-backup miimon=100 max_bonds=2");
    // an alias pattern of the sample (bond*) finds bonding too
    assertThat(r.lookups()).extracting(LookupChange::lookup).contains("bonding");
  }

  @Test
  void fastPathAndExhaustiveAgreeOnGeneratedChanges() {
    List<String> modules = index.moduleNames();
    List<String> lookups = new ArrayList<>(PlanDiff.kmodLookups(index, sample, sample));
    Random random = new Random(20261203);
    int withChanges = 0;
    for (int round = 0; round < 60; round++) {
      StringBuilder text = new StringBuilder();
      int lines = 1 + random.nextInt(3);
      for (int i = 0; i < lines; i++) {
        String m = modules.get(random.nextInt(modules.size()));
        String other = modules.get(random.nextInt(modules.size()));
        String l = lookups.get(random.nextInt(lookups.size()));
        switch (random.nextInt(9)) {
          case 0 -> text.append("blacklist ").append(m);
          case 1 -> text.append("options ").append(m).append(" p").append(round).append("=1");
          case 2 -> text.append("alias my_").append(round).append(' ').append(m);
          case 3 -> text.append("alias ").append(l.replace(' ', '_')).append(' ').append(other);
          case 4 -> text.append("softdep ").append(m).append(" pre: ").append(other);
          case 5 -> text.append("install ").append(m).append(" /bin/true");
          case 6 ->
              text.append("alias ")
                  .append(m, 0, Math.min(3, m.length()))
                  .append("* ")
                  .append(other);
          case 7 ->
              text.append("softdep ").append(other).append(" post: ").append(l.replace(' ', '_'));
          default -> text.append("options ").append(l.replace(' ', '_')).append(" q=2");
        }
        text.append('\n');
      }
      ModuleConfig after = plus(text.toString());
      DiffResult fast = PlanDiff.kmod(index, sample, after, false);
      DiffResult all = PlanDiff.kmod(index, sample, after, true);
      assertThat(fast.lookups()).as(text.toString()).isEqualTo(all.lookups());
      assertThat(fast.groups()).as(text.toString()).isEqualTo(all.groups());
      assertThat(fast.changes()).isEqualTo(all.changes());
      assertThat(fast.replanned()).isLessThanOrEqualTo(all.replanned());
      if (fast.changed()) {
        withChanges++;
      }
      // the other way round: the line removed
      DiffResult back = PlanDiff.kmod(index, after, sample, false);
      assertThat(back.lookups()).isEqualTo(PlanDiff.kmod(index, after, sample, true).lookups());
    }
    assertThat(withChanges).isGreaterThan(30);
  }

  @Test
  void modutilsOptionsChangeChangesTheModuleAndTheAliasesToIt() throws IOException {
    Path modutils = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
    Path conf = modutils.resolve("etc/modules.conf");
    String text = Files.readString(conf, java.nio.charset.StandardCharsets.ISO_8859_1);
    Path changed = tmp.resolve("modules.conf");
    Files.writeString(
        changed,
        text.replace("options ne2k-pci full_duplex=1", "options ne2k-pci full_duplex=0"),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    ModutilsSystem before = load(modutils, conf);
    ModutilsSystem after = load(modutils, changed);
    DiffResult r = PlanDiff.modutils(before.config(), after.config(), after.dep());
    assertThat(r.lookups()).extracting(LookupChange::lookup).containsExactly("eth0", "ne2k-pci");
    assertThat(r.changes()).hasSize(1);
    assertThat(r.changes().get(0).kind()).isEqualTo(ConfigChange.Kind.CHANGED);
    assertThat(r.changes().get(0).after().get(0).text())
        .isEqualTo("options ne2k-pci full_duplex=0");
    assertThat(String.join("\n", r.lookups().get(0).after())).contains("full_duplex=0");
    assertThat(PlanDiff.modutils(before.config(), before.config(), before.dep()).changed())
        .isFalse();
  }

  private static ModutilsSystem load(Path root, Path conf) throws IOException {
    return ModutilsSystem.load(
        new SystemSpec(
            Optional.of(root.toString()),
            Optional.of("2.4.27"),
            List.of(conf.toString()),
            Optional.empty()),
        false);
  }
}
