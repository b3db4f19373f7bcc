package io.kmodj.engine.elf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
      long count = symtab.size() / symlen;
      for (long i = 1; i < count; i++) {
        long at = symtab.offset() + i * symlen;
        long nameOff = elf.uint(at, 4);
        if (nameOff >= strtab.size()) {
          valid = false;
          break;
        }
        long nameAt = strtab.offset() + nameOff;
        if (!startsWith(nameAt, CRC_PREFIX)) {
          continue;
        }
        String name = elf.cString(nameAt + CRC_PREFIX.length());
        long value = elf.is64() ? elf.uint(at + 8, 8) : elf.uint(at + 4, 4);
        int info = (int) elf.uint(at + (elf.is64() ? 4 : 12), 1);
        int shndx = (int) elf.uint(at + (elf.is64() ? 6 : 14), 2);
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
    boolean sparc = elf.machine() == EM_SPARC || elf.machine() == EM_SPARCV9;
    List<Symbol> out = new ArrayList<>();
    long count = symtab.size() / symlen;
    for (long i = 1; i < count; i++) {
      long at = symtab.offset() + i * symlen;
      long nameOff = elf.uint(at, 4);
      int info = (int) elf.uint(at + (elf.is64() ? 4 : 12), 1);
      int shndx = (int) elf.uint(at + (elf.is64() ? 6 : 14), 2);
      if (shndx != ElfImage.SHN_UNDEF) {
        continue;
      }
      if (sparc && (info & 0xf) == STT_REGISTER) {
        continue;
      }
      if (nameOff >= strtab.size()) {
        return Outcome.failed(
            new ModuleError(file, Errno.EINVAL, "symbol name past the end of .strtab"));
      }
      String name = elf.cString(strtab.offset() + nameOff);
      if (name.isEmpty()) {
        continue;
      }
      long crc = 0;
      for (int v = 0; v < vercount; v++) {
        long entry = versions.offset() + (long) v * MODVERSION_SIZE;
        if (elf.equalsCString(entry + crcLen, name)) {
          crc = elf.uint(entry, crcLen);
          visited[v] = true;
          break;
        }
      }
      Symbol.Bind bind = (info >> 4) == 2 ? Symbol.Bind.WEAK : Symbol.Bind.UNDEF;
      out.add(new Symbol(name, crc, bind));
    }
    for (int v = 0; v < vercount; v++) {
      if (!visited[v]) {
        long entry = versions.offset() + (long) v * MODVERSION_SIZE;
        String name = elf.cString(entry + crcLen);
        out.add(new Symbol(name, elf.uint(entry, crcLen), Symbol.Bind.UNDEF));
      }
    }
    return Outcome.ok(List.copyOf(out));
  }

  /**
   * Returns the symbols a 2.4-era object exports: the strings of its {@code .kstrtab} section
   * (modutils' {@code EXPORT_SYMBOL} table), with {@code __ksymtab_strings} as for newer modules
   * when there is none.
   *
   * @return the names
   */
  public List<String> exportedLegacy() {
    ElfImage.Section s = elf.section(".kstrtab");
    if (s == null) {
      return exported().orElse(List.of()).stream().map(Symbol::name).toList();
    }
    return elf.strings(s);
  }

  private boolean startsWith(long at, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (at + i >= elf.size() || elf.byteAt(at + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
