/**
 * The configuration editor: a code area coloured from the grammar's lexemes, with the parser's
 * diagnostics underlined and listed. Styling is computed off the FX thread by plain classes.
 */
package io.kmodj.gui.editor;
