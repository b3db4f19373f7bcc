package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.elf.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj depmod} as a process against kmod's {@code depmod}: depmod.d search, override and
 * exclude lines, a bad line, {@code -e -F System.map}, deprecated options; stdout, stderr and exit
 * code compared.
 */
class DepmodCommandDifferentialTest {
  @TempDir Path tmp;

  private Path conf;

  @BeforeEach
  void tree() throws IOException {
    Path dir = tmp.resolve("lib/modules/9.9.9");
    write(dir.resolve("kernel/a/fat.ko"), "modinfo: license=GPL\nexport: fat_x\nneed: printk\n");
    write(
        dir.resolve("kernel/a/vfat.ko"),
        "modinfo: alias=fs-vfat\nneed: fat_x\nneed: nowhere\nweak: weakly_nowhere\n");
    write(dir.resolve("updates/fat.ko"), "export: fat_x\n");
    write(dir.resolve("extra/fat.ko"), "export: fat_x\n");
    conf = tmp.resolve("conf");
    Files.createDirectories(conf);
    Files.writeString(tmp.resolve("System.map"), "ffffffff81000000 R __ksymtab_printk\nbad\n");
  }

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
                Main.class.getName(),
                "depmod"));
    cmd.addAll(args);
    return Oracle.run(cmd, null);
  }

  @Test
  void configurationsAndOptionsAnswerAsKmodDepmod() throws IOException {
    Oracle.requireKmod();
    List<String> confs =
        List.of(
            "",
            "search extra built-in updates",
            "search built-in extra",
            "override fat 9.9.* extra",
            "override fat * kernel/a\nexclude updates",
            "search updates extra\noverride fat 1.* extra",
            "bogus line");
    for (String c : confs) {
      Files.writeString(conf.resolve("x.conf"), c + "\n", StandardCharsets.UTF_8);
      List<String> args = List.of("-C", conf.toString(), "-n", "-b", tmp.toString(), "9.9.9");
      List<String> real = new ArrayList<>(List.of("depmod"));
      real.addAll(args);
      assertThat(kmodj(args)).as(c).isEqualTo(Oracle.run(real, null));
    }
    List<List<String>> variants =
        List.of(
            List.of("-e", "-F", tmp.resolve("System.map").toString()),
            List.of("-e"),
            List.of("-q", "-r"),
            List.of("-A"));
    String dir = tmp.resolve("lib/modules/9.9.9").toString();
    List<List<String>> explicit =
        List.of(
            List.of(dir + "/kernel/a/vfat.ko", dir + "/kernel/a/fat.ko"),
            List.of(dir + "/kernel/a/fat.ko", dir + "/updates/fat.ko"),
            List.of(dir + "/kernel/a/fat.ko", dir + "/kernel/a/fat.ko"),
            List.of("/nonexistent/x.ko"),
            List.of("relative.ko"));
    for (List<String> files : explicit) {
      List<String> args = new ArrayList<>(List.of("-n", "-b", tmp.toString(), "9.9.9"));
      args.addAll(files);
      List<String> real = new ArrayList<>(List.of("depmod"));
      real.addAll(args);
      assertThat(kmodj(args)).as(files.toString()).isEqualTo(Oracle.run(real, null));
    }
    assertThat(kmodj(List.of("-n", "-b", tmp.toString(), "x.y")))
        .isEqualTo(Oracle.run(List.of("depmod", "-n", "-b", tmp.toString(), "x.y"), null));
    Files.writeString(conf.resolve("x.conf"), "\n", StandardCharsets.UTF_8);
    for (List<String> v : variants) {
      List<String> args = new ArrayList<>(List.of("-C", conf.toString(), "-n"));
      args.addAll(v);
      args.addAll(List.of("-b", tmp.toString(), "9.9.9"));
      List<String> real = new ArrayList<>(List.of("depmod"));
      real.addAll(args);
      assertThat(kmodj(args)).as(v.toString()).isEqualTo(Oracle.run(real, null));
    }
  }
}
