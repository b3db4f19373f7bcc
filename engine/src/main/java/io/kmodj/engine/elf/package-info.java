/**
 * Kernel modules as files: reads {@code .ko} (ELF32/ELF64, either byte order, compressed or not)
 * and 2.4-era {@code .o} objects the way kmod 30's libkmod does, returning errors as values.
 */
package io.kmodj.engine.elf;
