/**
 * request_module() and the kmod thread: requests of a kind (modules) and a name go to that kind's
 * helper program, run by a bounded pool of workers with the kernel's argv, environment, limit of
 * concurrent requests, timeout and error reporting.
 */
package io.kmodj.engine.kmodthread;
