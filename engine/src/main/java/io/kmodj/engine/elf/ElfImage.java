package io.kmodj.engine.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One ELF relocatable object (a {@code .ko} or a 2.4 {@code .o}) over its bytes, checked the way
 * kmod's {@code kmod_elf_new} checks it, and read only through bounds-checked accessors, so that a
 * hostile file yields an error value and never an exception.
 */
public final class ElfImage {
  /** Section index of undefined symbols. */
  static final int SHN_UNDEF = 0;

  /** Section index of absolute symbols. */
  static final int SHN_ABS = 0xfff1;

  private static final int EI_NIDENT = 16;

  /**
   * A section header, as far as kmod reads it.
   *
   * @param index the section's index
   * @param offset where its bytes start in the file
   * @param size how many bytes it has
   * @param nameOffset where its name starts in the section-name string table
   */
  public record Section(int index, long offset, long size, long nameOffset) {}

  private final ByteBuffer data;
  private final boolean is64;
  private final boolean bigEndian;
  private final long shoff;
  private final int shnum;
  private final int machine;
  private final Section names;
  // the section-name string table, copied on the first lookup by name
  private byte[] nameBytes;
  // the section headers, read on the first lookup
  private Section[] table;

  private ElfImage(
      ByteBuffer data,
      boolean is64,
      boolean bigEndian,
      long shoff,
      int shnum,
      int machine,
      Section names) {
    // absolute multi-byte reads in the image's byte order
    this.data = data.duplicate().order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    this.is64 = is64;
    this.bigEndian = bigEndian;
    this.shoff = shoff;
    this.shnum = shnum;
    this.machine = machine;
    this.names = names;
  }

  /**
   * Checks and opens an ELF image.
   *
   * @param file the file the bytes came from, named in errors
   * @param data the bytes (the whole decompressed file)
   * @return the image, or ENOEXEC (no ELF magic) or EINVAL (malformed), as kmod answers
   */
  public static Outcome<ElfImage> parse(Path file, ByteBuffer data) {
    long size = data.limit();
    if (size <= EI_NIDENT
        || data.get(0) != 0x7f
        || data.get(1) != 'E'
        || data.get(2) != 'L'
        || data.get(3) != 'F') {
      return fail(file, Errno.ENOEXEC, "not an ELF file");
    }
    byte elfClass = data.get(4);
    if (elfClass != 1 && elfClass != 2) {
      return fail(file, Errno.EINVAL, "unknown ELF class " + elfClass);
    }
    boolean is64 = elfClass == 2;
    if (size <= (is64 ? 64 : 52)) {
      return fail(file, Errno.EINVAL, "file too short for an ELF header");
    }
    byte elfData = data.get(5);
    if (elfData != 1 && elfData != 2) {
      return fail(file, Errno.EINVAL, "unknown ELF byte order " + elfData);
    }
    boolean big = elfData == 2;
    ElfImage probe = new ElfImage(data, is64, big, 0, 0, 0, null);
    long shoff = probe.uint(is64 ? 0x28 : 0x20, is64 ? 8 : 4);
    int machine = (int) probe.uint(0x12, 2);
    int shentsize = (int) probe.uint(is64 ? 0x3a : 0x2e, 2);
    int shnum = (int) probe.uint(is64 ? 0x3c : 0x30, 2);
    int shstrndx = (int) probe.uint(is64 ? 0x3e : 0x32, 2);
    if (shentsize != (is64 ? 64 : 40)) {
      return fail(file, Errno.EINVAL, "unexpected section header size " + shentsize);
    }
    long tableSize = (long) shentsize * shnum;
    if (shoff < 0 || shoff > size || tableSize > size - shoff) {
      return fail(file, Errno.EINVAL, "section headers past the end of the file");
    }
    ElfImage headers = new ElfImage(data, is64, big, shoff, shnum, machine, null);
    Section strings = headers.section(shstrndx);
    if (strings == null) {
      return fail(file, Errno.EINVAL, "no valid section-name string table");
    }
    if (strings.size() == 0 || data.get((int) (strings.offset() + strings.size() - 1)) != 0) {
      return fail(file, Errno.EINVAL, "section-name string table does not end with NUL");
    }
    return Outcome.ok(new ElfImage(data, is64, big, shoff, shnum, machine, strings));
  }

