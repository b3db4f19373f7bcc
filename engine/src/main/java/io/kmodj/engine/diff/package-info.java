/**
 * What a configuration change does: {@link io.kmodj.engine.diff.PlanDiff} compares the plans of
 * every lookup (each module name and alias string of a tree, and the names either configuration
 * mentions) under two configurations, kmod's modprobe.d or modutils' modules.conf, and groups the
 * lookups whose plan changed by the configuration lines that changed ({@link
 * io.kmodj.engine.diff.ConfigChange}). For kmod a fast path replans only the lookups a changed line
 * can reach; the exhaustive mode replans everything, and both give the same answer.
 */
package io.kmodj.engine.diff;
