/**
 * Plans: what modprobe does for a name, as a list of steps computed from the index and the
 * configuration the way libkmod computes its probe list, then handed to an executor (the dry-run
 * printer here; a simulated kernel later).
 */
package io.kmodj.engine.plan;