  private static <T> Outcome<T> fail(Path file, Errno errno, String detail) {
    return Outcome.failed(new ModuleError(file, errno, detail));
  }

  /**
   * Tells whether this is a 64-bit object.
   *
   * @return true for ELFCLASS64
   */
  public boolean is64() {
    return is64;
  }

  /**
   * Tells whether this object is big-endian.
   *
   * @return true for ELFDATA2MSB
   */
  public boolean bigEndian() {
    return bigEndian;
  }

  /**
   * Returns the machine ({@code e_machine}).
   *
   * @return the ELF machine number
   */
  public int machine() {
    return machine;
  }

  /**
   * Returns the number of bytes of the image.
   *
   * @return the size
   */
  public long size() {
    return data.limit();
  }

  /**
   * Returns the section at an index, or null when the index is 0, past the table, or its bytes lie
   * past the end of the file (kmod's {@code elf_get_section_info} failing).
   *
   * @param index the section index
   * @return the section or null
   */
  public Section section(int index) {
    if (index == SHN_UNDEF || index >= shnum) {
      return null;
    }
    if (table == null) {
      // every lookup by name walks the table: read it once
      Section[] t = new Section[shnum];
      for (int i = 1; i < shnum; i++) {
        t[i] = readSection(i);
      }
      table = t;
    }
    return table[index];
  }

  private Section readSection(int index) {
    long h = shoff + (long) index * (is64 ? 64 : 40);
    long nameOff = uint(h, 4);
    long offset = is64 ? uint(h + 0x18, 8) : uint(h + 0x10, 4);
    long sz = is64 ? uint(h + 0x20, 8) : uint(h + 0x14, 4);
    if (offset < 0 || sz < 0 || offset > size() || sz > size() - offset) {
      return null;
    }
    return new Section(index, offset, sz, nameOff);
  }

  /**
   * Finds the first section (from index 1) with the given name, as kmod's {@code
   * kmod_elf_get_section} does: sections with bad bounds or names are skipped.
   *
   * @param name the section name
   * @return the section, or null when there is none
   */
  public Section section(String name) {
    if (nameBytes == null) {
      nameBytes = bytes(names);
    }
    for (int i = 1; i < shnum; i++) {
      Section s = section(i);
      if (s == null || s.nameOffset() >= names.size()) {
        continue;
      }
      // the table ends with a NUL (checked in parse), so every name in it ends inside it
      if (equalsCString(nameBytes, (int) s.nameOffset(), name)) {
        return s;
      }
    }
    return null;
  }

  // the NUL-terminated string at AT of BYTES (which holds a NUL at or after AT) equals S
  private static boolean equalsCString(byte[] bytes, int at, String s) {
    int n = s.length();
    if (at + n >= bytes.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if ((bytes[at + i] & 0xff) != s.charAt(i)) {
        return false;
      }
    }
    return bytes[at + n] == 0;
  }

  /**
   * Returns a copy of a section's bytes (its bounds lie inside the image, as {@link #section(int)}
   * checks).
   *
   * @param s the section
   * @return the bytes
   */
  public byte[] bytes(Section s) {
    return bytes(s.offset(), (int) s.size());
  }

