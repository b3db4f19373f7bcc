package io.kmodj.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.plan.ModuleState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host mode reads /proc/modules and /sys/module/NAME/parameters (here, copies of them). */
class HostKernelTest {
  @TempDir Path tmp;

  @Test
  void readsProcModulesAndSysModuleParameters() throws IOException {
    Path proc = Files.createDirectories(tmp.resolve("proc"));
    Files.writeString(
        proc.resolve("modules"),
        """
        nf_nat 49152 2 xt_MASQUERADE,iptable_nat, Live 0xffffffffc0a1d000
        loop 40960 0 - Live 0x0000000000000000
        dummy 16384 0 - Unloading 0x0000000000000000
        """);
    Path params = Files.createDirectories(tmp.resolve("sys/module/loop/parameters"));
    Files.writeString(params.resolve("max_loop"), "8\n");
    Files.writeString(params.resolve("max_part"), "0\n");
    HostKernel host = new HostKernel(proc, tmp.resolve("sys"));
    assertThat(host.modules())
        .satisfiesExactly(
            m -> {
              assertThat(m.name()).isEqualTo("nf_nat");
              assertThat(m.size()).isEqualTo(49152);
              assertThat(m.holders()).containsExactly("xt_MASQUERADE", "iptable_nat");
              assertThat(m.refcount()).isEqualTo(2);
            },
            m -> assertThat(m.state()).isEqualTo(ModuleState.LIVE),
            m -> assertThat(m.state()).isEqualTo(ModuleState.GOING));
    assertThat(host.parameters("loop")).isEqualTo(Map.of("max_loop", "8", "max_part", "0"));
    assertThat(host.parameters("nope")).isEmpty();
  }
}
