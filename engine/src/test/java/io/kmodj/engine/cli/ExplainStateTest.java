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
 * pulled it in, the module asked for and the request recorded with it (modprobe by hand, the
 * kernel's request_module, insmod), a module that came in with an earlier request, and a state
 * written before requests were recorded, for both dialects.
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
        .startsWith(
            "bonding: asked for by modprobe bond0 (by hand); bond0 stands for bonding:"
                + " configuration aliases (")
        .contains("10-network.conf:3); log: ")
        .contains("bonding: loaded with mode=active-backup miimon=100");
    // every link came in with the same request: none says otherwise
    assertThat(chain).noneMatch(l -> l.contains("earlier request"));
  }

  @Test
  void aSoftdepPostAndAnAliasAndAModuleNotLoaded() throws IOException {
    bootModern();
    assertThat(kmodj("modprobe", "bond0").exit()).isZero();
    assertThat(kernelPart(kmodj("explain", "dummy").out()))
        .contains("dummy: softdep post: of bonding (")
        .contains("bonding: asked for by modprobe bond0 (by hand)");
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
    // llc keeps the request that loaded it: the name modprobe was given, not a module name
    assertThat(kernel.get("cause").get("by").asText()).isEqualTo("modprobe");
    assertThat(kernel.get("cause").get("asked").asText()).isEqualTo("bond0");
    Kmod30ConformanceTest.Result none = kmodj("explain", "--json", "tun");
    assertThat(JsonSchemaCheck.errors(ExplainCommandTest.SCHEMA, none.out())).isEmpty();
    assertThat(new ObjectMapper().readTree(none.out()).get("kernel").get("cause").isNull())
        .isTrue();
  }

  @Test
  void aModuleLoadedByAnEarlierRequestSaysWhich() {
    bootModern();
    assertThat(kmodj("modprobe", "llc").exit()).isZero();
    assertThat(kmodj("modprobe", "bond0").exit()).isZero();
    List<String> chain =
        kernelPart(kmodj("explain", "llc").out()).lines().skip(1).map(String::strip).toList();
    assertThat(chain.get(0))
        .startsWith("llc: hard dependency of stp (modules.dep), which holds it")
        .contains("; it came in with an earlier request, modprobe llc (by hand); log: ");
    // stp came in with bond0's request, the one of the module at the top
    assertThat(chain.get(1)).startsWith("stp: ").doesNotContain("earlier request");
    assertThat(chain.get(chain.size() - 1))
        .startsWith("bonding: asked for by modprobe bond0 (by hand)");
    // asked about directly, llc is held, and its own request is given as its cause
    assertThat(kmodj("explain", "--json", "llc").out())
        .contains("\"by\" : \"modprobe\"")
        .contains("\"asked\" : \"llc\"");
  }

  @Test
  void aModuleInsertedByHandSaysItsFile() {
    bootModern();
    Path ko =
        SampleSystemTest.SAMPLE.resolve(
            "lib/modules/" + Kmod30ConformanceTest.VERSION + "/kernel/drivers/net/dummy.ko");
    assertThat(ko).isRegularFile();
    assertThat(kmodj("insmod", ko.toString()).exit()).isZero();
    assertThat(kernelPart(kmodj("explain", "dummy").out()))
        .contains("dummy: asked for by insmod " + ko.toAbsolutePath().normalize() + " (by hand)");
  }

  @Test
  void aStateWrittenBeforeRequestsWereRecordedSaysSo() throws IOException {
    bootModern();
    assertThat(kmodj("modprobe", "bond0").exit()).isZero();
    Path file = tmp.resolve("state").resolve(io.kmodj.engine.kernel.StateStore.STATE_FILE);
    ObjectMapper json = new ObjectMapper();
    JsonNode state = json.readTree(file.toFile());
    int stripped = 0;
    for (JsonNode m : state.get("modules")) {
      if (((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("cause") != null) {
        stripped++;
      }
    }
    assertThat(stripped).isEqualTo(state.get("modules").size()).isPositive();
    json.writeValue(file.toFile(), state);
    assertThat(kernelPart(kmodj("explain", "llc").out()))
        .contains("bonding: asked for itself: by hand (modprobe, insmod) or by a request_module")
        .contains("this state does not record the request");
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
            "sb: asked for by request_module(\"sound-slot-0\"): the kernel asked, the kmod thread"
                + " ran modprobe; marked autoclean (modprobe -k), so rmmod -a may reap it;"
                + " sound-slot-0 stands for sb: aliases (")
        .contains("etc/modules.conf:24); log: ")
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
