package io.kmodj.engine.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds a corpus of broken modules from a good one. */
public final class CorruptModules {
  private CorruptModules() {}

  /**
   * Returns every offset where a section starts or ends, where the section headers start, and where
   * each header ends: the interesting places to cut a file.
   *
   * @param module a valid module
   * @return the offsets, ascending, each less than the file's size
   */
  public static List<Long> sectionBoundaries(byte[] module) {
    ElfImage elf =
        ((Outcome.Ok<ElfImage>) ElfImage.parse(Path.of("x"), ByteBuffer.wrap(module))).value();
    TreeSet<Long> cuts = new TreeSet<>();
    cuts.add(0L);
    cuts.add(4L);
    cuts.add(16L);
    cuts.add(elf.is64() ? 64L : 52L);
    for (ElfImage.Section s : elf.sections()) {
      cuts.add(s.offset());
      cuts.add(s.offset() + s.size());
      cuts.add(s.offset() + s.size() / 2);
    }
    long shoff = elf.uint(elf.is64() ? 0x28 : 0x20, elf.is64() ? 8 : 4);
    int shnum = (int) elf.uint(elf.is64() ? 0x3c : 0x30, 2);
    for (int i = 0; i <= shnum; i++) {
      cuts.add(shoff + (long) i * (elf.is64() ? 64 : 40));
    }
    cuts.add(module.length - 1L);
    return cuts.stream().filter(c -> c < module.length).toList();
  }

  /**
   * Builds named broken variants of a 64-bit little-endian module: truncations at every section
   * boundary, a flipped magic, a bad class, overlapping sections, sections past the end, a huge
   * section count, string tables without their NUL.
   *
   * @param module a valid 64-bit little-endian module
   * @return the variants by name
   */
  public static Map<String, byte[]> of(byte[] module) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (long cut : sectionBoundaries(module)) {
      out.put("truncated-at-" + cut, Arrays.copyOf(module, (int) cut));
    }
    out.put("flipped-magic", patch(module, 1, (byte) 'e'));
    out.put("bad-class", patch(module, 4, (byte) 7));
    out.put("bad-byte-order", patch(module, 5, (byte) 9));
    ByteBuffer le = ByteBuffer.wrap(module).order(ByteOrder.LITTLE_ENDIAN);
    long shoff = le.getLong(0x28);
    int shnum = le.getShort(0x3c) & 0xffff;
    out.put("huge-section-count", patchShort(module, 0x3c, 0xffff));
    out.put("wrong-section-entry-size", patchShort(module, 0x3a, 40));
    out.put("section-table-past-end", patchLong(module, 0x28, module.length));
    out.put("section-names-index-out-of-range", patchShort(module, 0x3e, shnum + 3));
    for (int i = 1; i < shnum; i++) {
      long h = shoff + 64L * i;
      out.put("section-" + i + "-past-end", patchLong(module, (int) h + 0x18, module.length + 5L));
      out.put("section-" + i + "-huge", patchLong(module, (int) h + 0x20, Long.MAX_VALUE));
      out.put("section-" + i + "-overlaps-header", patchLong(module, (int) h + 0x18, 0));
      out.put("section-" + i + "-name-out-of-range", patchInt(module, (int) h, 0x7fffffff));
      long off = le.getLong((int) h + 0x18);
      long size = le.getLong((int) h + 0x20);
      if (size > 0 && off + size <= module.length) {
        out.put(
            "section-" + i + "-without-final-nul",
            patch(module, (int) (off + size - 1), (byte) 'x'));
        byte[] filled = module.clone();
        Arrays.fill(filled, (int) off, (int) (off + size), (byte) 0xff);
        out.put("section-" + i + "-filled-with-ff", filled);
      }
    }
    return out;
  }

  private static byte[] patch(byte[] m, int at, byte b) {
    byte[] c = m.clone();
    c[at] = b;
    return c;
  }

  private static byte[] patchShort(byte[] m, int at, int v) {
    byte[] c = m.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
    return c;
  }

  private static byte[] patchInt(byte[] m, int at, int v) {
    byte[] c = m.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    return c;
  }

  private static byte[] patchLong(byte[] m, int at, long v) {
    byte[] c = m.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    return c;
  }
}
