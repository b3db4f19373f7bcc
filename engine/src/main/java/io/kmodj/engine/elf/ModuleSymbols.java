package io.kmodj.engine.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The symbols of a module as kmod 30 reads them: exported ones ({@code kmod_elf_get_symbols}:
 * {@code __crc_*} entries of the symbol table, else {@code __ksymtab_strings}) and needed ones
 * ({@code kmod_elf_get_dependency_symbols}: undefined symbols with their {@code __versions} CRC,
 * then the unmatched {@code __versions} entries such as {@code module_layout}).
 */
public final class ModuleSymbols {
  private static final String CRC_PREFIX = "__crc_";
  private static final int EM_SPARC = 2;
  private static final int EM_SPARCV9 = 43;
  private static final int STT_REGISTER = 13;
  // struct modversion: a 32- or 64-bit CRC and the rest of 64 bytes for the name
  private static final int MODVERSION_SIZE = 64;

  private final Path file;
  private final ElfImage elf;
  private final int symlen;
  // the symbol and string tables, copied from the image on first use (both readers walk them)
  private ByteBuffer symtabBytes;
  private byte[] strtabBytes;

  /**
   * Reads symbols from an image.
   *
   * @param file the file, named in errors
   * @param elf the image
   */
  public ModuleSymbols(Path file, ElfImage elf) {
    this.file = file;
    this.elf = elf;
    this.symlen = elf.is64() ? 24 : 16;
  }

  /**
   * Returns the exported symbols in kmod's order.
   *
   * @return the symbols, or ENOENT when the module exports nothing kmod can see
   */
  public Outcome<List<Symbol>> exported() {
    ElfImage.Section strtab = elf.section(".strtab");
    ElfImage.Section symtab = elf.section(".symtab");
    if (strtab != null && symtab != null && symtab.size() % symlen == 0) {
      List<Symbol> out = new ArrayList<>();
      boolean valid = true;
      ByteBuffer sym = symtab(symtab);
      byte[] str = strtab(strtab);
      int count = (int) (symtab.size() / symlen);
      for (int i = 1; i < count; i++) {
        int at = i * symlen;
        long nameOff = sym.getInt(at) & 0xffffffffL;
        if (nameOff >= strtab.size()) {
          valid = false;
          break;
        }
        if (!startsWith(strtab, str, (int) nameOff, CRC_PREFIX)) {
          continue;
        }
        String name = string(strtab, str, (int) nameOff + CRC_PREFIX.length());
        long value = elf.is64() ? sym.getLong(at + 8) : sym.getInt(at + 4) & 0xffffffffL;
        int info = sym.get(at + (elf.is64() ? 4 : 12)) & 0xff;
        int shndx = sym.getShort(at + (elf.is64() ? 6 : 14)) & 0xffff;
        out.add(new Symbol(name, resolveCrc(value, shndx), bindOf(info >> 4)));
      }
      if (valid && !out.isEmpty()) {
        return Outcome.ok(List.copyOf(out));
      }
    }
    return fromKsymtabStrings();
  }

  private Outcome<List<Symbol>> fromKsymtabStrings() {
    ElfImage.Section s = elf.section("__ksymtab_strings");
    if (s == null) {
      return Outcome.failed(new ModuleError(file, Errno.ENOENT, "no __ksymtab_strings section"));
    }
    List<Symbol> out = new ArrayList<>();
    for (String name : elf.strings(s)) {
      out.add(new Symbol(name, 0, Symbol.Bind.GLOBAL));
    }
    return Outcome.ok(List.copyOf(out));
  }

  private long resolveCrc(long crc, int shndx) {
    if (shndx == ElfImage.SHN_ABS || shndx == ElfImage.SHN_UNDEF) {
      return crc;
    }
    ElfImage.Section s = elf.section(shndx);
    if (s == null) {
      return -1;
    }
    // kmod compares with size - 4 in unsigned arithmetic, then reads out of bounds as -1
    if (Long.compareUnsigned(crc, s.size() - 4) > 0) {
      return -1;
    }
    long v = elf.uint(s.offset() + crc, 4);
    return v;
  }

  private static Symbol.Bind bindOf(int bind) {
    return switch (bind) {
      case 0 -> Symbol.Bind.LOCAL;
      case 1 -> Symbol.Bind.GLOBAL;
      case 2 -> Symbol.Bind.WEAK;
      default -> Symbol.Bind.NONE;
    };
  }

