/**
 * The dependency graph view: a Canvas drawing of what loading a name touches, who needs a name, or
 * the whole system, laid out off the UI thread ({@link io.kmodj.gui.graph.layout}).
 */
package io.kmodj.gui.graph;
