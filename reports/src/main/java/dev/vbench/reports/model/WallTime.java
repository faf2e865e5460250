package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Native (not virtual) wall-clock time over {@code runs} runs, in nanoseconds; for reference only. */
@JsonPropertyOrder({"runs", "min", "median", "p90", "max"})
public record WallTime(
        @JsonProperty("runs") int runs,
        @JsonProperty("min") long min,
        @JsonProperty("median") long median,
        @JsonProperty("p90") long p90,
        @JsonProperty("max") long max) {}
