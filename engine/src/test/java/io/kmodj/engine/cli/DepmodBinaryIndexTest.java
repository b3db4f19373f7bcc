package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.elf.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .bin} indexes {@code kmodj depmod} writes: byte for byte what kmod's depmod writes on
 * the same tree, and read back by kmod's own {@code modprobe} and {@code modinfo} (libkmod reads
 * only the {@code .bin} files for dependencies, aliases, symbols and builtins).
 */
class DepmodBinaryIndexTest {
  @TempDir Path tmp;

  private static final String VERSION = "9.9.9";

  private static final List<String> FILES =
      List.of(
          "modules.dep",
          "modules.dep.bin",
          "modules.alias",
          "modules.alias.bin",
          "modules.softdep",
          "modules.symbols",
          "modules.symbols.bin",
          "modules.builtin.bin",
          "modules.builtin.alias.bin",
          "modules.devname");

  private static void write(Path f, String description) throws IOException {
    Files.createDirectories(f.getParent());
    Files.write(f, ModuleWriter.describe(description).write());
  }

  private static Oracle.Run kmodj(List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(args);
    return Oracle.run(cmd, null);
  }

  private Path tree() throws IOException {
    Path dir = tmp.resolve("lib/modules/" + VERSION);
    write(
        dir.resolve("kernel/fs/fat.ko"),
        "modinfo: license=GPL\nmodinfo: alias=fs-fat\nexport: fat_get\nexport: fat_put\n");
    write(
        dir.resolve("kernel/fs/vfat.ko"),
        "modinfo: alias=fs-vfat\nmodinfo: alias=fs-v-fat\nneed: fat_get\n");
    write(
        dir.resolve("kernel/fs/msdos.ko"),
        "modinfo: alias=fs-msdos\nmodinfo: alias=fs-fat\nneed: fat_put\n");
    // shared prefixes split trie nodes; brackets keep their dashes; a duplicate alias
    write(
        dir.resolve("kernel/drivers/net/e1000.ko"),
        """
        modinfo: alias=pci:v00008086d0000100Esv*sd*bc*sc*i*
        modinfo: alias=pci:v00008086d0000100Fsv*sd*bc*sc*i*
        modinfo: alias=net-pf-[1-3]-x
        modinfo: alias=pci:v00008086d0000100Esv*sd*bc*sc*i*
        export: e1000_reset
        need: fat_get
        """);
    write(
        dir.resolve("kernel/drivers/net/e1000e.ko"),
        "modinfo: alias=pci:v00008086d000010D3sv*sd*bc*sc*i*\nneed: e1000_reset\n");
    write(
        dir.resolve("kernel/drivers/char/tty-x.ko"),
        "modinfo: alias=devname:ttyx\nmodinfo: alias=char-major-4-64\nmodinfo: softdep=pre: fat\n");
    Files.writeString(
        dir.resolve("modules.order"),
        "kernel/fs/fat.ko\nkernel/fs/msdos.ko\nkernel/fs/vfat.ko\nkernel/drivers/net/e1000.ko\n");
    Files.writeString(
        dir.resolve("modules.builtin"),
        "kernel/fs/ext4/ext4.ko\nkernel/crypto/crc32c-generic.ko\nkernel/lib/zlib_inflate.ko\n");
    Files.write(
        dir.resolve("modules.builtin.modinfo"),
        ("ext4.alias=fs-ext4\0ext4.alias=ext3\0ext4.license=GPL\0"
                + "crc32c_generic.alias=crypto-crc32c\0crc32c_generic.alias=crc32c\0"
                + "zlib_inflate.description=zlib\0ext4.alias=fs-ext-[2-3]\0")
            .getBytes(StandardCharsets.ISO_8859_1));
    return dir;
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String f : FILES) {
      files.put(f, Files.readAllBytes(dir.resolve(f)));
    }
    return files;
  }

  @Test
  void binaryIndexesAreRealDepmodsByteForByte() throws IOException {
    Oracle.requireKmod();
    Path dir = tree();
    Oracle.Run real = Oracle.run(List.of("depmod", "-b", tmp.toString(), VERSION), null);
    assertThat(real.exitCode()).as(real.stderr()).isZero();
    Map<String, byte[]> kmod = snapshot(dir);
    for (String f : FILES) {
      Files.delete(dir.resolve(f));
    }
    Oracle.Run ours = kmodj(List.of("depmod", "-b", tmp.toString(), VERSION));
    assertThat(ours.exitCode()).as(ours.stderr()).isZero();
    assertThat(ours.stderr()).isEqualTo(real.stderr());
    Map<String, byte[]> kmodj = snapshot(dir);
    for (String f : FILES) {
      assertThat(kmodj.get(f)).as(f).isEqualTo(kmod.get(f));
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.filter(p -> p.getFileName().toString().matches(".*\\.\\d+\\.\\d+$")))
          .as("no temporary file is left behind")
          .isEmpty();
    }
  }

  @Test
  void warnsOfDuplicatesAsRealDepmodDoesWithW() throws IOException {
    Oracle.requireKmod();
    Path dir = tree();
    Oracle.Run real = Oracle.run(List.of("depmod", "-w", "-b", tmp.toString(), VERSION), null);
    assertThat(real.exitCode()).as(real.stderr()).isZero();
    assertThat(real.stderr()).contains("duplicate module alias:");
    Map<String, byte[]> kmod = snapshot(dir);
    Oracle.Run ours = kmodj(List.of("depmod", "-w", "-b", tmp.toString(), VERSION));
    assertThat(ours.exitCode()).as(ours.stderr()).isZero();
    assertThat(ours.stderr()).isEqualTo(real.stderr());
    assertThat(snapshot(dir).get("modules.alias.bin")).isEqualTo(kmod.get("modules.alias.bin"));
  }

  @Test
  void kmodsModprobeAndModinfoReadKmodjsBinaryIndexes() throws IOException {
    Oracle.requireKmod();
    Path dir = tree();
    Oracle.Run ours = kmodj(List.of("depmod", "-b", tmp.toString(), VERSION));
    assertThat(ours.exitCode()).as(ours.stderr()).isZero();
    // the text files are not what libkmod reads; without them only the .bin answer
    for (String f : List.of("modules.dep", "modules.alias", "modules.symbols")) {
      Files.delete(dir.resolve(f));
    }
    String root = tmp.toString();
    String d = dir.toString();
    assertThat(modprobe(root, "vfat").stdout())
        .isEqualTo("insmod " + d + "/kernel/fs/fat.ko \ninsmod " + d + "/kernel/fs/vfat.ko \n");
    assertThat(modprobe(root, "fs-v_fat").stdout())
        .as("an alias with a dash, normalized")
        .isEqualTo("insmod " + d + "/kernel/fs/fat.ko \ninsmod " + d + "/kernel/fs/vfat.ko \n");
    assertThat(modprobe(root, "pci:v00008086d000010D3sv00001234sd00005678bc02sc00i00").stdout())
        .as("a wildcard alias; e1000e needs e1000, which needs fat")
        .isEqualTo(
            "insmod "
                + d
                + "/kernel/fs/fat.ko \ninsmod "
                + d
                + "/kernel/drivers/net/e1000.ko \ninsmod "
                + d
                + "/kernel/drivers/net/e1000e.ko \n");
    assertThat(modprobe(root, "net-pf-2-x").stdout())
        .as("a bracket alias")
        .endsWith("/kernel/drivers/net/e1000.ko \n");
    assertThat(modprobe(root, "symbol:fat_put").stdout())
        .as("modules.symbols.bin")
        .isEqualTo("insmod " + d + "/kernel/fs/fat.ko \n");
    assertThat(modprobe(root, "fs-fat").stdout())
        .as("an alias two modules declare: both, fat first (its index is lower), then msdos")
        .isEqualTo(
            "insmod "
                + d
                + "/kernel/fs/fat.ko \ninsmod "
                + d
                + "/kernel/fs/fat.ko \ninsmod "
                + d
                + "/kernel/fs/msdos.ko \n");
    assertThat(modprobe(root, "ext4").stdout())
        .as("modules.builtin.bin")
        .isEqualTo("builtin ext4\n");
    assertThat(modprobe(root, "crypto-crc32c").stdout())
        .as("modules.builtin.alias.bin")
        .isEqualTo("builtin crc32c_generic\n");
    assertThat(modprobe(root, "fs-ext-3").stdout()).isEqualTo("builtin ext4\n");
    Oracle.Run info =
        Oracle.run(List.of("modinfo", "-b", root, "-k", VERSION, "-F", "filename", "vfat"), null);
    assertThat(info.stdout()).isEqualTo(d + "/kernel/fs/vfat.ko\n");
    Oracle.Run builtin =
        Oracle.run(List.of("modinfo", "-b", root, "-k", VERSION, "-F", "alias", "ext4"), null);
    // modinfo reads modules.builtin.modinfo itself and stops after the module's first run of
    // lines; the alias index above took the later fs-ext-[2-3] too
    assertThat(builtin.stdout()).isEqualTo("fs-ext4\next3\n");
  }

  private static Oracle.Run modprobe(String root, String name) {
    Oracle.Run run =
        Oracle.run(
            List.of(
                "modprobe",
                "-C",
                "/nonexistent",
                "-d",
                root,
                "-S",
                VERSION,
                "--show-depends",
                "-a",
                name),
            null);
    assertThat(run.exitCode()).as(name + ": " + run.stderr()).isZero();
    return run;
  }
}
