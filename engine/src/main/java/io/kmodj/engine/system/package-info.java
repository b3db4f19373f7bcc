/**
 * A module system as the commands and the desktop app see it: a kernel's module index and its
 * effective configuration, loaded together from where the user points.
 */
package io.kmodj.engine.system;
