package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modprobe -o NAME} in the modutils dialect: the requested module loads under the kernel
 * name NAME (insmod {@code -o NAME}), over an options line's {@code -o}, its dependencies
 * untouched; refused where it means nothing (kmod's dialect, {@code -r}, several modules with
 * {@code -a}) and for a name no kernel could hold.
 */
class ModutilsObjnameTest {
  static final Path SAMPLE = ModutilsSampleTest.SAMPLE;

  @TempDir Path tmp;

  private static List<String> system() {
    return List.of(
        "-d",
        SAMPLE.toString(),
        "-S",
        "2.4.27",
        "-C",
        SAMPLE.resolve("etc/modules.conf").toString());
  }

  private static Kmod30ConformanceTest.Result modprobe(String... args) {
    List<String> a = new ArrayList<>(List.of("modprobe"));
    a.addAll(system());
    a.addAll(List.of(args));
    return Kmod30ConformanceTest.modprobe(a.toArray(new String[0]));
  }

  private static String insmod(String path) {
    return "/sbin/insmod " + SAMPLE + "/lib/modules/2.4.27/kernel/" + path;
  }

  @Test
  void theRequestedModuleGetsTheNameItsDependenciesDoNot() {
    Kmod30ConformanceTest.Result r = modprobe("-n", "-v", "-o", "ne0", "eth0");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            insmod("drivers/net/8390.o\n")
                + insmod("drivers/net/ne2k-pci.o -o ne0 full_duplex=1\n"));
  }

  @Test
  void theCommandLineNameReplacesAnOptionsLinesName() throws IOException {
    Path conf = tmp.resolve("modules.conf");
    Files.writeString(conf, "alias eth0 ne2k-pci\noptions ne2k-pci -o nic full_duplex=1\n");
    // older than the sample's modules.dep, or modprobe notes that it is newer
    Files.setLastModifiedTime(conf, FileTime.fromMillis(0));
    List<String> head =
        List.of("modprobe", "-d", SAMPLE.toString(), "-S", "2.4.27", "-C", conf.toString(), "-n");
    List<String> plain = new ArrayList<>(head);
    plain.addAll(List.of("-v", "eth0"));
    List<String> named = new ArrayList<>(head);
    named.addAll(List.of("-v", "--objname", "ne7", "eth0"));
    String ne2k = insmod("drivers/net/ne2k-pci.o");
    assertThat(Kmod30ConformanceTest.modprobe(plain.toArray(new String[0])).out())
        .endsWith(ne2k + " -o nic full_duplex=1\n");
    Kmod30ConformanceTest.Result r = Kmod30ConformanceTest.modprobe(named.toArray(new String[0]));
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(insmod("drivers/net/8390.o\n") + ne2k + " -o ne7 full_duplex=1\n");
  }

  @Test
  void theSimulatedKernelHoldsTheModuleUnderTheGivenName() {
    String state = tmp.resolve("state").toString();
    List<String> boot = new ArrayList<>(List.of("boot", "--state", state));
    boot.addAll(system());
    assertThat(Kmod30ConformanceTest.modprobe(boot.toArray(new String[0])).exit()).isZero();
    assertThat(
            Kmod30ConformanceTest.modprobe("modprobe", "--state", state, "-o", "ne0", "eth0")
                .exit())
        .isZero();
    String lsmod = Kmod30ConformanceTest.modprobe("lsmod", "--state", state).out();
    assertThat(lsmod).contains("\nne0 ").contains("\n8390 ").doesNotContain("ne2k-pci");
  }

  @Test
  void refusedWhereItMeansNothing() {
    Kmod30ConformanceTest.Result removing = modprobe("-r", "-o", "ne0", "eth0");
    assertThat(removing.exit()).isEqualTo(1);
    assertThat(removing.err()).contains("-o NAME is for loading");

    Kmod30ConformanceTest.Result several = modprobe("-n", "-a", "-o", "x", "eth0", "dummy0");
    assertThat(several.exit()).isEqualTo(1);
    assertThat(several.err()).contains("names one module");
    assertThat(several.out()).isEmpty();

    Kmod30ConformanceTest.Result kmod =
        Kmod30ConformanceTest.modprobe("modprobe", "--dialect", "kmod", "-n", "-o", "ne0", "eth0");
    assertThat(kmod.exit()).isEqualTo(1);
    assertThat(kmod.err()).isEqualTo("modprobe: invalid option -- 'o'\n");
  }

  @Test
  void aNameNoKernelCouldHoldIsRefusedBeforeAnythingIsRead() {
    for (String bad : List.of("a;b", "x y", "../ne0", "n".repeat(60), "")) {
      Kmod30ConformanceTest.Result r = modprobe("-n", "-v", "-o", bad, "eth0");
      assertThat(r.exit()).as(bad).isEqualTo(1);
      assertThat(r.out()).as(bad).isEmpty();
      assertThat(r.err()).as(bad).startsWith("modprobe: -o ").contains("not a module name");
    }
  }
}
