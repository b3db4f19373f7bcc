/**
 * The simulation pane and the simulated kernel it drives: requests and their traces, the module
 * table, rmmod, autoclean and its schedule, the modprobe path, the kernel log.
 */
package io.kmodj.gui.sim;
