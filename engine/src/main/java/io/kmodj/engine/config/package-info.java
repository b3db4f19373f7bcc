/**
 * The effective module configuration: what a dialect's files and the kernel command line say, as
 * one front-end-neutral {@link io.kmodj.engine.config.ModuleConfig} that the planner consumes.
 */
package io.kmodj.engine.config;
