/**
 * The simulated kernel: a module table with the kernel's states, use counts, holders, flags and
 * parameters, its log, its sysctl settings, autoclean, saved parameters, and the state directory
 * that keeps it between commands. Host mode reads the real kernel's tables instead.
 */
package io.kmodj.engine.kernel;
