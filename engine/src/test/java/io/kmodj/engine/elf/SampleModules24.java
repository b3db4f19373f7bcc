package io.kmodj.engine.elf;

import io.kmodj.engine.depmod.Diagnostics;
import io.kmodj.engine.depmod.LegacyDepmod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the modutils sample system's objects (samples/modutils/lib/modules/2.4.27/kernel/**.o)
 * with {@link ModuleWriter}'s {@code kernel: 2.4} style from the table below, then its modules.dep
 * with kmodj's 2.4 depmod ({@link LegacyDepmod}) over them. Each module needs the first two symbols
 * each module it uses exports. Run {@link #main} to regenerate in place; {@code
 * SampleModules24Test} fails when a checked-in file differs.
 */
public final class SampleModules24 {
  /** The modutils sample's kernel release. */
  public static final String RELEASE = "2.4.27";

  /**
   * One object: its path below kernel/, license, author and description (empty for none),
   * parameters ({@code NAME:TYPE:DESCRIPTION}, 2.4's MODULE_PARM types), exports and the modules
   * (by path below kernel/) it uses.
   */
  record Module(
      String path,
      String license,
      String author,
      String description,
      List<String> parms,
      List<String> exports,
      List<String> uses) {}

  private static Module m(
      String path,
      String license,
      String author,
      String description,
      List<String> parms,
      List<String> exports,
      String... uses) {
    return new Module(path, license, author, description, parms, exports, List.of(uses));
  }

  private static final String NET = "drivers/net/";
  private static final String SND = "drivers/sound/";
  private static final String SCSI = "drivers/scsi/";
  private static final String USB = "drivers/usb/";
  private static final String IN = "drivers/input/";
  private static final String CHR = "drivers/char/";

