/** JMH benchmarks of kmodj's parsers and engine, with generators of large realistic inputs. */
package io.kmodj.bench;
