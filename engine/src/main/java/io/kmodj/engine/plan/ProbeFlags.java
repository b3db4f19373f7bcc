package io.kmodj.engine.plan;

/**
 * How a probe runs (libkmod's {@code KMOD_PROBE_*} flags as modprobe sets them).
 *
 * @param ignoreCommands {@code -i}: insert even where an install command is configured
 * @param ignoreLoaded plan as if nothing were loaded ({@code --show-depends})
 * @param useBlacklist {@code -b}: a blacklisted module is skipped even when asked by name
 * @param failOnLoaded {@code --first-time}: a module already loaded is an error
 */
public record ProbeFlags(
    boolean ignoreCommands, boolean ignoreLoaded, boolean useBlacklist, boolean failOnLoaded) {}
