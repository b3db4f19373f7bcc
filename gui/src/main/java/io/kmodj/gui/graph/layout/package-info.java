/**
 * What the graph view shows and where, without JavaFX: the part of the engine's module graph in
 * view ({@link io.kmodj.gui.graph.layout.Scope}), its layered layout by Eclipse ELK or by depth,
 * and an SVG writer, so scope and layout are unit-tested and benchmarked headless.
 */
package io.kmodj.gui.graph.layout;
