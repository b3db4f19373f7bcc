package io.kmodj.engine.elf;

import java.util.Objects;

/**
 * One {@code key=value} string of a module's {@code .modinfo} (or of modules.builtin.modinfo, or a
 * signature field that kmod appends to them). Text is kept byte for byte (ISO-8859-1 chars).
 *
 * @param key the key ({@code alias}, {@code parm}, …)
 * @param value the value, empty when the string had no {@code =}
 */
public record ModinfoEntry(String key, String value) {
  /** Checks the fields. */
  public ModinfoEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Splits a {@code .modinfo} string at its first {@code =}, as kmod_module_get_info does.
   *
   * @param s the string
   * @return the entry
   */
  public static ModinfoEntry parse(String s) {
    int eq = s.indexOf('=');
    return eq < 0
        ? new ModinfoEntry(s, "")
        : new ModinfoEntry(s.substring(0, eq), s.substring(eq + 1));
  }
}