  /** The description table. */
  static final List<Module> TABLE =
      List.of(
          m("drivers/block/floppy.o", "GPL", "Alain L. Knaff", "", List.of("floppy:s:"), List.of()),
          m(
              "drivers/block/loop.o",
              "GPL",
              "",
              "",
              List.of("max_loop:i:Maximum number of loop devices (1-256)"),
              List.of("loop_register_transfer", "loop_unregister_transfer")),
          m(
              CHR + "lp.o",
              "GPL",
              "",
              "",
              List.of("parport:1-8s:", "reset:i:"),
              List.of(),
              CHR + "parport.o"),
          m(
              CHR + "parport.o",
              "GPL",
              "",
              "",
              List.of(),
              List.of("parport_register_driver", "parport_register_device", "parport_claim")),
          m(
              CHR + "parport_pc.o",
              "GPL",
              "",
              "",
              List.of(
                  "io:1-8i:Base I/O address (SPP regs)",
                  "irq:1-8s:IRQ line",
                  "dma:1-8s:DMA channel"),
              List.of("parport_pc_probe_port"),
              CHR + "parport.o"),
          m(
              IN + "input.o",
              "GPL",
              "Vojtech Pavlik <vojtech@suse.cz>",
              "Input layer module",
              List.of(),
              List.of("input_register_device", "input_register_handler", "input_event")),
          m(IN + "keybdev.o", "GPL", "", "", List.of(), List.of(), IN + "input.o"),
          m(
              IN + "mousedev.o",
              "GPL",
              "Vojtech Pavlik <vojtech@suse.cz>",
              "Input driver to PS/2 or ImPS/2 device driver",
              List.of("xres:i:Horizontal screen resolution", "yres:i:Vertical screen resolution"),
              List.of(),
              IN + "input.o"),
          m(
              NET + "8390.o",
              "GPL",
              "",
              "",
              List.of(),
              List.of("ei_open", "ei_close", "ei_interrupt", "ethdev_init", "NS8390_init")),
          m(
              NET + "eepro100.o",
              "GPL",
              "Maintainer: Andrey V. Savochkin <saw@saw.sw.com.sg>",
              "Intel i82557/i82558/i82559 PCI EtherExpressPro driver",
              List.of(
                  "debug:i:debug level (0-6)",
                  "options:1-8i:Bits 0-3: tranceiver type, bit 4: full duplex, bit 5: 100Mbps",
                  "full_duplex:1-8i:full duplex setting(s) (1)",
                  "congenb:i:Enable congestion control (1)",
                  "rx_copybreak:i:copy breakpoint for copy-only-tiny-frames",
                  "max_interrupt_work:i:maximum events handled per interrupt"),
              List.of(),
              NET + "mii.o"),
          m(
              NET + "mii.o",
              "GPL",
              "Jeff Garzik <jgarzik@pobox.com>",
              "MII hardware support library",
              List.of(),
              List.of("mii_link_ok", "mii_nway_restart", "mii_ethtool_gset")),
          m(
              NET + "ne2k-pci.o",
              "GPL",
              "Donald Becker / Paul Gortmaker",
              "PCI NE2000 clone driver",
              List.of(
                  "debug:i:debug level (1-2)",
                  "options:1-8i:Bit 5: full duplex",
                  "full_duplex:1-8i:full duplex setting(s) (1)"),
              List.of(),
              NET + "8390.o"),
          m(
              NET + "ppp_async.o",
              "GPL",
              "",
              "",
              List.of("flag_time:i:"),
              List.of(),
              NET + "ppp_generic.o"),
          m(
              NET + "ppp_generic.o",
              "GPL",
              "",
              "",
              List.of(),
              List.of("ppp_register_channel", "ppp_unregister_channel", "ppp_input"),
              NET + "slhc.o"),
          m(
              NET + "slhc.o",
              "Dual BSD/GPL",
              "",
              "",
              List.of(),
              List.of("slhc_init", "slhc_free", "slhc_compress", "slhc_uncompress")),
          m(
              NET + "slip.o",
              "GPL",
              "",
              "",
              List.of("slip_maxdev:i:Maximum number of slip devices"),
              List.of(),
              NET + "slhc.o"),
          m(
              SCSI + "aic7xxx.o",
              "Dual BSD/GPL",
              "Maintainer: Justin T. Gibbs <gibbs@scsiguy.com>",
              "Adaptec Aic77XX/78XX SCSI Host Bus Adapter driver",
              List.of("aic7xxx:s:period delimited, options string."),
              List.of(),
              SCSI + "scsi_mod.o"),
          m(
              SCSI + "scsi_mod.o",
              "GPL",
              "",
              "",
              List.of("scsi_logging_level:i:SCSI logging level; should be zero or nonzero"),
              List.of("scsi_register_module", "scsi_unregister_module", "scsi_register")),
          m(SCSI + "sd_mod.o", "GPL", "", "", List.of(), List.of(), SCSI + "scsi_mod.o"),
          m(
              SCSI + "sg.o",
              "GPL",
              "Douglas Gilbert",
              "SCSI generic (sg) driver",
              List.of("def_reserved_size:i:size of buffer reserved for each fd"),
              List.of(),
              SCSI + "scsi_mod.o"),
          m(
              SCSI + "sr_mod.o",
              "GPL",
              "",
              "",
              List.of("xa_test:i:"),
              List.of(),
              SCSI + "scsi_mod.o"),
          m(
              SND + "sb.o",
              "GPL",
              "",
              "",
              List.of(
                  "io:i:Soundblaster i/o base address (0x220,0x240,0x260,0x280)",
                  "irq:i:IRQ (5,7,9,10)",
                  "dma:i:8-bit DMA channel (0,1,3)",
                  "dma16:i:16-bit DMA channel (5,6,7)",
                  "mpu_io:i:Mpu base address",
                  "type:i:You can set this to specific card type"),
              List.of(),
              SND + "sb_lib.o"),
          m(
              SND + "sb_lib.o",
              "GPL",
              "",
              "",
              List.of(),
              List.of("sb_dsp_init", "sb_dsp_detect", "sb_dsp_unload", "probe_sbmpu"),
              SND + "sound.o",
              SND + "uart401.o"),
          m(
              SND + "sound.o",
              "GPL",
              "",
              "OSS Sound subsystem",
              List.of("dmabuf:i:", "dmabug:i:"),
              List.of("sound_install_audiodrv", "sound_alloc_dma", "sound_open_dma"),
              SND + "soundcore.o"),
          m(
              SND + "soundcore.o",
              "GPL",
              "Alan Cox",
              "Core sound module",
              List.of(),
              List.of("register_sound_special", "register_sound_mixer", "register_sound_dsp")),
          m(
              SND + "uart401.o",
              "GPL",
              "",
              "",
              List.of("io:i:", "irq:i:"),
              List.of("probe_uart401", "attach_uart401", "unload_uart401"),
              SND + "sound.o"),
          m(
              USB + "hid.o",
              "GPL",
              "",
              "USB HID support drivers",
              List.of(),
              List.of(),
              USB + "usbcore.o"),
          m(USB + "usb-ohci.o", "GPL", "", "", List.of(), List.of(), USB + "usbcore.o"),
          m(USB + "usb-uhci.o", "GPL", "", "", List.of(), List.of(), USB + "usbcore.o"),
          m(
              USB + "usbcore.o",
              "GPL",
              "",
              "",
              List.of(),
              List.of("usb_register", "usb_deregister", "usb_submit_urb", "usb_control_msg")),
          m(
              "fs/fat/fat.o",
              "GPL",
              "",
              "",
              List.of(),
              List.of("fat_read_super", "fat_put_super", "fat_statfs")),
          m("fs/isofs/isofs.o", "GPL", "", "", List.of(), List.of()),
          m("fs/msdos/msdos.o", "GPL", "", "", List.of(), List.of(), "fs/fat/fat.o"),
          m("fs/vfat/vfat.o", "GPL", "", "", List.of(), List.of(), "fs/fat/fat.o"),
          m("net/ipv4/ipip.o", "GPL", "", "", List.of(), List.of()),
          m("net/packet/af_packet.o", "GPL", "", "", List.of(), List.of()));

