package io.kmodj.engine.elf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.check.DeclaredParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modutils sample's objects and modules.dep are what {@link SampleModules24} writes, its
 * modules.dep is what kmodj's 2.4 depmod computes from them, and kmod reads them as kmodj does.
 */
class SampleModules24Test {
  static final Path SAMPLE = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();
  static final Path DIR = SAMPLE.resolve("lib/modules").resolve(SampleModules24.RELEASE);
  static final String PREFIX = "/lib/modules/" + SampleModules24.RELEASE + "/";

  @Test
  void checkedInObjectsAndModulesDepAreWhatTheGeneratorWrites() throws IOException {
    Map<String, byte[]> generated = SampleModules24.objects();
    assertThat(generated).hasSize(36);
    for (Map.Entry<String, byte[]> e : generated.entrySet()) {
      assertThat(Files.readAllBytes(DIR.resolve(e.getKey())))
          .as("%s differs from what SampleModules24 writes; run SampleModules24.main", e.getKey())
          .isEqualTo(e.getValue());
    }
    try (Stream<Path> s = Files.walk(DIR)) {
      assertThat(s.filter(p -> p.toString().endsWith(".o")).count()).isEqualTo(36);
    }
    assertThat(Files.readString(DIR.resolve("modules.dep"), StandardCharsets.ISO_8859_1))
        .isEqualTo(SampleModules24.modulesDep(SAMPLE));
  }

  @Test
  void modulesDepHoldsExactlyTheDependenciesTheTableDescribes() throws IOException {
    Map<String, List<String>> entries =
        SampleModules24.entries(
            Files.readString(DIR.resolve("modules.dep"), StandardCharsets.ISO_8859_1));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (SampleModules24.Module m : SampleModules24.TABLE) {
      List<String> uses = new ArrayList<>();
      m.uses().forEach(u -> uses.add(PREFIX + "kernel/" + u));
      expected.put(PREFIX + "kernel/" + m.path(), uses);
    }
    assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    entries.forEach(
        (k, v) -> assertThat(v).as(k).containsExactlyInAnyOrderElementsOf(expected.get(k)));
    // modutils' order: the walk (alphabetical below kernel/); sb_lib's needs hash uart401 first
    assertThat(List.copyOf(entries.keySet()).get(0))
        .isEqualTo(PREFIX + "kernel/drivers/block/floppy.o");
    assertThat(entries.get(PREFIX + "kernel/drivers/sound/sb_lib.o"))
        .containsExactly(
            PREFIX + "kernel/drivers/sound/uart401.o", PREFIX + "kernel/drivers/sound/sound.o");
  }

  @Test
  void objectsCarry24ModinfoThatKmodjReadsAsParameters() {
    KernelModule sb =
        ((Outcome.Ok<KernelModule>) ModuleReader.read(DIR.resolve("kernel/drivers/sound/sb.o")))
            .value();
    List<ModinfoEntry> info = sb.info().orElse(List.of());
    assertThat(info)
        .contains(
            new ModinfoEntry("kernel_version", "2.4.27"),
            new ModinfoEntry("parm_io", "i"),
            new ModinfoEntry("license", "GPL"));
    assertThat(DeclaredParameters.fromModinfo(info))
        .contains(
            new DeclaredParameters.Parameter(
                "io", "i", "Soundblaster i/o base address (0x220,0x240,0x260,0x280)"),
            new DeclaredParameters.Parameter("mpu_io", "i", "Mpu base address"));
  }

  @Test
  void kmodModinfoReadsEveryObjectAsKmodjDoes(@TempDir Path tmp) throws IOException {
    Oracle.requireKmod();
    // kmod's modinfo takes an argument as a file only when it ends in .ko: a copy named so
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : SampleModules24.objects().entrySet()) {
      String base = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
      Path ko = tmp.resolve(base.substring(0, base.length() - 2) + ".ko");
      Files.write(ko, e.getValue());
      files.add(ko.toString());
    }
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(files);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            new ModuleDirectory(DIR.toString()),
            new Modinfo.Options(Optional.empty(), false, false),
            files);
    assertThat(kmod.exitCode()).isZero();
    assertThat(kmod.stdout()).contains("parm_desc_io:   Soundblaster i/o base address");
    assertThat(kmodj).isEqualTo(kmod);
  }
}
