/**
 * The module graph: modules, builtins, aliases and commands as JGraphT vertices, hard, soft and
 * alias relations as typed edges; cycles found and named whole.
 */
package io.kmodj.engine.graph;