  private SampleModules24() {}

  /**
   * The objects, as this generator writes them.
   *
   * @return each object's path relative to the release directory, and its bytes
   */
  public static Map<String, byte[]> objects() {
    Map<String, Module> byPath = new LinkedHashMap<>();
    TABLE.forEach(t -> byPath.put(t.path(), t));
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Module t : TABLE) {
      StringBuilder d = new StringBuilder("kernel: 2.4\n");
      d.append("modinfo: kernel_version=").append(RELEASE).append('\n');
      for (String p : t.parms()) {
        String[] f = p.split(":", 3);
        d.append("modinfo: parm_").append(f[0]).append('=').append(f[1]).append('\n');
        if (!f[2].isEmpty()) {
          d.append("modinfo: parm_desc_").append(f[0]).append('=').append(f[2]).append('\n');
        }
      }
      if (!t.author().isEmpty()) {
        d.append("modinfo: author=").append(t.author()).append('\n');
      }
      if (!t.description().isEmpty()) {
        d.append("modinfo: description=").append(t.description()).append('\n');
      }
      d.append("modinfo: license=").append(t.license()).append('\n');
      for (String e : t.exports()) {
        d.append("kstrtab: ").append(e).append('\n');
      }
      for (String u : t.uses()) {
        List<String> theirs = byPath.get(u).exports();
        for (String s : theirs.subList(0, Math.min(2, theirs.size()))) {
          d.append("need: ").append(s).append('\n');
        }
      }
      out.put("kernel/" + t.path(), ModuleWriter.describe(d.toString()).write());
    }
    return out;
  }

  /**
   * The modules.dep kmodj's 2.4 depmod writes for a sample root.
   *
   * @param root the sample's root
   * @return the text
   */
  public static String modulesDep(Path root) {
    String base = root.toAbsolutePath().normalize().toString();
    return new LegacyDepmod(base, Path.of(base, "lib/modules", RELEASE), new Diagnostics())
        .render();
  }

  /**
   * Regenerates the objects and modules.dep in place.
   *
   * @param args the sample's root (default samples/modutils)
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "samples/modutils");
    Path dir = root.resolve("lib/modules").resolve(RELEASE);
    for (Map.Entry<String, byte[]> e : objects().entrySet()) {
      write(dir.resolve(e.getKey()), e.getValue());
    }
    write(dir.resolve("modules.dep"), modulesDep(root).getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The direct dependencies a modules.dep text gives, by path.
   *
   * @param dep the text
   * @return each entry's dependencies
   */
  static Map<String, List<String>> entries(String dep) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String record : dep.replace(" \\\n", " ").split("\n\n", -1)) {
      if (record.isBlank()) {
        continue;
      }
      int colon = record.indexOf(':');
      List<String> deps = new ArrayList<>();
      for (String w : record.substring(colon + 1).strip().split("\\s+", -1)) {
        if (!w.isEmpty()) {
          deps.add(w);
        }
      }
      out.put(record.substring(0, colon), deps);
    }
    return out;
  }
}
