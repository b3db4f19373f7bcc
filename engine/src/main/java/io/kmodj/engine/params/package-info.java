/**
 * A module's parameters in one report, declared (modinfo), configured (options lines and the kernel
 * command line), saved (the persist directory) and live (the simulated kernel), and the rewriting
 * of one {@code param=value} in a configuration text that the editor's parameter table uses.
 */
package io.kmodj.engine.params;
