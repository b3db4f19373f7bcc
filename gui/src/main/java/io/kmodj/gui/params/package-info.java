/**
 * The parameters pane: one module's declared, configured, saved and live parameters, editing the
 * configured value by rewriting the open document's options line.
 */
package io.kmodj.gui.params;
