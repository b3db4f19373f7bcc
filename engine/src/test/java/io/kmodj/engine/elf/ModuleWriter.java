package io.kmodj.engine.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ELF relocatable objects that kmod reads as kernel modules, from a readable description,
 * one directive a line ({@code #} starts a comment):
 *
 * <pre>
 * class: 64 | 32                 (default 64)
 * endian: little | big           (default little)
 * modinfo: KEY=VALUE             a .modinfo string, in order
 * export: NAME [crc=0xHEX]       an exported symbol (__ksymtab_strings, __ksymtab, .symtab;
 *                                with crc, a __crc_NAME absolute symbol too)
 * need: NAME                     an undefined symbol
 * weak: NAME                     a weak undefined symbol
 * version: NAME 0xHEX            a __versions entry
 * kstrtab: NAME                  a 2.4-style export (.kstrtab string)
 * </pre>
 *
 * <p>Sections: .text, .modinfo, __ksymtab, __ksymtab_strings, __versions, .kstrtab (when there is
 * something to put in them), .symtab, .strtab, .shstrtab.
 */
public final class ModuleWriter {
  private boolean is64 = true;
  private boolean big;
  private final List<String> modinfo = new ArrayList<>();
  private final List<String[]> exports = new ArrayList<>();
  private final List<String> needs = new ArrayList<>();
  private final List<String> weaks = new ArrayList<>();
  private final List<String[]> versions = new ArrayList<>();
  private final List<String> kstrtab = new ArrayList<>();

  private ModuleWriter() {}

  /**
   * Reads a description.
   *
   * @param text the description
   * @return the writer
   */
  public static ModuleWriter describe(String text) {
    ModuleWriter w = new ModuleWriter();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("no ':' in description line: " + line);
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      String[] words = value.split("\\s+", -1);
      switch (key) {
        case "class" -> w.is64 = value.equals("64");
        case "endian" -> w.big = value.equals("big");
        case "modinfo" -> w.modinfo.add(value);
        case "export" ->
            w.exports.add(
                new String[] {
                  words[0], words.length > 1 ? words[1].substring("crc=".length()) : null
                });
        case "need" -> w.needs.add(value);
        case "weak" -> w.weaks.add(value);
        case "version" -> w.versions.add(words);
        case "kstrtab" -> w.kstrtab.add(value);
        default -> throw new IllegalArgumentException("unknown directive: " + key);
      }
    }
    return w;
  }

  /** A section being laid out. */
  private static final class Sec {
    final String name;
    final int type;
    final byte[] data;
    int link;
    int info;
    int entsize;
    long offset;
    int nameOff;

    Sec(String name, int type, byte[] data) {
      this.name = name;
      this.type = type;
      this.data = data;
    }
  }

  /**
   * Writes the object.
   *
   * @return the bytes of the ELF file
   */
  public byte[] write() {
    List<Sec> secs = new ArrayList<>();
    secs.add(new Sec("", 0, new byte[0]));
    Sec text = new Sec(".text", 1, new byte[] {(byte) 0xc3, 0, 0, 0, 0, 0, 0, 0});
    secs.add(text);
    if (!modinfo.isEmpty()) {
      secs.add(new Sec(".modinfo", 1, strings(modinfo)));
    }
    if (!exports.isEmpty()) {
      secs.add(new Sec("__ksymtab", 1, new byte[exports.size() * (is64 ? 16 : 8)]));
      List<String> names = new ArrayList<>();
      exports.forEach(e -> names.add(e[0]));
      secs.add(new Sec("__ksymtab_strings", 1, strings(names)));
    }
    if (!versions.isEmpty()) {
      byte[] vBytes = new byte[versions.size() * 64];
      ByteBuffer v = buffer(vBytes);
      for (String[] e : versions) {
        int at = v.position();
        long crc = Long.parseUnsignedLong(e[1].replaceFirst("^0x", ""), 16);
        if (is64) {
          v.putLong(crc);
        } else {
          v.putInt((int) crc);
        }
        v.put(e[0].getBytes(StandardCharsets.ISO_8859_1));
        v.position(at + 64);
      }
      secs.add(new Sec("__versions", 1, vBytes));
    }
    if (!kstrtab.isEmpty()) {
      secs.add(new Sec(".kstrtab", 1, strings(kstrtab)));
    }
    // symbol table: null, then globals (exports, crcs), then undefined needs
    ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    strtab.write(0);
    int symlen = is64 ? 24 : 16;
    List<byte[]> syms = new ArrayList<>();
    syms.add(new byte[symlen]);
    int textIndex = 1;
    for (String[] e : exports) {
      syms.add(symbol(addString(strtab, e[0]), 0x12, textIndex, 0));
      if (e[1] != null) {
        long crc = Long.parseUnsignedLong(e[1].replaceFirst("^0x", ""), 16);
        syms.add(symbol(addString(strtab, "__crc_" + e[0]), 0x10, 0xfff1, crc));
      }
    }
    for (String n : needs) {
      syms.add(symbol(addString(strtab, n), 0x10, 0, 0));
    }
    for (String n : weaks) {
      syms.add(symbol(addString(strtab, n), 0x20, 0, 0));
    }
    ByteArrayOutputStream symtab = new ByteArrayOutputStream();
    syms.forEach(symtab::writeBytes);
    Sec symSec = new Sec(".symtab", 2, symtab.toByteArray());
    symSec.entsize = symlen;
    symSec.info = 1;
    secs.add(symSec);
    Sec strSec = new Sec(".strtab", 3, strtab.toByteArray());
    secs.add(strSec);
    symSec.link = secs.size() - 1;
    ByteArrayOutputStream shstr = new ByteArrayOutputStream();
    shstr.write(0);
    Sec shstrSec = new Sec(".shstrtab", 3, null);
    secs.add(shstrSec);
    for (Sec s : secs) {
      s.nameOff = s.name.isEmpty() ? 0 : addString(shstr, s.name);
    }
    byte[] shstrData = shstr.toByteArray();

    // layout: header, section contents (8-aligned), section headers
    int ehsize = is64 ? 64 : 52;
    long at = ehsize;
    for (Sec s : secs) {
      byte[] d = s == shstrSec ? shstrData : s.data;
      at = (at + 7) & ~7L;
      s.offset = s.type == 0 ? 0 : at;
      at += d.length;
    }
    long shoff = (at + 7) & ~7L;
    int shentsize = is64 ? 64 : 40;
    byte[] file = new byte[(int) (shoff + (long) shentsize * secs.size())];
    ByteBuffer out = buffer(file);
    out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (big ? 2 : 1), 1});
    out.position(16);
    out.putShort((short) 1); // ET_REL
    out.putShort((short) (is64 ? (big ? 21 : 62) : (big ? 20 : 3)));
    out.putInt(1);
    if (is64) {
      out.putLong(0).putLong(0).putLong(shoff);
    } else {
      out.putInt(0).putInt(0).putInt((int) shoff);
    }
    out.putInt(0);
    out.putShort((short) ehsize).putShort((short) 0).putShort((short) 0);
    out.putShort((short) shentsize).putShort((short) secs.size());
    out.putShort((short) (secs.size() - 1));
    for (Sec s : secs) {
      byte[] d = s == shstrSec ? shstrData : s.data;
      if (s.type != 0) {
        out.position((int) s.offset);
        out.put(d);
      }
    }
    out.position((int) shoff);
    for (Sec s : secs) {
      byte[] d = s == shstrSec ? shstrData : s.data;
      long flags = s.type == 1 ? 2 : 0; // SHF_ALLOC
      if (is64) {
        out.putInt(s.nameOff).putInt(s.type).putLong(flags).putLong(0).putLong(s.offset);
        out.putLong(d.length).putInt(s.link).putInt(s.info).putLong(s.type == 0 ? 0 : 8);
        out.putLong(s.entsize);
      } else {
        out.putInt(s.nameOff).putInt(s.type).putInt((int) flags).putInt(0).putInt((int) s.offset);
        out.putInt(d.length).putInt(s.link).putInt(s.info).putInt(s.type == 0 ? 0 : 4);
        out.putInt(s.entsize);
      }
    }
    return file;
  }

  private byte[] symbol(int name, int info, int shndx, long value) {
    byte[] sym = new byte[is64 ? 24 : 16];
    ByteBuffer b = buffer(sym);
    if (is64) {
      b.putInt(name).put((byte) info).put((byte) 0).putShort((short) shndx).putLong(value);
      b.putLong(0);
    } else {
      b.putInt(name).putInt((int) value).putInt(0).put((byte) info).put((byte) 0);
      b.putShort((short) shndx);
    }
    return sym;
  }

  private ByteBuffer buffer(byte[] array) {
    return ByteBuffer.wrap(array).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
  }

  private static int addString(ByteArrayOutputStream table, String s) {
    int at = table.size();
    table.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    table.write(0);
    return at;
  }

  private static byte[] strings(List<String> list) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    list.forEach(s -> addString(b, s));
    return b.toByteArray();
  }
}
