package io.kmodj.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleIndexTest {
  static ModuleIndex debian() throws Exception {
    Path root =
        Path.of(
            ModuleIndexTest.class
                .getResource(
                    "/kernels/debian-6.1.0-47-cloud-amd64/lib/modules/6.1.0-47-cloud-amd64")
                .toURI());
    return ModuleIndex.load(root.toString());
  }

  @Test
  void readsDependenciesAliasesSymbolsAndBuiltinsOfTheDebianKernel() throws Exception {
    ModuleIndex index = debian();
    assertThat(index.moduleCount()).isEqualTo(1121);
    assertThat(index.dependencies("virtio_net").orElseThrow().dependencies())
        .last()
        .isEqualTo("kernel/drivers/virtio/virtio.ko");
    assertThat(index.dependencies("intel_uncore")).isPresent();
    assertThat(index.aliases().search("crypto_crc32c")).containsExactly("crc32c_intel");
    assertThat(index.symbols().search("symbol:crc32c")).containsExactly("libcrc32c");
    assertThat(index.isBuiltin("ext4")).isTrue();
    assertThat(index.builtinAliases().search("fs_ext4")).containsExactly("ext4");
    assertThat(index.deviceNodes()).anyMatch(d -> d.module().equals("fuse"));
  }

  @Test
  void aliasKeysAreNormalizedAsDepmodStoresThem() throws Exception {
    assertThat(debian().aliases().search("crypto-crc32c")).isEmpty();
    assertThat(ModuleNames.normalizeAlias("crypto-crc32c")).hasValue("crypto_crc32c");
    assertThat(ModuleNames.normalizeAlias("usb:v[0-9]-x")).hasValue("usb:v[0-9]_x");
    assertThat(ModuleNames.normalizeAlias("bad]")).isEmpty();
    assertThat(ModuleNames.fromPath("kernel/arch/x86/events/intel/intel-uncore.ko"))
        .isEqualTo("intel_uncore");
  }
}
