/**
 * The modutils {@code modules.conf} dialect: its AST (records, {@code if} blocks nested), the
 * parser that builds it from the ANTLR grammars {@code ModulesConfLexer.g4} and {@code
 * ModulesConfParser.g4}, a printer and a dump.
 */
package io.kmodj.grammar.modulesconf;