  /**
   * Returns the symbols the module needs, in kmod's order.
   *
   * @return the symbols, or EINVAL when there is no usable symbol table
   */
  public Outcome<List<Symbol>> needed() {
    ElfImage.Section versions = elf.section("__versions");
    if (versions != null && versions.size() % MODVERSION_SIZE != 0) {
      versions = null;
    }
    ElfImage.Section strtab = elf.section(".strtab");
    ElfImage.Section symtab = elf.section(".symtab");
    if (strtab == null || symtab == null || symtab.size() % symlen != 0) {
      return Outcome.failed(new ModuleError(file, Errno.EINVAL, "no usable symbol table"));
    }
    int crcLen = elf.is64() ? 8 : 4;
    int vercount = versions == null ? 0 : (int) (versions.size() / MODVERSION_SIZE);
    boolean[] visited = new boolean[vercount];
    // kmod compares each needed name with the entries in turn and takes the first that matches:
    // the first entry of each name (the string at the entry, as far as its NUL)
    String[] verNames = new String[vercount];
    Map<String, Integer> firstVersion = new HashMap<>(vercount * 2);
    byte[] ver = versions == null ? new byte[0] : elf.bytes(versions);
    for (int v = 0; v < vercount; v++) {
      verNames[v] = string(versions, ver, v * MODVERSION_SIZE + crcLen);
      firstVersion.putIfAbsent(verNames[v], v);
    }
    boolean sparc = elf.machine() == EM_SPARC || elf.machine() == EM_SPARCV9;
    List<Symbol> out = new ArrayList<>();
    ByteBuffer sym = symtab(symtab);
    byte[] str = strtab(strtab);
    int count = (int) (symtab.size() / symlen);
    for (int i = 1; i < count; i++) {
      int at = i * symlen;
      int shndx = sym.getShort(at + (elf.is64() ? 6 : 14)) & 0xffff;
      if (shndx != ElfImage.SHN_UNDEF) {
        continue;
      }
      int info = sym.get(at + (elf.is64() ? 4 : 12)) & 0xff;
      if (sparc && (info & 0xf) == STT_REGISTER) {
        continue;
      }
      long nameOff = sym.getInt(at) & 0xffffffffL;
      if (nameOff >= strtab.size()) {
        return Outcome.failed(
            new ModuleError(file, Errno.EINVAL, "symbol name past the end of .strtab"));
      }
      String name = string(strtab, str, (int) nameOff);
      if (name.isEmpty()) {
        continue;
      }
      long crc = 0;
      Integer v = firstVersion.get(name);
      if (v != null) {
        crc = elf.uint(versions.offset() + (long) v * MODVERSION_SIZE, crcLen);
        visited[v] = true;
      }
      Symbol.Bind bind = (info >> 4) == 2 ? Symbol.Bind.WEAK : Symbol.Bind.UNDEF;
      out.add(new Symbol(name, crc, bind));
    }
    for (int v = 0; v < vercount; v++) {
      if (!visited[v]) {
        long entry = versions.offset() + (long) v * MODVERSION_SIZE;
        out.add(new Symbol(verNames[v], elf.uint(entry, crcLen), Symbol.Bind.UNDEF));
      }
    }
    return Outcome.ok(List.copyOf(out));
  }

  /**
   * What modutils 2.4's depmod ({@code loadobj}) reads from an object.
   *
   * @param exported the names it defines for others: the global symbols of {@code __ksymtab}
   *     without their {@code __ksymtab_} prefix (EXPORT_SYMBOL); without that section, every global
   *     defined symbol of a module with {@code .modinfo} (2.2 rule), or every defined symbol of an
   *     older one
   * @param needed the names it needs: undefined, not weak, and the last relocation naming them has
   *     a type; in the order modutils' 521-bucket symbol hash yields them (bucket by bucket, the
   *     later symbol of a bucket first), which is the order of its dependencies
   */
  public record Modutils24(List<String> exported, List<String> needed) {}

  private static final int HASH_BUCKETS = 521;
  private static final int SHT_RELA = 4;
  private static final int SHT_REL = 9;
  private static final int SHN_LORESERVE = 0xff00;
  private static final String KSYMTAB_PREFIX = "__ksymtab_";

