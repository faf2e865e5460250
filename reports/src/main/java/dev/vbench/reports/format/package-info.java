/**
 * Renderings of a result, JMH style: one {@link dev.vbench.reports.format.ResultFormat} per output
 * kind, chosen by {@link dev.vbench.reports.format.ResultFormatFactory} from a
 * {@link dev.vbench.reports.format.ResultFormatType}. Every format is a pure function of the result
 * (Locale.ROOT, no clocks, no host lookups), so the same result renders to the same bytes.
 */
package dev.vbench.reports.format;
