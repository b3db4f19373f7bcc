package io.kmodj.engine.depmod;

import io.kmodj.engine.elf.Symbol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The kernel image's own exports, from System.map ({@code -F}) or Module.symvers ({@code -E}). */
public final class KernelSymbols {
  private static final Pattern BLANKS = Pattern.compile("[\t ]+");

  private KernelSymbols() {}

  /**
   * Reads the {@code __ksymtab_NAME} lines of a System.map.
   *
   * @param file the System.map
   * @param symPrefix the architecture's symbol prefix, 0 for none
   * @param log where invalid lines are reported
   * @return the exported symbols
   * @throws IOException when the file cannot be read
   */
  public static List<Symbol> fromSystemMap(Path file, char symPrefix, Diagnostics log)
      throws IOException {
    List<Symbol> out = new ArrayList<>();
    int n = 0;
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    // pieces keep their newline: kmod prints an invalid line as fgets read it
    for (String piece : text.split("(?<=\n)", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      n++;
      String line = piece.endsWith("\n") ? piece.substring(0, piece.length() - 1) : piece;
      int a = line.indexOf(' ');
      int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
      if (b < 0) {
        log.error(file + ":" + n + ": invalid line: " + piece);
        continue;
      }
      String p = line.substring(b + 1);
      if (!p.isEmpty() && p.charAt(0) == symPrefix) {
        p = p.substring(1);
      }
      if (p.startsWith("__ksymtab_")) {
        out.add(new Symbol(p.substring("__ksymtab_".length()), 0, Symbol.Bind.GLOBAL));
      }
    }
    return out;
  }

  /**
   * Reads the {@code vmlinux} lines of a Module.symvers ({@code CRC\tNAME\tvmlinux\t…}).
   *
   * @param file the Module.symvers
   * @param symPrefix the architecture's symbol prefix, 0 for none
   * @param log where invalid CRCs are reported
   * @return the exported symbols with their CRCs
   * @throws IOException when the file cannot be read
   */
  public static List<Symbol> fromSymvers(Path file, char symPrefix, Diagnostics log)
      throws IOException {
    List<Symbol> out = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      n++;
      String[] f = BLANKS.split(line.trim(), -1);
      if (f.length < 3 || !f[2].equals("vmlinux")) {
        continue;
      }
      String hex = f[0].startsWith("0x") || f[0].startsWith("0X") ? f[0].substring(2) : f[0];
      long crc;
      try {
        crc = Long.parseUnsignedLong(hex, 16);
      } catch (NumberFormatException e) {
        log.error(file + ":" + n + " Invalid symbol version " + f[0] + ": Success");
        continue;
      }
      String name = f[1];
      if (!name.isEmpty() && name.charAt(0) == symPrefix) {
        name = name.substring(1);
      }
      out.add(new Symbol(name, crc, Symbol.Bind.GLOBAL));
    }
    return out;
  }
}
