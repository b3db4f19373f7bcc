/**
 * The Diff pane: which lookups the unsaved edit changes, as {@code kmodj diff} between the file on
 * disk and the buffer says it, each change a link to its line and each lookup a selection.
 */
package io.kmodj.gui.diff;
