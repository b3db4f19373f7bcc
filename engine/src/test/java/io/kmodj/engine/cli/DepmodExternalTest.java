package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.Oracle;
import io.kmodj.engine.elf.RealTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * depmod.d's {@code external} directories, {@code kmodj depmod} as a process against kmod 30's
 * {@code depmod} on modules of Debian's cloud kernel: a small tree and three directories outside it
 * (one with a subdirectory and an xz module, one whose line names another kernel), under several
 * {@code search} orders; stdout, stderr, exit code and every written file compared byte for byte.
 */
class DepmodExternalTest {
  private static final Set<String> INPUTS =
      Set.of("modules.order", "modules.builtin", "modules.builtin.modinfo");

  @TempDir Path tmp;

  private String version;
  private Path dir;
  private Path conf;
  private String extA;
  private String extB;
  private String extC;

  @BeforeEach
  void tree() throws IOException {
    Path src = RealTree.moduleDir();
    version = String.valueOf(src.getFileName());
    dir = tmp.resolve("lib/modules/" + version);
    List<String> inTree =
        List.of(
            "kernel/crypto/crypto_simd.ko",
            "kernel/crypto/cryptd.ko",
            "kernel/arch/x86/crypto/aesni-intel.ko",
            "kernel/crypto/twofish_common.ko",
            "kernel/arch/x86/crypto/twofish-x86_64.ko");
    for (String rel : inTree) {
      copy(src.resolve(rel), dir.resolve(rel));
    }
    Files.write(
        dir.resolve("modules.order"),
        String.join("\n", inTree).concat("\n").getBytes(StandardCharsets.UTF_8));
    copy(src.resolve("modules.builtin"), dir.resolve("modules.builtin"));
    copy(src.resolve("modules.builtin.modinfo"), dir.resolve("modules.builtin.modinfo"));
    Path a = tmp.resolve("opt/ext-a");
    copy(src.resolve("kernel/arch/x86/crypto/aegis128-aesni.ko"), a.resolve("aegis128-aesni.ko"));
    copy(src.resolve("kernel/crypto/cryptd.ko"), a.resolve("cryptd.ko"));
    copy(
        src.resolve("kernel/arch/x86/crypto/twofish-x86_64-3way.ko"),
        a.resolve("sub/twofish-x86_64-3way.ko"));
    Path b = tmp.resolve("opt/ext-b");
    Files.createDirectories(b);
    try (OutputStream out =
        new XZOutputStream(Files.newOutputStream(b.resolve("cryptd.ko.xz")), new LZMA2Options(1))) {
      Files.copy(src.resolve("kernel/crypto/cryptd.ko"), out);
    }
    copy(src.resolve("kernel/crypto/twofish_common.ko"), b.resolve("twofish_common.ko"));
    Path c = tmp.resolve("opt/ext-c");
    copy(src.resolve("kernel/crypto/nhpoly1305.ko"), c.resolve("nhpoly1305.ko"));
    extA = a.toString();
    extB = b.toString();
    extC = c.toString();
    conf = tmp.resolve("conf");
    Files.createDirectories(conf);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  private static Oracle.Run kmodj(List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "depmod"));
    cmd.addAll(args);
    return Oracle.run(cmd, null);
  }

  private static Oracle.Run kmod(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("depmod"));
    cmd.addAll(args);
    return Oracle.run(cmd, null);
  }

  // the files depmod wrote into the module directory, removed once read
  private Map<String, String> takeOutput() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String name = String.valueOf(p.getFileName());
        if (!INPUTS.contains(name)) {
          files.put(name, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
          Files.delete(p);
        }
      }
    }
    return files;
  }

  private Map<String, String> writeBoth(String config) throws IOException {
    Files.writeString(conf.resolve("ext.conf"), config + "\n", StandardCharsets.UTF_8);
    List<String> args = List.of("-C", conf.toString(), "-b", tmp.toString(), version);
    List<String> dry = new ArrayList<>(List.of("-n"));
    dry.addAll(args);
    assertThat(kmodj(dry)).as("-n with %s", config).isEqualTo(kmod(dry));
    Oracle.Run real = kmod(args);
    Map<String, String> realFiles = takeOutput();
    assertThat(kmodj(args)).as(config).isEqualTo(real);
    Map<String, String> ours = takeOutput();
    assertThat(ours.keySet()).as(config).containsExactlyElementsOf(realFiles.keySet());
    for (String name : realFiles.keySet()) {
      assertThat(ours.get(name)).as("%s with %s", name, config).isEqualTo(realFiles.get(name));
    }
    return ours;
  }

  @Test
  void externalSearchedFirstReplacesTreeModulesWithAbsolutePaths() throws IOException {
    Map<String, String> files =
        writeBoth(
            "search external built-in\nexternal * "
                + extA
                + "\nexternal 6.* "
                + extB
                + "\nexternal 5.* "
                + extC);
    assertThat(files.get("modules.dep"))
        .contains(extA + "/cryptd.ko:")
        .contains(extA + "/sub/twofish-x86_64-3way.ko:")
        .contains(extB + "/twofish_common.ko:")
        .doesNotContain("kernel/crypto/cryptd.ko")
        .doesNotContain("nhpoly1305");
  }

  @Test
  void withoutSearchLinesTheTreeWinsAndExternalsStillAdd() throws IOException {
    Map<String, String> files = writeBoth("external * " + extA + "\nexternal * " + extB);
    assertThat(files.get("modules.dep"))
        .contains("kernel/crypto/cryptd.ko:")
        .contains(extA + "/aegis128-aesni.ko:");
  }

  @Test
  void builtInBeforeExternalKeepsTheTreeAndExtraWordsAreIgnored() throws IOException {
    writeBoth("search built-in external\nexternal * " + extA + " " + extC);
  }

  @Test
  void laterExternalLinesRankBelowEarlierOnes() throws IOException {
    Map<String, String> files =
        writeBoth("search external\nexternal * " + extB + "\nexternal * " + extA);
    assertThat(files.get("modules.dep")).contains(extB + "/cryptd.ko.xz:");
  }

  @Test
  void missingExternalDirectoryIsReportedAndSkipped() throws IOException {
    writeBoth(
        "search updates external built-in\nexternal * "
            + extA
            + "\nexternal * "
            + tmp.resolve("nonexistent")
            + "\nexternal * "
            + extB);
  }

  @Test
  void overridesAndBadExternalLinesAsKmod() throws IOException {
    writeBoth(
        "search external built-in\noverride cryptd * kernel/crypto\nexternal\nexternal *\n"
            + "external * "
            + extA);
  }
}
