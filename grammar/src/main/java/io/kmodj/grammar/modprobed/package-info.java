/**
 * The kmod {@code modprobe.d} dialect: its AST (one record per directive) and the parser that
 * builds it from the ANTLR grammar {@code ModprobeD.g4}, reporting bad lines as kmod 30 does.
 */
package io.kmodj.grammar.modprobed;
