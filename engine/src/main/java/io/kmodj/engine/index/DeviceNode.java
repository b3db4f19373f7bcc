package io.kmodj.engine.index;

import java.util.Objects;

/**
 * One line of modules.devname: a device node whose opening loads a module.
 *
 * @param module the module
 * @param node the device node name under /dev
 * @param type {@code c} or {@code b}
 * @param major the major number
 * @param minor the minor number
 */
public record DeviceNode(String module, String node, char type, int major, int minor) {
  public DeviceNode {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(node, "node");
  }
}
