package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code kmodj explain} on the bundled modern sample: text and JSON (validated against
 * docs/schema/explain.schema.json), the plan equal to {@code kmodj modprobe --show-depends}, and an
 * unknown name reported as kmod reports it, with exit 1.
 */
class ExplainCommandTest {
  static final Path SAMPLE = SampleSystemTest.SAMPLE;
  static final String SCHEMA = "explain.schema.json";

  static Kmod30ConformanceTest.Result kmodj(String... args) {
    String[] all = new String[args.length + 6];
    all[0] = args[0];
    all[1] = "-d";
    all[2] = SAMPLE.toString();
    all[3] = "-S";
    all[4] = Kmod30ConformanceTest.VERSION;
    all[5] = "-C";
    all[6] = SAMPLE.resolve("etc/modprobe.d").toString();
    System.arraycopy(args, 1, all, 7, args.length - 1);
    return Kmod30ConformanceTest.modprobe(all);
  }

  @Test
  void textShowsTheLookupThePlanAndTheLinesWithWhy() {
    Kmod30ConformanceTest.Result r = kmodj("explain", "bond0");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("1. configuration aliases: 1 alias line(s) match bond0")
        .contains("<- answers: bonding")
        .contains("insmod 8021q: softdep pre: of bonding")
        .contains("insmod dummy: softdep post: of bonding")
        .contains("10-network.conf:3: alias bond* bonding")
        .contains("90-blacklist.conf:2: blacklist dummy")
        .contains("not applied: blacklist does not stop a module brought in as a dependency");
    // the plan printed is modprobe --show-depends' output
    String plan = kmodj("modprobe", "--show-depends", "bond0").out();
    for (String line : plan.lines().toList()) {
      assertThat(r.out()).contains("  " + line + "\n");
    }
  }

  @Test
  void blacklistByOwnNameIsExplainedAsNotApplied() {
    Kmod30ConformanceTest.Result r = kmodj("explain", "tun");
    assertThat(r.out())
        .contains("2. module names (modules.dep): modules.dep has tun  <- answers: tun")
        .contains("not applied: blacklist applies only to alias lookups");
  }

  @Test
  void jsonFollowsTheSchemaAndCarriesTheExactPlan() throws IOException {
    Kmod30ConformanceTest.Result r = kmodj("explain", "--json", "virtio_blk");
    assertThat(r.exit()).isZero();
    assertThat(JsonSchemaCheck.errors(SCHEMA, r.out())).isEmpty();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("planText").asText())
        .isEqualTo(kmodj("modprobe", "--show-depends", "virtio_blk").out());
    assertThat(doc.get("plan").get(doc.get("plan").size() - 1).get("action").asText())
        .isEqualTo("install");
    assertThat(doc.get("lines").get(0).get("directive").asText()).isEqualTo("install");
    assertThat(doc.get("lines").get(0).get("applied").asBoolean()).isTrue();
  }

  static Kmod30ConformanceTest.Result modutils(String... args) {
    Path sample = ModutilsSampleTest.SAMPLE;
    String[] all = new String[args.length + 7];
    all[0] = "explain";
    all[1] = "-d";
    all[2] = sample.toString();
    all[3] = "-S";
    all[4] = "2.4.27";
    all[5] = "-C";
    all[6] = sample.resolve("etc/modules.conf").toString();
    System.arraycopy(args, 0, all, 7, args.length);
    return Kmod30ConformanceTest.modprobe(all);
  }

  @Test
  void modulesConfSampleIsExplainedByModutilsRules() throws IOException {
    // the file name modules.conf chooses the modutils dialect, as for kmodj modprobe
    Kmod30ConformanceTest.Result r = modutils("eth0");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("eth0 (modutils)\n")
        .contains("2. aliases: alias eth0 -> ne2k-pci")
        .contains("insmod 8390: modules.dep dependency of ne2k-pci")
        .contains("(built-in defaults):125: alias eth0 off")
        .contains("not applied: replaced: a later alias line for eth0")
        .contains("modprobe -n -v prints:\n");
    Kmod30ConformanceTest.Result j = modutils("--json", "sound-slot-0");
    assertThat(j.exit()).isZero();
    assertThat(JsonSchemaCheck.errors(SCHEMA, j.out())).isEmpty();
    JsonNode doc = new ObjectMapper().readTree(j.out());
    assertThat(doc.get("dialect").asText()).isEqualTo("modutils");
    Path sample = ModutilsSampleTest.SAMPLE;
    String plan =
        Kmod30ConformanceTest.modprobe(
                "modprobe",
                "-d",
                sample.toString(),
                "-S",
                "2.4.27",
                "-C",
                sample.resolve("etc/modules.conf").toString(),
                "-n",
                "-v",
                "sound-slot-0")
            .out();
    assertThat(doc.get("planText").asText()).isEqualTo(plan);
    assertThat(doc.get("plan").findValuesAsText("action")).contains("pre-install", "post-install");
    Kmod30ConformanceTest.Result missing = modutils("no-such-thing");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("modprobe: Can't locate module no-such-thing\n");
  }

  @Test
  void theSchemaRejectsWhatItDoesNotDescribe() throws IOException {
    String bad = "{\"schema\": \"kmodj-explain/1\", \"query\": 3}";
    assertThat(JsonSchemaCheck.errors(SCHEMA, bad)).isNotEmpty();
  }

  @Test
  void unknownNameIsAnErrorAsInKmod() throws IOException {
    Kmod30ConformanceTest.Result r = kmodj("explain", "no-such-thing");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("modprobe: FATAL: Module no-such-thing not found in directory ")
        .doesNotContain("Exception");
    assertThat(r.out()).contains("nothing answered");
    Kmod30ConformanceTest.Result j = kmodj("explain", "--json", "no-such-thing");
    assertThat(j.exit()).isEqualTo(1);
    assertThat(JsonSchemaCheck.errors(SCHEMA, j.out())).isEmpty();
    assertThat(new ObjectMapper().readTree(j.out()).get("found").asBoolean()).isFalse();
  }
}
