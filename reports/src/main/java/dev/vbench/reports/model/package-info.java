/**
 * The result schema {@code vbench.result/1} as plain, immutable data (see design.md, "Result file").
 *
 * <p>Invariants shared by every record here: collections are never null (absent means empty), are
 * unmodifiable copies, and keep a stable order (lists as given, {@code syscalls_by_name} sorted by
 * name) so that writing the same result twice gives the same bytes. A {@code null} counter means
 * "not measured by this backend" (e.g. {@code counter: none} has no instruction count), which is
 * different from a measured 0. JSON names are snake_case; unknown JSON fields are ignored on read.
 */
package dev.vbench.reports.model;
