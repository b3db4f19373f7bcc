package io.kmodj.engine.elf;

/** Module descriptions shared by the tests (see {@link ModuleWriter} for the format). */
public final class Samples {
  private Samples() {}

  /** A module with parameters, aliases, a softdep, exports, needs and versions. */
  public static final String FULL =
      """
      modinfo: license=GPL
      modinfo: description=A sample module
      modinfo: author=kmodj tests <tests@kmodj.io>
      modinfo: parm=speed:link speed in Mbit/s
      modinfo: parmtype=speed:int
      modinfo: parmtype=debug:bool
      modinfo: parm=quiet:no messages
      modinfo: alias=pci:v00008086d0000100Esv*sd*bc*sc*i*
      modinfo: alias=devname:sample
      modinfo: alias=char-major-10-250
      modinfo: softdep=pre: crc32
      modinfo: firmware=sample/fw.bin
      modinfo: a_very_long_key_name=padding flips sign
      modinfo: novalue
      modinfo: depends=
      modinfo: retpoline=Y
      modinfo: intree=Y
      modinfo: name=sample
      modinfo: vermagic=1.0.0 SMP mod_unload
      export: sample_start
      export: sample_stop
      need: printk
      weak: maybe_there
      version: module_layout 0x1234abcd
      version: printk 0xdeadbeef
      """;

  /**
   * Returns {@link #FULL} with another class and byte order.
   *
   * @param bits 32 or 64
   * @param endian "little" or "big"
   * @return the description
   */
  public static String full(int bits, String endian) {
    return "class: " + bits + "\nendian: " + endian + "\n" + FULL;
  }
}
