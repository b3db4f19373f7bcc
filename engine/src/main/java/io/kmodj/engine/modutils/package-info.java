/**
 * The modules.conf dialect of modutils 2.x: its evaluator (defaults, conditionals, expansion,
 * includes) and its modprobe (alias chains, probe lists, above/below, hooks), over the shared
 * index.
 */
package io.kmodj.engine.modutils;
