package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Native (not virtual) wall-clock time over {@code runs} runs, in nanoseconds; for reference only.
 * {@code min} and {@code max} are exact; the percentiles may be rounded to three significant digits
 * (they come from a histogram). {@code p25}, {@code p75} and {@code p99} are absent in results that
 * predate them.
 */
@JsonPropertyOrder({"runs", "min", "p25", "median", "p75", "p90", "p99", "max"})
public record WallTime(
        @JsonProperty("runs") int runs,
        @JsonProperty("min") long min,
        @JsonProperty("p25") Long p25,
        @JsonProperty("median") long median,
        @JsonProperty("p75") Long p75,
        @JsonProperty("p90") long p90,
        @JsonProperty("p99") Long p99,
        @JsonProperty("max") long max) {

    /** The five numbers every result with wall time has. */
    public WallTime(int runs, long min, long median, long p90, long max) {
        this(runs, min, null, median, null, p90, null, max);
    }
}
