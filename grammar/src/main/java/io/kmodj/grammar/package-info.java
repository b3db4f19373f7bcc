/**
 * kmodj's grammars: the two configuration dialects and how to tell them apart. The parsers are in
 * {@code modprobed} and {@code modulesconf}; what they share is in {@code text} and {@code diag}.
 */
package io.kmodj.grammar;
