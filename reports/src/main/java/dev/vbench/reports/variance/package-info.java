/**
 * {@code vbench variance}: how a program's virtual time and counts spread over scheduler seeds
 * ({@link dev.vbench.reports.variance.VarianceReport}, {@link dev.vbench.reports.variance.Distribution}),
 * and what a JVM did differently between two seeds, read from its JIT, GC and safepoint logs
 * ({@link dev.vbench.reports.variance.JvmLog}, {@link dev.vbench.reports.variance.JvmComparison}).
 * Plain data and pure functions: the runs themselves are bench-runner's.
 */
package dev.vbench.reports.variance;
