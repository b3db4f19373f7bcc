package io.kmodj.engine.elf;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** kmodj's modinfo against kmod 30's on every module of Debian's cloud kernel. */
class RealTreeModinfoTest {
  @TempDir Path tmp;

  private static List<String> moduleFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("kernel"))) {
      return s.map(Path::toString).filter(p -> p.endsWith(".ko")).sorted().toList();
    }
  }

  private static ModuleDirectory directory(Path dir) {
    return new ModuleDirectory(dir.toString());
  }

  // modinfo FILE without -b/-k still consults the running kernel's directory (builtins)
  private static ModuleDirectory hostDirectory() throws IOException {
    String release =
        Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.US_ASCII).strip();
    return new ModuleDirectory(ModuleDirectory.dirname("", release));
  }

  private static void assertSame(Oracle.Run kmod, Oracle.Run kmodj) {
    assertThat(kmodj.stderr()).isEqualTo(kmod.stderr());
    assertThat(kmodj.stdout()).isEqualTo(kmod.stdout());
    assertThat(kmodj.exitCode()).isEqualTo(kmod.exitCode());
  }

  @Test
  void everyModuleFilePrintsAsKmodModinfoPrintsIt() throws IOException {
    Path dir = RealTree.moduleDir();
    List<String> files = moduleFiles(dir);
    assertThat(files).hasSizeGreaterThan(500);
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(files);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            hostDirectory(), new Modinfo.Options(Optional.empty(), false, false), files);
    assertSame(kmod, kmodj);
  }

  @Test
  void namesAliasesAndBuiltinsLookUpAsKmodModinfoDoes() throws IOException {
    Path dir = RealTree.moduleDir();
    List<String> args = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("modules.dep"))) {
      args.add(KernelModule.nameOf(line.substring(0, line.indexOf(':'))));
    }
    for (String line : Files.readAllLines(dir.resolve("modules.builtin"))) {
      args.add(KernelModule.nameOf(line));
    }
    // aliases, a symbol, a builtin alias, unknown names and a bad pattern
    args.addAll(
        List.of(
            "fs-ext3",
            "ext3",
            "crypto-crc32c",
            "symbol:mlx4_db_free",
            "nosuch",
            "bad[alias",
            "pci:v00008086d0000100Esv00000000sd00000000bc02sc00i00",
            "char-major-10-229"));
    Path root = dir.getParent().getParent().getParent();
    String version = String.valueOf(dir.getFileName());
    List<List<String>> variants =
        List.of(
            List.of(),
            List.of("-F", "parm"),
            List.of("-0"),
            List.of("-F", "alias"),
            List.of("-n"),
            List.of("-m"),
            List.of("-F", "name"));
    for (List<String> variant : variants) {
      List<String> cmd = new ArrayList<>(List.of("modinfo", "-b", root.toString(), "-k", version));
      cmd.addAll(variant);
      cmd.addAll(args);
      Oracle.Run kmod = Oracle.run(cmd, null);
      String field =
          variant.contains("-F") ? variant.get(1) : variant.contains("-n") ? "filename" : null;
      Oracle.Run kmodj =
          Oracle.kmodjModinfo(
              directory(dir),
              new Modinfo.Options(
                  Optional.ofNullable(field), variant.contains("-0"), variant.contains("-m")),
              args);
      assertSame(kmod, kmodj);
    }
  }

  @Test
  void compressedModulesPrintAsKmodPrintsThem() throws IOException {
    Path dir = RealTree.moduleDir();
    List<String> files = moduleFiles(dir).subList(0, 40);
    List<String> compressed = new ArrayList<>();
    for (String f : files) {
      String base = Path.of(f).getFileName().toString();
      Path xz = tmp.resolve(base + ".xz");
      try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
        Files.copy(Path.of(f), out);
      }
      Path zst = tmp.resolve("z-" + base + ".zst");
      try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
        Files.copy(Path.of(f), out);
      }
      compressed.add(xz.toString());
      compressed.add(zst.toString());
    }
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(compressed);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            directory(dir), new Modinfo.Options(Optional.empty(), false, false), compressed);
    assertSame(kmod, kmodj);
  }

  @Test
  void gzipModulesPrintAsTheirUncompressedSelves() throws IOException {
    // Debian's kmod is built without zlib, so kmodj's own plain reading is the reference here
    Path dir = RealTree.moduleDir();
    String f = moduleFiles(dir).get(0);
    Path gz = tmp.resolve("m.ko.gz");
    Path plain = tmp.resolve("m.ko");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(Path.of(f), out);
    }
    Files.copy(Path.of(f), plain);
    Modinfo.Options all = new Modinfo.Options(Optional.empty(), false, false);
    Oracle.Run fromGz = Oracle.kmodjModinfo(directory(dir), all, List.of(gz.toString()));
    Oracle.Run fromPlain = Oracle.kmodjModinfo(directory(dir), all, List.of(plain.toString()));
    assertThat(fromGz.stdout().replace(gz.toString(), plain.toString()))
        .isEqualTo(fromPlain.stdout());
  }

  @Test
  void realModuleTruncatedAtEverySectionBoundaryFailsAsKmodFails() throws IOException {
    Path dir = RealTree.moduleDir();
    Path smallest =
        moduleFiles(dir).stream()
            .map(Path::of)
            .min(Comparator.comparingLong(RealTreeModinfoTest::size))
            .orElseThrow();
    byte[] bytes = Files.readAllBytes(smallest);
    List<String> files = new ArrayList<>();
    for (long cut : CorruptModules.sectionBoundaries(bytes)) {
      Path f = tmp.resolve("cut-" + cut + ".ko");
      Files.write(f, java.util.Arrays.copyOf(bytes, (int) cut));
      files.add(f.toString());
    }
    assertThat(files).hasSizeGreaterThan(10);
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(files);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            directory(dir), new Modinfo.Options(Optional.empty(), false, false), files);
    assertSame(kmod, kmodj);
    assertThat(kmod.stderr().lines().collect(Collectors.toList())).isNotEmpty();
    assertThat(new String(bytes, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("\u007fELF");
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
