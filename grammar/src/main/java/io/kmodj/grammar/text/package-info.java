/**
 * Source text as the parsers see it: parse results that carry their diagnostics, and lexemes that
 * an editor colours.
 */
package io.kmodj.grammar.text;
