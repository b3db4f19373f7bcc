/**
 * The module index of one kernel: what depmod wrote in {@code lib/modules/VERSION} (modules.dep,
 * aliases, symbols, builtins), read from its text files and searched as libkmod searches its tries.
 */
package io.kmodj.engine.index;
