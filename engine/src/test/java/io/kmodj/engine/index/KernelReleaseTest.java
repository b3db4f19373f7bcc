package io.kmodj.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.depmod.LegacyDepmod;
import io.kmodj.engine.kernel.SystemImage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the modutils world ends: the 2.5.48 module loader. */
class KernelReleaseTest {
  @ParameterizedTest
  @CsvSource({
    "2.0.40, true, false",
    "2.2.26, true, false",
    "2.4.9, true, false",
    "2.4.10, true, true",
    "2.4.27-pre1, true, true",
    "2.4, true, false",
    "2.5.47-ac1, true, true",
    "2.5.48, false, true",
    "2.6.0-test1, false, true",
    "3.0, false, true",
    "6.1.0-47-amd64, false, true",
    "abc, false, true",
    "1.0.0, false, false",
  })
  void theModuleInterfaceChangesAt2548(String release, boolean old, boolean taint) {
    assertThat(KernelRelease.oldModuleInterface(release)).isEqualTo(old);
    assertThat(KernelRelease.hasTaintFile(release)).isEqualTo(taint);
    // depmod's format and lsmod's table follow the same rule
    assertThat(LegacyDepmod.isLegacy(release)).isEqualTo(old);
    SystemImage image = new SystemImage("", release, "modutils", List.of());
    assertThat(image.oldModuleInterface()).isEqualTo(old);
    assertThat(image.hasTaintFile()).isEqualTo(taint);
  }
}
