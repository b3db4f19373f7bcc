/**
 * Diagnostics: what a parser or checker says about a configuration, as values with a source
 * position. Parsing never throws; it returns its result and its diagnostics together.
 */
package io.kmodj.grammar.diag;
