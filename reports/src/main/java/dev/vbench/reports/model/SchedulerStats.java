package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the deterministic scheduler did: explains virtual-time differences between thread counts.
 * {@code watchdogPreemptions} counts preemptions by the wall-clock watchdog, which make a run
 * nondeterministic (0 in a deterministic run).
 */
@JsonPropertyOrder({"turns", "context_switches", "preemptions", "watchdog_preemptions"})
public record SchedulerStats(
        @JsonProperty("turns") long turns,
        @JsonProperty("context_switches") long contextSwitches,
        @JsonProperty("preemptions") long preemptions,
        @JsonProperty("watchdog_preemptions") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long watchdogPreemptions) {

    public SchedulerStats(long turns, long contextSwitches, long preemptions) {
        this(turns, contextSwitches, preemptions, 0);
    }
}
