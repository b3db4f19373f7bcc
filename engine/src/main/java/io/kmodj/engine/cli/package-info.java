/**
 * The command line: thin picocli commands, each turning options into one engine call and an exit
 * code, like kmod's {@code tools/} over {@code libkmod}.
 */
package io.kmodj.engine.cli;