  /**
   * Lists the sections that have valid bounds, in index order.
   *
   * @return the sections
   */
  public List<Section> sections() {
    List<Section> out = new ArrayList<>();
    for (int i = 1; i < shnum; i++) {
      Section s = section(i);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Returns a section's name.
   *
   * @param s the section
   * @return its name, or "" when its name offset is out of the string table
   */
  public String name(Section s) {
    if (s.nameOffset() >= names.size()) {
      return "";
    }
    return cString(names.offset() + s.nameOffset());
  }

  /**
   * Returns a section's type ({@code sh_type}: 2 symbol table, 4 RELA, 9 REL, ...).
   *
   * @param s the section
   * @return the type
   */
  public int type(Section s) {
    return (int) uint(header(s) + 4, 4);
  }

  /**
   * Returns a section's {@code sh_link} (for a relocation section, its symbol table).
   *
   * @param s the section
   * @return the link
   */
  public int link(Section s) {
    return (int) uint(header(s) + (is64 ? 0x28 : 0x18), 4);
  }

  /**
   * Returns a section's {@code sh_info} (for a relocation section, the section it relocates).
   *
   * @param s the section
   * @return the info
   */
  public int info(Section s) {
    return (int) uint(header(s) + (is64 ? 0x2c : 0x1c), 4);
  }

  private long header(Section s) {
    return shoff + (long) s.index() * (is64 ? 64 : 40);
  }

  /**
   * Reads an unsigned integer in the image's byte order, or -1 past the end (kmod's {@code
   * elf_get_uint}).
   *
   * @param offset where
   * @param width how many bytes (1 to 8)
   * @return the value, or -1 when out of bounds
   */
  public long uint(long offset, int width) {
    if (offset < 0 || offset > size() - width) {
      return -1;
    }
    int at = (int) offset;
    switch (width) {
      case 1 -> {
        return data.get(at) & 0xff;
      }
      case 2 -> {
        return data.getShort(at) & 0xffff;
      }
      case 4 -> {
        return data.getInt(at) & 0xffffffffL;
      }
      case 8 -> {
        return data.getLong(at);
      }
      default -> {
        // another width: byte by byte
      }
    }
    long v = 0;
    if (bigEndian) {
      for (int i = 0; i < width; i++) {
        v = (v << 8) | (data.get(at + i) & 0xff);
      }
    } else {
      for (int i = width - 1; i >= 0; i--) {
        v = (v << 8) | (data.get(at + i) & 0xff);
      }
    }
    return v;
  }

  /**
   * Returns one byte.
   *
   * @param offset where (must be inside the image)
   * @return the byte, unsigned
   */
  public int byteAt(long offset) {
    return data.get((int) offset) & 0xff;
  }

  /**
   * Reads a NUL-terminated string, stopping at the end of the image when the NUL is missing. Bytes
   * map one to one onto chars (ISO-8859-1), so that printing them back gives the same bytes.
   *
   * @param offset where it starts
   * @return the string
   */
  public String cString(long offset) {
    return cString(offset, size());
  }

  /**
   * Reads a NUL-terminated string that may not run past {@code end}.
   *
   * @param offset where it starts
   * @param end the first offset not to read
   * @return the string
   */
  public String cString(long offset, long end) {
    long stop = Math.min(end, size());
    long i = offset;
    while (i < stop && data.get((int) i) != 0) {
      i++;
    }
    if (i <= offset) {
      return "";
    }
    return new String(bytes(offset, (int) (i - offset)), StandardCharsets.ISO_8859_1);
  }

  /**
   * Tells whether the NUL-terminated string at {@code offset} equals {@code s}.
   *
   * @param offset where the string starts
   * @param s what to compare with
   * @return true when equal
   */
  public boolean equalsCString(long offset, String s) {
    int n = s.length();
    if (offset < 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (offset + i >= size() || (data.get((int) offset + i) & 0xff) != s.charAt(i)) {
        return false;
      }
    }
    return offset + n >= size() || data.get((int) offset + n) == 0;
  }

  /**
   * Splits a section into its non-empty NUL-separated strings, skipping leading padding, as kmod's
   * {@code kmod_elf_get_strings} does for {@code .modinfo} (a last string without its NUL still
   * counts).
   *
   * @param s the section
   * @return the strings
   */
  public List<String> strings(Section s) {
    List<String> out = new ArrayList<>();
    byte[] b = bytes(s);
    int start = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == 0) {
        if (i > start) {
          out.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /**
   * Returns a copy of a range of bytes.
   *
   * @param offset where (must be inside the image)
   * @param length how many (must fit)
   * @return the bytes
   */
  public byte[] bytes(long offset, int length) {
    byte[] out = new byte[length];
    data.get((int) offset, out);
    return out;
  }
}
