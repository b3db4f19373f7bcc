package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modutils sample system (samples/modutils: etc/modules.conf over a 2.4.27 tree whose
 * modules.dep paths are inside the sample root) answers {@code modprobe -n -v} sensibly for the
 * names a 2.4 kernel asks for.
 */
class ModutilsSampleTest {
  static final Path SAMPLE = Path.of("..", "samples", "modutils").toAbsolutePath().normalize();

  private static Kmod30ConformanceTest.Result modprobe(String... names) {
    String[] args = new String[8 + names.length];
    String[] head = {
      "modprobe",
      "-d",
      SAMPLE.toString(),
      "-S",
      "2.4.27",
      "-C",
      SAMPLE.resolve("etc/modules.conf").toString(),
      "-n"
    };
    System.arraycopy(head, 0, args, 0, head.length);
    System.arraycopy(names, 0, args, head.length, names.length);
    return Kmod30ConformanceTest.modprobe(args);
  }

  private static String insmod(String path) {
    return "/sbin/insmod " + SAMPLE + "/lib/modules/2.4.27/kernel/" + path;
  }

  @Test
  void eth0LoadsTheNe2000WithItsLibraryAndOptions() {
    // the file name modules.conf chooses the modutils dialect without --dialect
    Kmod30ConformanceTest.Result r = modprobe("-v", "eth0");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            insmod("drivers/net/8390.o\n") + insmod("drivers/net/ne2k-pci.o full_duplex=1\n"));
  }

  @Test
  void charMajor14IsTheSoundCore() {
    assertThat(modprobe("-v", "char-major-14").out())
        .isEqualTo(insmod("drivers/sound/soundcore.o\n"));
  }

  @Test
  void soundSlot0BuildsTheSoundBlasterStackWithItsHooks() {
    Kmod30ConformanceTest.Result r = modprobe("-v", "sound-slot-0");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("# pre-install sb:\n/bin/echo \"kmodj sample: setting up the SoundBlaster\"\n")
        .contains(insmod("drivers/sound/sb.o io=0x220 irq=5 dma=1 dma16=5 mpu_io=0x330\n"))
        .endsWith("# post-install sb:\n/bin/echo \"kmodj sample: SoundBlaster ready\"\n");
    // below sb sound uart401: both before sb
    assertThat(r.out().indexOf("uart401.o")).isLessThan(r.out().indexOf("sb.o io="));
  }

  @Test
  void usbInterfaceProbesEveryHostController() {
    Kmod30ConformanceTest.Result r = modprobe("-v", "usb-interface");
    assertThat(r.exit()).isZero();
    // probeall: both controllers; above usbcore hid, and the built-in above hid keybdev mousedev
    assertThat(r.out())
        .contains(insmod("drivers/usb/usb-uhci.o\n"))
        .contains(insmod("drivers/usb/usb-ohci.o\n"))
        .contains(insmod("drivers/usb/hid.o\n"))
        .contains(insmod("drivers/input/keybdev.o\n"));
  }

  @Test
  void blockMajor8IsScsiDisk() {
    assertThat(modprobe("-v", "block-major-8").out())
        .isEqualTo(insmod("drivers/scsi/scsi_mod.o\n") + insmod("drivers/scsi/sd_mod.o\n"));
  }

  @Test
  void showDependsPrintsKmodsFormatForThisDialectToo() {
    assertThat(modprobe("--show-depends", "block-major-8").out())
        .isEqualTo(
            "insmod "
                + SAMPLE
                + "/lib/modules/2.4.27/kernel/drivers/scsi/scsi_mod.o \n"
                + "insmod "
                + SAMPLE
                + "/lib/modules/2.4.27/kernel/drivers/scsi/sd_mod.o \n");
  }

  @Test
  void bootOnAModulesConfChoosesTheModutilsDialectAndKeepsItsPathWhole(@TempDir Path tmp)
      throws IOException {
    // a relative -C, as a user types it: the state directory outlives the working directory
    Path relative = Path.of("").toAbsolutePath().relativize(SAMPLE.resolve("etc/modules.conf"));
    String state = tmp.resolve("state").toString();
    Kmod30ConformanceTest.Result boot =
        Kmod30ConformanceTest.modprobe(
            "boot",
            "--state",
            state,
            "-d",
            SAMPLE.toString(),
            "-S",
            "2.4.27",
            "-C",
            relative.toString());
    assertThat(boot.exit()).isZero();
    JsonNode system = new ObjectMapper().readTree(tmp.resolve("state/kernel.json").toFile());
    assertThat(system.at("/system/dialect").asText()).isEqualTo("modutils");
    assertThat(system.at("/system/config/0").asText())
        .isEqualTo(SAMPLE.resolve("etc/modules.conf").toString());
    // and modprobe on that kernel reads it as modules.conf: no "ignoring bad line" for below
    Kmod30ConformanceTest.Result load =
        Kmod30ConformanceTest.modprobe("modprobe", "--state", state, "sound-slot-0");
    assertThat(load.exit()).isZero();
    assertThat(load.err()).doesNotContain("ignoring bad line");
  }
}
