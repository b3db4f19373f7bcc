/**
 * A binary cache of what kmodj derives from text files (the parsed configuration, the module
 * index), the role kmod's {@code .bin} files play: entries keyed by the files' identity and
 * content, under the XDG cache home, never used when stale, written atomically.
 */
package io.kmodj.engine.cache;
