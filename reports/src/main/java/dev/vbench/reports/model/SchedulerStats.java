package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What the deterministic scheduler did: explains virtual-time differences between thread counts. */
@JsonPropertyOrder({"turns", "context_switches", "preemptions"})
public record SchedulerStats(
        @JsonProperty("turns") long turns,
        @JsonProperty("context_switches") long contextSwitches,
        @JsonProperty("preemptions") long preemptions) {}
