package io.kmodj.engine.params;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.Origin;
import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.kernel.ParameterStore;
import io.kmodj.engine.kernel.SimulatedKernel;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.params.ParameterReport.ConfiguredLine;
import io.kmodj.grammar.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module's parameters: declared, configured, saved and live in one report. */
class ParameterReportsTest {
  @TempDir Path root;

  private SystemImage kmodSystem() throws Exception {
    Path dir = root.resolve("lib/modules/6.1.0");
    Files.createDirectories(dir.resolve("kernel"));
    Files.write(
        dir.resolve("kernel/nic.ko"),
        ModuleWriter.describe(
                """
                modinfo: license=GPL
                modinfo: parm=speed:link speed in Mbit/s
                modinfo: parmtype=speed:int
                modinfo: parmtype=debug:bool
                modinfo: parm=debug:log more
                modinfo: parm=name:interface name
                """)
            .write());
    Files.writeString(dir.resolve("modules.dep"), "kernel/nic.ko:\n");
    Path conf = Files.createDirectories(root.resolve("etc/modprobe.d"));
    Files.writeString(conf.resolve("10-nic.conf"), "# the NIC\noptions nic speed=10 extra=1\n");
    Files.writeString(conf.resolve("20-nic.conf"), "alias eth0 nic\noptions nic speed=100\n");
    return new SystemImage(root.toString(), "6.1.0", "kmod", List.of(conf.toString()));
  }

  @Test
  void allFourSourcesMeetInOneRowPerParameter() throws Exception {
    SystemImage sys = kmodSystem();
    Path persist = root.resolve("persist");
    new ParameterStore(persist).save("nic", Map.of("debug", "1"));
    SimulatedKernel k = new SimulatedKernel(sys, n -> false, Clock.systemUTC(), Optional.empty());
    assertThat(
            k.initModule(
                new SimulatedKernel.InitRequest(
                    "nic", "/x/nic.ko", 10, List.of(), "speed=1000 name=\"e 0\"", false)))
        .isZero();

    ParameterReport r =
        ParameterReports.build(
            "nic",
            ParameterReports.declared(sys, "nic"),
            ParameterReports.configured(sys, Optional.of("quiet nic.debug=Y"), "nic"),
            new ParameterStore(persist).peek("nic"),
            persist.resolve("nic").toString(),
            k.module("nic"));

    assertThat(r.loaded()).isTrue();
    assertThat(r.declaredKnown()).isTrue();
    assertThat(r.parameters())
        .extracting(p -> p.name() + "|" + p.type() + "|" + p.declared())
        .containsExactly("speed|int|true", "debug|bool|true", "name||true", "extra||false");
    ParameterReport.Parameter speed = r.parameter("speed").orElseThrow();
    assertThat(speed.description()).isEqualTo("link speed in Mbit/s");
    // the later options line wins, as the kernel's parse_args lets the last setting win
    assertThat(speed.configured()).contains("100");
    assertThat(speed.configuredAt().orElseThrow().file()).endsWith("20-nic.conf");
    assertThat(speed.configuredAt().orElseThrow().line()).isEqualTo(2);
    assertThat(speed.live()).contains("1000");
    assertThat(speed.saved()).isEmpty();
    ParameterReport.Parameter debug = r.parameter("debug").orElseThrow();
    assertThat(debug.configured()).contains("Y");
    assertThat(debug.configuredAt()).contains(new Origin("kernel command line", 0));
    assertThat(debug.saved()).contains("1");
    assertThat(debug.live()).isEmpty();
    assertThat(r.parameter("name").orElseThrow().live()).contains("e 0");
    assertThat(r.configured())
        .extracting(ConfiguredLine::options)
        .containsExactly("speed=10 extra=1", "speed=100", "debug=Y");
  }

  @Test
  void aMissingModuleFileLeavesDeclaredUnknownAndABadPersistFileIsReported() throws Exception {
    SystemImage sys = kmodSystem();
    Path persist = Files.createDirectories(root.resolve("persist"));
    Files.writeString(persist.resolve("other"), "not a parameter line\n");
    ParameterReport r =
        ParameterReports.build(
            "other",
            ParameterReports.declared(sys, "other"),
            ParameterReports.configured(sys, Optional.empty(), "other"),
            new ParameterStore(persist).peek("other"),
            persist.resolve("other").toString(),
            Optional.empty());
    assertThat(r.declaredKnown()).isFalse();
    assertThat(r.loaded()).isFalse();
    assertThat(r.parameters()).isEmpty();
    assertThat(r.savedProblem()).isPresent();
    // peeking never moves the bad file aside
    assertThat(persist.resolve("other")).exists();
  }

  @Test
  void modutilsConfigurationIsMergedAsModutilsDoes() throws Exception {
    Path conf = Files.createDirectories(root.resolve("etc")).resolve("modules.conf");
    Files.writeString(
        conf,
        """
        options sb io=0x220 irq=5
        options sb io=0x240
        add options sb dma=1
        """);
    Files.createDirectories(root.resolve("lib/modules/2.4.27"));
    SystemImage sys =
        new SystemImage(root.toString(), "2.4.27", "modutils", List.of(conf.toString()));
    List<ConfiguredLine> lines = ParameterReports.configured(sys, Optional.empty(), "sb");
    // the second options line replaces the first; add options appends
    assertThat(lines).extracting(ConfiguredLine::options).containsExactly("io=0x240 dma=1");
    ParameterReport r =
        ParameterReports.build(
            "sb",
            Optional.empty(),
            lines,
            new ParameterStore(root.resolve("p")).peek("sb"),
            "p/sb",
            Optional.empty());
    assertThat(r.parameters())
        .extracting(p -> p.name() + "=" + p.configured().orElse("-"))
        .containsExactly("io=0x240", "dma=1");
  }

  @Test
  void anEditorBufferIsReadWithTheDialectsRules() {
    String kmod = "options nic a=1\nalias x nic\noptions  nic b=\"two words\"\n";
    assertThat(ParameterReports.configured(Dialect.KMOD, "nic.conf", kmod, "nic"))
        .containsExactly(
            new ConfiguredLine(new Origin("nic.conf", 1), "a=1"),
            new ConfiguredLine(new Origin("nic.conf", 3), "b=\"two words\""));
    String modutils = "options sb a=1\noptions sb b=2\nadd options sb c=3\n";
    assertThat(ParameterReports.configured(Dialect.MODUTILS, "modules.conf", modutils, "sb"))
        .containsExactly(
            new ConfiguredLine(new Origin("modules.conf", 2), "b=2"),
            new ConfiguredLine(new Origin("modules.conf", 3), "c=3"));
    assertThat(ParameterReports.split("a=1 b=\"x y\" flag c="))
        .containsExactly(
            Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("flag", "Y"), Map.entry("c", ""));
  }
}
