/** What the application did, for the Log pane: files opened and saved, background work. */
package io.kmodj.gui.log;
