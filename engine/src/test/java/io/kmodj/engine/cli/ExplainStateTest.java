package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodj explain --state DIR}: why a module of the simulated kernel is loaded, from the state
 * a boot and loads left: the hard dependencies that hold it, the softdep (or below/above) line that
 * pulled it in, the module asked for, by hand or on the kernel's request (autoclean), for both
 * dialects.
 */
class ExplainStateTest {
  @TempDir Path tmp;

  Kmod30ConformanceTest.Result kmodj(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.add(1, "--state");
    a.add(2, tmp.resolve("state").toString());
    return Kmod30ConformanceTest.modprobe(a.toArray(new String[0]));
  }

  private void bootModern() {
    Path sample = SampleSystemTest.SAMPLE;
    assertThat(
            kmodj(
                    "boot",
                    "-d",
                    sample.toString(),
                    "-S",
                    Kmod30ConformanceTest.VERSION,
                    "-C",
                    sample.resolve("etc/modprobe.d").toString())
                .exit())
        .isZero();
  }

  private static String kernelPart(String text) {
    return text.substring(text.indexOf("kernel:\n"), text.indexOf("modprobe --show-depends"));
  }

  @Test
  void aDependencyIsFollowedToTheModuleAskedFor() {
    bootModern();
    assertThat(kmodj("modprobe", "bond0").exit()).isZero();
    Kmod30ConformanceTest.Result r = kmodj("explain", "llc");
    assertThat(r.exit()).isZero();
    List<String> chain = kernelPart(r.out()).lines().skip(1).map(String::strip).toList();
    assertThat(chain).hasSize(5);
    assertThat(chain.get(0))
        .startsWith("llc: hard dependency of stp (modules.dep), which holds it");
    assertThat(chain.get(3))
        .startsWith("8021q: softdep pre: of bonding (")
        .contains("10-network.conf:6), loaded before it");
    assertThat(chain.get(4))
        .startsWith("bonding: asked for itself: by hand")
        .contains("bonding: loaded with mode=active-backup miimon=100");
  }

  @Test
  void aSoftdepPostAndAnAliasAndAModuleNotLoaded() throws IOException {
    bootModern();
    assertThat(kmodj("modprobe", "bond0").exit()).isZero();
    assertThat(kernelPart(kmodj("explain", "dummy").out()))
        .contains("dummy: softdep post: of bonding (")
        .contains("bonding: asked for itself");
    assertThat(kernelPart(kmodj("explain", "bond0").out()))
        .contains("bond0: stands for bonding (the lookup above)");
    assertThat(kernelPart(kmodj("explain", "tun").out()))
        .isEqualTo("kernel:\n  tun is not loaded\n");
    Kmod30ConformanceTest.Result j = kmodj("explain", "--json", "llc");
    assertThat(JsonSchemaCheck.errors(ExplainCommandTest.SCHEMA, j.out())).isEmpty();
    JsonNode kernel = new ObjectMapper().readTree(j.out()).get("kernel");
    assertThat(kernel.get("module").asText()).isEqualTo("llc");
    assertThat(kernel.get("loaded").asBoolean()).isTrue();
    assertThat(kernel.get("chain")).hasSize(5);
  }

  @Test
  void aKernelRequestOnAModulesConfSystemIsTold() {
    Path sample = ModutilsSampleTest.SAMPLE;
    assertThat(
            kmodj(
                    "boot",
                    "--compat",
                    "-d",
                    sample.toString(),
                    "-S",
                    "2.4.27",
                    "-C",
                    sample.resolve("etc/modules.conf").toString())
                .exit())
        .isZero();
    assertThat(kmodj("request", "--no-daemon", "sound-slot-0").exit()).isZero();
    // the state's own system is used: no -d, -S or -C
    Kmod30ConformanceTest.Result r = kmodj("explain", "uart401");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("uart401 (modutils)\n");
    String kernel = r.out().substring(r.out().indexOf("kernel:\n"), r.out().indexOf("modprobe -n"));
    assertThat(kernel)
        .contains("uart401: hard dependency of sb_lib (modules.dep), which holds it")
        .contains("sb_lib: hard dependency of sb (modules.dep)")
        .contains(
            "sb: asked for on the kernel's request (request_module ran modprobe -k, which marks"
                + " it autoclean)")
        .contains("(autoclean)");
  }

  @Test
  void aStateDirectoryWithoutAKernelIsAClearError() {
    Kmod30ConformanceTest.Result r = kmodj("explain", "llc");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("kmodj explain: no simulated kernel in ")
        .doesNotContain("Exception");
  }
}
