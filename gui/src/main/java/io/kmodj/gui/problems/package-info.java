/** The Problems pane: every diagnostic of every open file, in one list. */
package io.kmodj.gui.problems;
