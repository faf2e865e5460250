/**
 * What {@code vbench jmh} needs to know about JMH: its command line ({@link dev.vbench.cli.jmh.JmhArguments}:
 * the user's options, vbench's defaults for deterministic measurement, one guest command line per
 * benchmark and parameter combination), its benchmark listing ({@link dev.vbench.cli.jmh.JmhListing},
 * from {@code -lp}) and its JSON result ({@link dev.vbench.cli.jmh.JmhResults}). JMH itself is not a
 * dependency: vbench runs the user's benchmark jar as it is.
 */
package dev.vbench.cli.jmh;
