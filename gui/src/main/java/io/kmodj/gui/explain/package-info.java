/**
 * The Explain pane: why the selected name loads what it loads, as {@code kmodj explain} says it,
 * each configuration line a link that opens its file at the line.
 */
package io.kmodj.gui.explain;
