/**
 * Suite files for {@code vbench bench}: their strict reading (JSON, or YAML with the same keys),
 * the benchmarks they define with defaults applied, and the deterministic split into shards.
 */
package dev.vbench.cli.suite;
