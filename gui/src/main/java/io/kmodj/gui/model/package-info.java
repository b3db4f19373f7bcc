/**
 * What every pane of the desktop application shares: the loaded system ({@link
 * io.kmodj.gui.model.SystemModel}, reloaded in the background as the user types) and the current
 * selection ({@link io.kmodj.gui.model.Selection}).
 *
 * <p>Threading: the properties of both change on the FX thread only (the thread handed to {@link
 * io.kmodj.gui.model.SystemModel} as its {@code fx} executor); loading runs on the model's own
 * background thread, never on the FX thread.
 */
package io.kmodj.gui.model;
