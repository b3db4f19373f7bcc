/**
 * The desktop application: its entry point, main window, menus and file handling around the
 * configuration editor.
 */
package io.kmodj.gui.app;
