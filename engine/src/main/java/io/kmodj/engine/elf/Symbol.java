package io.kmodj.engine.elf;

import java.util.Objects;

/**
 * A symbol a module exports or needs, with its CRC ({@code __crc_*} or {@code __versions}).
 *
 * @param name the symbol's name
 * @param crc its CRC (0 when unknown, as kmod)
 * @param bind how it is bound
 */
public record Symbol(String name, long crc, Bind bind) {
  /** How a symbol is bound; only weak needs matter to depmod. */
  public enum Bind {
    /** STB_LOCAL. */
    LOCAL,
    /** STB_GLOBAL, and every exported symbol read from {@code __ksymtab_strings}. */
    GLOBAL,
    /** STB_WEAK. */
    WEAK,
    /** An undefined (needed) symbol that is not weak. */
    UNDEF,
    /** Another binding. */
    NONE
  }

  /** Checks the fields. */
  public Symbol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bind, "bind");
  }
}
