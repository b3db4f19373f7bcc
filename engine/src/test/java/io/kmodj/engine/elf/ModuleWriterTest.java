package io.kmodj.engine.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ModuleWriter} writes, kmodj and kmod's modinfo read the same way. */
class ModuleWriterTest {
  @TempDir Path tmp;

  @Test
  void writtenModuleHasItsDescribedModinfoAndSymbols() throws IOException {
    Path f = tmp.resolve("sample.ko");
    Files.write(f, ModuleWriter.describe(Samples.FULL).write());
    KernelModule m = ((Outcome.Ok<KernelModule>) ModuleReader.read(f)).value();
    assertThat(m.name()).isEqualTo("sample");
    assertThat(m.info().orElse(List.of())).contains(new ModinfoEntry("license", "GPL"));
    assertThat(m.exported().orElse(List.of()).stream().map(Symbol::name))
        .containsExactly("sample_start", "sample_stop");
    assertThat(m.needed().orElse(List.of()))
        .extracting(Symbol::name, Symbol::crc, Symbol::bind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("printk", 0xdeadbeefL, Symbol.Bind.UNDEF),
            org.assertj.core.groups.Tuple.tuple("maybe_there", 0L, Symbol.Bind.WEAK),
            org.assertj.core.groups.Tuple.tuple("module_layout", 0x1234abcdL, Symbol.Bind.UNDEF));
  }

  @Test
  void exportsWithCrcsAreReadFromTheSymbolTable() throws IOException {
    Path f = tmp.resolve("crc.ko");
    Files.write(f, ModuleWriter.describe("modinfo: license=GPL\nexport: f crc=0xcafe\n").write());
    KernelModule m = ((Outcome.Ok<KernelModule>) ModuleReader.read(f)).value();
    assertThat(m.exported().orElse(List.of()))
        .containsExactly(new Symbol("f", 0xcafe, Symbol.Bind.GLOBAL));
  }

  @Test
  void everyClassAndByteOrderPrintsAsKmodModinfoPrintsIt() throws IOException {
    Oracle.requireKmod();
    List<String> files = new ArrayList<>();
    for (int bits : new int[] {64, 32}) {
      for (String endian : List.of("little", "big")) {
        Path f = tmp.resolve("m" + bits + endian + ".ko");
        Files.write(f, ModuleWriter.describe(Samples.full(bits, endian)).write());
        files.add(f.toString());
      }
    }
    for (List<String> opts : List.of(List.<String>of(), List.of("-p"), List.of("-0"))) {
      List<String> cmd = new ArrayList<>(List.of("modinfo"));
      cmd.addAll(opts);
      cmd.addAll(files);
      Oracle.Run kmod = Oracle.run(cmd, null);
      Oracle.Run kmodj =
          Oracle.kmodjModinfo(
              new ModuleDirectory(tmp.toString()),
              new Modinfo.Options(
                  opts.contains("-p") ? Optional.of("parm") : Optional.empty(),
                  opts.contains("-0"),
                  false),
              files);
      assertThat(kmodj).isEqualTo(kmod);
    }
  }
}
