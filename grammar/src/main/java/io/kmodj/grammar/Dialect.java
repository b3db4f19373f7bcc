package io.kmodj.grammar;

import io.kmodj.grammar.modprobed.ModprobeDSyntax;
import io.kmodj.grammar.modulesconf.ModulesConfSyntax;
import io.kmodj.grammar.text.ParseResult;
import java.util.Locale;
import java.util.Optional;

/** The two configuration dialects kmodj reads. */
public enum Dialect {
  /** kmod's modprobe.d (and modprobe.conf). */
  KMOD("kmod"),
  /** modutils' modules.conf (and its older name, conf.modules). */
  MODUTILS("modutils");

  private final String word;

  Dialect(String word) {
    this.word = word;
  }

  /** The word used on the command line ({@code --dialect kmod|modutils}). */
  public String word() {
    return word;
  }

  /**
   * The dialect named by a command-line word.
   *
   * @param word {@code kmod} or {@code modutils}, any case
   * @return the dialect, or empty when the word names none
   */
  public static Optional<Dialect> ofWord(String word) {
    for (Dialect d : values()) {
      if (d.word.equals(word.toLowerCase(Locale.ROOT))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The dialect a file's name implies: {@code modules.conf} and {@code conf.modules} (with any
   * directory, and backup suffixes such as {@code modules.conf.old}) are modutils; everything else
   * (modprobe.conf, {@code *.conf} in a modprobe.d directory) is kmod.
   *
   * @param fileName a file name or path
   * @return the dialect
   */
  public static Dialect forFileName(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    if (base.equals("modules.conf")
        || base.startsWith("modules.conf.")
        || base.equals("conf.modules")
        || base.startsWith("conf.modules.")) {
      return MODUTILS;
    }
    return KMOD;
  }

  /**
   * Parses a file's text in this dialect.
   *
   * @param file the file name for spans and diagnostics
   * @param text the text
   * @return the parse result (its value is a {@code ModprobeDFile} or a {@code ModulesConfFile})
   */
  public ParseResult<?> parse(String file, String text) {
    return this == MODUTILS
        ? ModulesConfSyntax.parse(file, text)
        : ModprobeDSyntax.parse(file, text);
  }
}
