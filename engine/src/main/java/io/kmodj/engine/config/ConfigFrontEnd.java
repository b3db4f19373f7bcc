package io.kmodj.engine.config;

/**
 * A configuration dialect: reads its files (and whatever else the dialect honours) into the one
 * {@link ModuleConfig} the planner consumes. kmod's modprobe.d is {@link ModprobeDFrontEnd};
 * modutils' modules.conf is another implementation of this interface, not a fork of the engine.
 */
public interface ConfigFrontEnd {

  /**
   * Reads the effective configuration.
   *
   * @param source where to read from
   * @return the configuration with its messages; never throws on bad input
   */
  ModuleConfig read(ConfigSource source);
}