  /**
   * Reads the symbols as modutils 2.4's depmod does.
   *
   * @return the exported and needed names, empty when there is no usable symbol table
   */
  public Modutils24 modutils24() {
    ElfImage.Section symtab = elf.section(".symtab");
    ElfImage.Section strtab = elf.section(".strtab");
    if (symtab == null || strtab == null || symtab.size() % symlen != 0) {
      return new Modutils24(List.of(), List.of());
    }
    int count = (int) Math.min(symtab.size() / symlen, Integer.MAX_VALUE);
    int[] relType = new int[count];
    boolean[] relocated = new boolean[count];
    for (ElfImage.Section s : elf.sections()) {
      int type = elf.type(s);
      if ((type != SHT_REL && type != SHT_RELA) || elf.link(s) != symtab.index()) {
        continue;
      }
      int entsize = (elf.is64() ? 16 : 8) + (type == SHT_RELA ? (elf.is64() ? 8 : 4) : 0);
      for (long at = s.offset(); at + entsize <= s.offset() + s.size(); at += entsize) {
        long info = elf.is64() ? elf.uint(at + 8, 8) : elf.uint(at + 4, 4);
        long sym = elf.is64() ? info >>> 32 : info >>> 8;
        if (sym > 0 && sym < count) {
          relType[(int) sym] = (int) (elf.is64() ? info & 0xffffffffL : info & 0xff);
          relocated[(int) sym] = true;
        }
      }
    }
    ElfImage.Section ksymtab = elf.section("__ksymtab");
    boolean is22 = ksymtab != null || elf.section(".modinfo") != null;
    List<List<String>> buckets = new ArrayList<>();
    for (int b = 0; b < HASH_BUCKETS; b++) {
      buckets.add(new ArrayList<>());
    }
    List<String> exported = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < count; i++) {
      long at = symtab.offset() + (long) i * symlen;
      long nameOff = elf.uint(at, 4);
      int info = (int) elf.uint(at + (elf.is64() ? 4 : 12), 1);
      int shndx = (int) elf.uint(at + (elf.is64() ? 6 : 14), 2);
      if (nameOff < 0 || nameOff >= strtab.size()) {
        continue;
      }
      String name = elf.cString(strtab.offset() + nameOff);
      if (name.isEmpty() || !seen.add(name)) {
        continue;
      }
      int bind = info >> 4;
      if (shndx == ElfImage.SHN_UNDEF) {
        if (bind != 2 && relocated[i] && relType[i] != 0) {
          // modutils prepends to a bucket: the later symbol comes first
          buckets.get((int) (elfHash(name) % HASH_BUCKETS)).add(0, name);
        }
      } else if (ksymtab != null) {
        if (shndx == ksymtab.index() && bind == 1 && name.length() > KSYMTAB_PREFIX.length()) {
          exported.add(name.substring(KSYMTAB_PREFIX.length()));
        }
      } else if (is22 ? bind == 1 : shndx < SHN_LORESERVE) {
        exported.add(name);
      }
    }
    List<String> needed = new ArrayList<>();
    buckets.forEach(needed::addAll);
    return new Modutils24(List.copyOf(exported), List.copyOf(needed));
  }

  /** The standard ELF hash, modutils' {@code obj_elf_hash}. */
  static long elfHash(String name) {
    long h = 0;
    for (int i = 0; i < name.length(); i++) {
      h = ((h << 4) + (name.charAt(i) & 0xff)) & 0xffffffffL;
      long g = h & 0xf0000000L;
      if (g != 0) {
        h ^= g >>> 24;
        h &= ~g;
      }
    }
    return h;
  }

  private ByteBuffer symtab(ElfImage.Section s) {
    if (symtabBytes == null) {
      symtabBytes =
          ByteBuffer.wrap(elf.bytes(s))
              .order(elf.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }
    return symtabBytes;
  }

  private byte[] strtab(ElfImage.Section s) {
    if (strtabBytes == null) {
      strtabBytes = elf.bytes(s);
    }
    return strtabBytes;
  }

  // the NUL-terminated string at AT of a copy of section S; one that runs to the section's end goes
  // on in the image, as kmod reads it
  private String string(ElfImage.Section s, byte[] str, int at) {
    for (int i = at; i < str.length; i++) {
      if (str[i] == 0) {
        return new String(str, at, i - at, StandardCharsets.ISO_8859_1);
      }
    }
    return elf.cString(s.offset() + at);
  }

  // the string at AT of the string table starts with PREFIX; a prefix that runs past the table's
  // end is compared with the image's bytes after it
  private boolean startsWith(ElfImage.Section s, byte[] str, int at, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      int b;
      if (at + i < str.length) {
        b = str[at + i] & 0xff;
      } else {
        long abs = s.offset() + at + i;
        if (abs >= elf.size()) {
          return false;
        }
        b = elf.byteAt(abs);
      }
      if (b != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
