package io.kmodj.engine.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken modules give error values naming the file, never exceptions, and kmod's messages. */
class CorruptModuleTest {
  @TempDir Path tmp;

  private final byte[] good = ModuleWriter.describe(Samples.FULL).write();

  // kmod 30 (Debian builds keep assert()) aborts on this one: elf_get_section_header asserts
  // idx < count; kmodj answers EINVAL instead (sectionNamesIndexOutOfRangeIsInvalid)
  private static final String KMOD_ABORTS = "section-names-index-out-of-range";

  private List<Path> writeCorpus() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : CorruptModules.of(good).entrySet()) {
      Path f = tmp.resolve(e.getKey() + ".ko");
      Files.write(f, e.getValue());
      files.add(f);
    }
    return files;
  }

  @Test
  void everyCorruptVariantReadsWithoutThrowing() throws IOException {
    for (Path f : writeCorpus()) {
      Outcome<KernelModule> read = ModuleReader.read(f);
      if (read instanceof Outcome.Failed<KernelModule> failed) {
        assertThat(failed.error().file()).isEqualTo(f);
        assertThat(failed.error().message()).contains(f.toString());
      }
    }
  }

  @Test
  void wrongMagicIsAnExecFormatError() throws IOException {
    Path f = tmp.resolve("magic.ko");
    Files.write(f, CorruptModules.of(good).get("flipped-magic"));
    Outcome<KernelModule> read = ModuleReader.read(f);
    assertThat(read).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed<KernelModule>) read).error().errno()).isEqualTo(Errno.ENOEXEC);
  }

  @Test
  void sectionTablePastTheEndIsInvalid() throws IOException {
    Path f = tmp.resolve("past.ko");
    Files.write(f, CorruptModules.of(good).get("section-table-past-end"));
    Outcome<KernelModule> read = ModuleReader.read(f);
    assertThat(((Outcome.Failed<KernelModule>) read).error().errno()).isEqualTo(Errno.EINVAL);
  }

  @Test
  void sectionNamesIndexOutOfRangeIsInvalid() throws IOException {
    Path f = tmp.resolve("names.ko");
    Files.write(f, CorruptModules.of(good).get(KMOD_ABORTS));
    Outcome<KernelModule> read = ModuleReader.read(f);
    assertThat(((Outcome.Failed<KernelModule>) read).error().errno()).isEqualTo(Errno.EINVAL);
  }

  @Test
  void hugeSectionCountIsRejectedWithoutAllocating() throws IOException {
    Path f = tmp.resolve("huge.ko");
    Files.write(f, CorruptModules.of(good).get("huge-section-count"));
    assertThat(ModuleReader.read(f)).isInstanceOf(Outcome.Failed.class);
  }

  @Test
  void corruptVariantsPrintAsKmodModinfoPrintsThem() throws IOException {
    Oracle.requireKmod();
    List<String> args = new ArrayList<>();
    for (Path f : writeCorpus()) {
      if (!f.getFileName().toString().startsWith(KMOD_ABORTS)) {
        args.add(f.toString());
      }
    }
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(args);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            new ModuleDirectory(tmp.toString()),
            new Modinfo.Options(Optional.empty(), false, false),
            args);
    assertThat(kmodj.stderr()).isEqualTo(kmod.stderr());
    assertThat(kmodj.stdout()).isEqualTo(kmod.stdout());
    assertThat(kmodj.exitCode()).isEqualTo(kmod.exitCode());
  }
}
