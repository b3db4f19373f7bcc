package io.kmodj.engine.depmod;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.elf.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees of modules made by {@link ModuleWriter}: kmod's depmod and kmodj's index them alike, and
 * the 2.4 format comes out as modutils wrote it.
 */
class WrittenTreeDepmodTest {
  @TempDir Path tmp;

  private static final String VERSION = "1.0.0";

  private Path module(Path dir, String rel, String description) throws IOException {
    Path f = dir.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.write(f, ModuleWriter.describe(description).write());
    return f;
  }

  private Optional<Indexes> kmodj(Path dir, Diagnostics log) {
    return new Depmod(
            new Depmod.Options(
                dir.toString(), List.of(), DepmodConfig.defaults(), List.of(), false, false, '\0'),
            log)
        .compute();
  }

  @Test
  void writtenModulesIndexAsRealDepmodIndexesThem() throws IOException {
    Oracle.requireKmod();
    Path dir = tmp.resolve("lib/modules/" + VERSION);
    module(dir, "kernel/lib/base.ko", "modinfo: license=GPL\nexport: base_get\nexport: base_put\n");
    module(
        dir,
        "kernel/drivers/mid-layer.ko",
        "modinfo: alias=mid\nmodinfo: softdep=post: extra\nexport: mid_run\nneed: base_get\n");
    module(
        dir,
        "kernel/drivers/top.ko",
        """
        class: 32
        endian: big
        modinfo: alias=devname:top
        modinfo: alias=char-major-10-99
        need: mid_run
        need: base_put
        weak: absent
        """);
    module(dir, "kernel/drivers/loose.ko", "export: loose_fn\nneed: top_nothing\n");
    module(dir, "updates/base.ko", "export: base_get\nexport: base_put\nexport: base_new\n");
    Files.write(
        dir.resolve("modules.order"),
        "kernel/lib/base.ko\nkernel/drivers/top.ko\nkernel/drivers/mid-layer.ko\n"
            .getBytes(StandardCharsets.UTF_8));
    Oracle.Run kmod = Oracle.run(List.of("depmod", "-n", "-b", tmp.toString(), VERSION), null);
    Diagnostics log = new Diagnostics();
    StringBuilder ours = new StringBuilder();
    kmodj(dir, log).orElseThrow().files().forEach(f -> ours.append(f.text()));
    assertThat(ours.toString()).isEqualTo(kmod.stdout());
    assertThat(ours.toString()).contains("updates/base.ko:");

    // without modules.order, both follow the hash table of module names
    Files.delete(dir.resolve("modules.order"));
    Oracle.Run unordered = Oracle.run(List.of("depmod", "-n", "-b", tmp.toString(), VERSION), null);
    StringBuilder ours2 = new StringBuilder();
    kmodj(dir, log).orElseThrow().files().forEach(f -> ours2.append(f.text()));
    assertThat(ours2.toString()).isEqualTo(unordered.stdout());
  }

  @Test
  void dependencyCycleFailsAndNamesTheCycle() throws IOException {
    Path dir = tmp.resolve("lib/modules/" + VERSION);
    module(dir, "kernel/a.ko", "export: a_fn\nneed: b_fn\n");
    module(dir, "kernel/b.ko", "export: b_fn\nneed: a_fn\n");
    Diagnostics log = new Diagnostics();
    assertThat(kmodj(dir, log)).isEmpty();
    assertThat(log.messages())
        .extracting(Diagnostics.Message::line)
        .contains("depmod: ERROR: Found 2 modules in dependency cycles!");
  }

  @Test
  void legacyTreeGetsModutilsFormat() throws IOException {
    Path dir = tmp.resolve("lib/modules/2.4.27");
    Path mii = module(dir, "kernel/drivers/net/mii.o", "class: 32\nkstrtab: mii_link_ok\n");
    Path sound = module(dir, "kernel/drivers/sound/sound.o", "class: 32\nkstrtab: sound_alloc\n");
    Path uart = module(dir, "kernel/drivers/sound/uart401.o", "class: 32\nkstrtab: uart_probe\n");
    Path sb =
        module(
            dir,
            "kernel/drivers/sound/sb_lib.o",
            "class: 32\nneed: uart_probe\nneed: sound_alloc\nneed: printk\n");
    Path eepro = module(dir, "kernel/drivers/net/eepro100.o", "class: 32\nneed: mii_link_ok\n");
    assertThat(LegacyDepmod.isLegacy("2.4.27")).isTrue();
    String dep = new LegacyDepmod(dir, new Diagnostics()).render();
    assertThat(dep)
        .isEqualTo(
            eepro + ": " + mii + "\n\n" + mii + ":\n\n" + sb + ": " + uart + " \\\n\t" + sound
                + "\n\n" + sound + ":\n\n" + uart + ":\n\n");
  }
}
