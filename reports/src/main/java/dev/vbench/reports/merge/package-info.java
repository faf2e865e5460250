/**
 * Joining the shard results of one suite into the result an unsharded run would have written
 * ({@code vbench merge}); pure functions over the result model.
 */
package dev.vbench.reports.merge;
