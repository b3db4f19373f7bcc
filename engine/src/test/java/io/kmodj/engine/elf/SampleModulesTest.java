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

/** The modern sample's module files are what {@link SampleModules} writes, and kmod reads them. */
class SampleModulesTest {
  static final Path SAMPLE = Path.of("..", "samples", "modern").toAbsolutePath().normalize();
  static final Path DIR = SAMPLE.resolve("lib/modules").resolve(SampleModules.RELEASE);

  @Test
  void checkedInModulesAreWhatTheGeneratorWrites() throws IOException {
    Map<String, byte[]> generated = SampleModules.modern(SAMPLE);
    assertThat(generated).hasSize(32);
    for (Map.Entry<String, byte[]> e : generated.entrySet()) {
      assertThat(Files.readAllBytes(DIR.resolve(e.getKey())))
          .as("%s differs from what SampleModules writes; run SampleModules.main", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void sampleModulesCarryTheirParametersAndTheSampleRelease() throws IOException {
    KernelModule loop =
        ((Outcome.Ok<KernelModule>) ModuleReader.read(DIR.resolve("kernel/drivers/block/loop.ko")))
            .value();
    assertThat(loop.info().orElse(List.of()))
        .contains(
            new ModinfoEntry("parmtype", "max_loop:int"),
            new ModinfoEntry("parm", "max_loop:Maximum number of loop devices"),
            new ModinfoEntry("vermagic", SampleModules.VERMAGIC.strip()),
            new ModinfoEntry("depends", ""));
    KernelModule nfsd =
        ((Outcome.Ok<KernelModule>) ModuleReader.read(DIR.resolve("kernel/fs/nfsd/nfsd.ko")))
            .value();
    assertThat(nfsd.info().orElse(List.of()))
        .contains(
            new ModinfoEntry("parmtype", "nfs4_disable_idmapping:bool"),
            new ModinfoEntry("depends", "auth_rpcgss,nfs_acl,lockd"),
            new ModinfoEntry("softdep", "pre: crypto-md5"));
  }

  @Test
  void kmodModinfoReadsEverySampleModuleAsKmodjDoes() throws IOException {
    Oracle.requireKmod();
    List<String> files = new ArrayList<>();
    for (String rel : SampleModules.modern(SAMPLE).keySet()) {
      files.add(DIR.resolve(rel).toString());
    }
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(files);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            new ModuleDirectory(DIR.toString()),
            new Modinfo.Options(Optional.empty(), false, false),
            files);
    assertThat(kmodj).isEqualTo(kmod);
  }
}
