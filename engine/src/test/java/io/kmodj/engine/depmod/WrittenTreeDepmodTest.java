package io.kmodj.engine.depmod;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.ElfImage;
import io.kmodj.engine.elf.ModuleSymbols;
import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.elf.Oracle;
import io.kmodj.engine.elf.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    Path root = tmp.resolve("root");
    Path dir = root.resolve("lib/modules/2.4.27");
    String v24 = "kernel: 2.4\nmodinfo: kernel_version=2.4.27\n";
    module(dir, "kernel/drivers/net/mii.o", v24 + "kstrtab: mii_link_ok\n");
    module(dir, "kernel/drivers/sound/sound.o", v24 + "kstrtab: sound_alloc\n");
    module(dir, "kernel/drivers/sound/uart401.o", v24 + "kstrtab: uart_probe\n");
    // needs in symbol-table order sound_alloc, printk, uart_probe; modutils' hash buckets
    // (uart_probe 56, sound_alloc 263, printk 463) give the dependency order
    module(
        dir,
        "kernel/drivers/sound/sb_lib.o",
        v24 + "need: sound_alloc\nneed: printk\nneed: uart_probe\n");
    module(dir, "kernel/drivers/net/eepro100.o", v24 + "need: mii_link_ok\n");
    // a file beside kernel/ is walked after it; a pruned one is not read
    module(dir, "extra.o", v24 + "need: uart_probe\n");
    Files.writeString(dir.resolve("System.map"), "not an object");
    assertThat(LegacyDepmod.isLegacy("2.4.27")).isTrue();
    Diagnostics log = new Diagnostics();
    String dep = new LegacyDepmod(root.toString(), dir, log).render();
    String k = "/lib/modules/2.4.27/kernel/drivers/";
    assertThat(dep)
        .isEqualTo(
            k
                + "net/eepro100.o:\t"
                + k
                + "net/mii.o\n\n"
                + k
                + "net/mii.o:\n\n"
                + k
                + "sound/sb_lib.o:\t"
                + k
                + "sound/uart401.o \\\n\t"
                + k
                + "sound/sound.o\n\n"
                + k
                + "sound/sound.o:\n\n"
                + k
                + "sound/uart401.o:\n\n"
                + "/lib/modules/2.4.27/extra.o:\t"
                + k
                + "sound/uart401.o\n\n");
    assertThat(log.messages()).isEmpty();
  }

  @Test
  void modutilsReadsExportsFromKsymtabAndNeedsOnlyWhatIsRelocated() throws IOException {
    Path dir = tmp.resolve("lib/modules/2.4.27");
    Path f = module(dir, "a.o", "kernel: 2.4\nmodinfo: license=GPL\nkstrtab: a_fn\nneed: b_fn\n");
    ModuleSymbols.Modutils24 s =
        new ModuleSymbols(
                f,
                ((Outcome.Ok<ElfImage>) ElfImage.parse(f, ByteBuffer.wrap(Files.readAllBytes(f))))
                    .value())
            .modutils24();
    // init_module, cleanup_module, __module_license are not exported: __ksymtab decides
    assertThat(s.exported()).containsExactly("a_fn");
    assertThat(s.needed()).containsExactly("b_fn");
    // a newer-style object: its __ksymtab holds no __ksymtab_ symbol, so modutils sees no export;
    // an undefined symbol no relocation names is not needed
    Path g = module(dir, "g.o", "class: 32\nmodinfo: license=GPL\nexport: g_fn\nneed: h_fn\n");
    ModuleSymbols.Modutils24 t =
        new ModuleSymbols(
                g,
                ((Outcome.Ok<ElfImage>) ElfImage.parse(g, ByteBuffer.wrap(Files.readAllBytes(g))))
                    .value())
            .modutils24();
    assertThat(t.exported()).isEmpty();
    assertThat(t.needed()).isEmpty();
  }
}
