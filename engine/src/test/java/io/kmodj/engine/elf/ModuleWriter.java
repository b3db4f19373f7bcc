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
 * kernel: 2.4                    a modutils 2.4 object (below)
 * </pre>
 *
 * <p>Sections: .text, .modinfo, __ksymtab, __ksymtab_strings, __versions, .kstrtab (when there is
 * something to put in them), .symtab, .strtab, .shstrtab.
 *
 * <p>With {@code kernel: 2.4} the object is what a 2.4 kernel build made of a module (ELF32, i386,
 * little endian): {@code .text} holds a {@code call} per needed symbol, relocated by {@code
 * .rel.text} (R_386_PC32), then {@code init_module}, {@code cleanup_module} and one function per
 * export; each {@code modinfo:} string is a {@code __module_KEY} object of {@code .modinfo} (local
 * for {@code kernel_version}, {@code license} and {@code using_checksums}, which 2.4's module.h
 * declares static); each {@code kstrtab: NAME} is an {@code EXPORT_SYMBOL(NAME)}: the string {@code
 * __kstrtab_NAME} in {@code .kstrtab} and the {@code struct module_symbol {value, name}} {@code
 * __ksymtab_NAME} in {@code __ksymtab}, both words relocated by {@code .rel__ksymtab} (R_386_32
 * against {@code NAME} and {@code __kstrtab_NAME}). {@code export}, {@code weak} and {@code
 * version} are not allowed there.
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
  private boolean modutils24;

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
        case "kernel" -> {
          if (!value.equals("2.4")) {
            throw new IllegalArgumentException("unknown kernel style: " + value);
          }
          w.modutils24 = true;
          w.is64 = false;
          w.big = false;
        }
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
    if (modutils24) {
      return write24();
    }
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

  private static final int SHT_PROGBITS = 1;
  private static final int SHT_SYMTAB = 2;
  private static final int SHT_STRTAB = 3;
  private static final int SHT_REL = 9;
  private static final int SHF_WRITE = 1;
  private static final int SHF_ALLOC = 2;
  private static final int SHF_EXECINSTR = 4;
  private static final int R_386_32 = 1;
  private static final int R_386_PC32 = 2;

  /** A 2.4 symbol being laid out. */
  private record Sym24(String name, int info, int section, int value, int size) {}

  private byte[] write24() {
    if (!exports.isEmpty() || !weaks.isEmpty() || !versions.isEmpty()) {
      throw new IllegalArgumentException("export, weak and version are not 2.4 directives");
    }
    // section indexes, in file order
    int text = 1;
    int next = 2;
    int relText = needs.isEmpty() ? -1 : next++;
    int modinfoSec = next++;
    int kstr = kstrtab.isEmpty() ? -1 : next++;
    int ksym = kstrtab.isEmpty() ? -1 : next++;
    int relKsym = kstrtab.isEmpty() ? -1 : next++;
    int symtabSec = next++;
    int strtabSec = next++;
    int shstrtabSec = next++;

    ByteArrayOutputStream code = new ByteArrayOutputStream();
    for (int i = 0; i < needs.size(); i++) {
      code.writeBytes(new byte[] {(byte) 0xe8, (byte) 0xfc, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    }
    int initAt = code.size();
    code.writeBytes(new byte[] {0x31, (byte) 0xc0, (byte) 0xc3}); // xor %eax,%eax; ret
    int cleanupAt = code.size();
    code.write(0xc3);
    int firstExportAt = code.size();
    for (int i = 0; i < kstrtab.size(); i++) {
      code.write(0xc3);
    }
    byte[] modinfoBytes = strings(modinfo);
    byte[] kstrBytes = strings(kstrtab);

    // symbols: locals (sections, static .modinfo strings), then globals
    List<Sym24> locals = new ArrayList<>();
    List<Sym24> globals = new ArrayList<>();
    for (int sec : new int[] {text, modinfoSec, kstr, ksym}) {
      if (sec > 0) {
        locals.add(new Sym24("", 0x03, sec, 0, 0));
      }
    }
    int at = 0;
    for (String m : modinfo) {
      int eq = m.indexOf('=');
      String key = eq < 0 ? m : m.substring(0, eq);
      boolean isStatic =
          key.equals("kernel_version") || key.equals("license") || key.equals("using_checksums");
      Sym24 sym =
          new Sym24("__module_" + key, isStatic ? 0x01 : 0x11, modinfoSec, at, m.length() + 1);
      (isStatic ? locals : globals).add(sym);
      at += m.length() + 1;
    }
    globals.add(new Sym24("init_module", 0x12, text, initAt, cleanupAt - initAt));
    globals.add(new Sym24("cleanup_module", 0x12, text, cleanupAt, 1));
    int[] exportSym = new int[kstrtab.size()];
    int[] kstrSym = new int[kstrtab.size()];
    at = 0;
    for (int i = 0; i < kstrtab.size(); i++) {
      String n = kstrtab.get(i);
      exportSym[i] = globals.size();
      globals.add(new Sym24(n, 0x12, text, firstExportAt + i, 1));
      kstrSym[i] = globals.size();
      globals.add(new Sym24("__kstrtab_" + n, 0x11, kstr, at, n.length() + 1));
      globals.add(new Sym24("__ksymtab_" + n, 0x11, ksym, 8 * i, 8));
      at += n.length() + 1;
    }
    int[] needSym = new int[needs.size()];
    for (int i = 0; i < needs.size(); i++) {
      needSym[i] = globals.size();
      globals.add(new Sym24(needs.get(i), 0x10, 0, 0, 0));
    }
    int firstGlobal = 1 + locals.size();
    ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    strtab.write(0);
    ByteArrayOutputStream symtab = new ByteArrayOutputStream();
    symtab.writeBytes(new byte[16]);
    List<Sym24> all = new ArrayList<>(locals);
    all.addAll(globals);
    for (Sym24 sym : all) {
      int name = sym.name().isEmpty() ? 0 : addString(strtab, sym.name());
      byte[] entry = new byte[16];
      ByteBuffer b = buffer(entry);
      b.putInt(name).putInt(sym.value()).putInt(sym.size()).put((byte) sym.info()).put((byte) 0);
      b.putShort((short) sym.section());
      symtab.writeBytes(entry);
    }
    byte[] relTextData = new byte[8 * needs.size()];
    ByteBuffer relTextBytes = buffer(relTextData);
    for (int i = 0; i < needs.size(); i++) {
      relTextBytes.putInt(5 * i + 1).putInt(((firstGlobal + needSym[i]) << 8) | R_386_PC32);
    }
    byte[] relKsymData = new byte[16 * kstrtab.size()];
    ByteBuffer relKsymBytes = buffer(relKsymData);
    for (int i = 0; i < kstrtab.size(); i++) {
      relKsymBytes.putInt(8 * i).putInt(((firstGlobal + exportSym[i]) << 8) | R_386_32);
      relKsymBytes.putInt(8 * i + 4).putInt(((firstGlobal + kstrSym[i]) << 8) | R_386_32);
    }

    // name, type, flags, data, link, info, align, entsize per section index
    List<Object[]> secs = new ArrayList<>();
    secs.add(new Object[] {"", 0, 0, new byte[0], 0, 0, 0, 0});
    secs.add(
        new Object[] {
          ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, code.toByteArray(), 0, 0, 4, 0
        });
    if (relText > 0) {
      secs.add(new Object[] {".rel.text", SHT_REL, 0, relTextData, symtabSec, text, 4, 8});
    }
    secs.add(new Object[] {".modinfo", SHT_PROGBITS, SHF_ALLOC, modinfoBytes, 0, 0, 1, 0});
    if (kstr > 0) {
      secs.add(new Object[] {".kstrtab", SHT_PROGBITS, SHF_ALLOC, kstrBytes, 0, 0, 1, 0});
      secs.add(
          new Object[] {
            "__ksymtab",
            SHT_PROGBITS,
            SHF_WRITE | SHF_ALLOC,
            new byte[8 * kstrtab.size()],
            0,
            0,
            4,
            0
          });
      secs.add(new Object[] {".rel__ksymtab", SHT_REL, 0, relKsymData, symtabSec, ksym, 4, 8});
    }
    secs.add(
        new Object[] {
          ".symtab", SHT_SYMTAB, 0, symtab.toByteArray(), strtabSec, firstGlobal, 4, 16
        });
    secs.add(new Object[] {".strtab", SHT_STRTAB, 0, strtab.toByteArray(), 0, 0, 1, 0});
    ByteArrayOutputStream shstr = new ByteArrayOutputStream();
    shstr.write(0);
    int[] nameOff = new int[secs.size() + 1];
    for (int i = 1; i < secs.size(); i++) {
      String n = (String) secs.get(i)[0];
      nameOff[i] = addString(shstr, n);
    }
    nameOff[secs.size()] = addString(shstr, ".shstrtab");
    secs.add(new Object[] {".shstrtab", SHT_STRTAB, 0, shstr.toByteArray(), 0, 0, 1, 0});
    if (secs.size() != shstrtabSec + 1
        || (relKsym > 0 && !secs.get(relKsym)[0].equals(".rel__ksymtab"))) {
      throw new IllegalStateException("section indexes out of step");
    }

    long[] offsets = new long[secs.size()];
    long pos = 52;
    for (int i = 1; i < secs.size(); i++) {
      int align = Math.max(1, (Integer) secs.get(i)[6]);
      pos = (pos + align - 1) / align * align;
      offsets[i] = pos;
      pos += ((byte[]) secs.get(i)[3]).length;
    }
    long shoff = (pos + 3) & ~3L;
    byte[] file = new byte[(int) (shoff + 40L * secs.size())];
    ByteBuffer out = buffer(file);
    out.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1});
    out.position(16);
    out.putShort((short) 1).putShort((short) 3).putInt(1); // ET_REL, EM_386, EV_CURRENT
    out.putInt(0).putInt(0).putInt((int) shoff).putInt(0);
    out.putShort((short) 52).putShort((short) 0).putShort((short) 0);
    out.putShort((short) 40).putShort((short) secs.size()).putShort((short) shstrtabSec);
    for (int i = 1; i < secs.size(); i++) {
      out.position((int) offsets[i]);
      out.put((byte[]) secs.get(i)[3]);
    }
    out.position((int) shoff);
    for (int i = 0; i < secs.size(); i++) {
      Object[] sec = secs.get(i);
      out.putInt(nameOff[i]).putInt((Integer) sec[1]).putInt((Integer) sec[2]).putInt(0);
      out.putInt((int) offsets[i]).putInt(((byte[]) sec[3]).length);
      out.putInt((Integer) sec[4]).putInt((Integer) sec[5]).putInt((Integer) sec[6]);
      out.putInt((Integer) sec[7]);
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
