/**
 * kmod 30's depmod: finds the modules of a tree, resolves their symbols and writes the text indexes
 * (modules.dep, .alias, .softdep, .symbols, .devname) byte for byte as kmod does.
 */
package io.kmodj.engine.depmod;
