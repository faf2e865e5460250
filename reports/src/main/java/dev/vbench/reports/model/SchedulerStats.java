package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the deterministic scheduler did: explains virtual-time differences between thread counts.
 * {@code watchdogPreemptions} counts preemptions by the wall-clock watchdog, which make a run
 * nondeterministic (0 in a deterministic run); {@code spinYields} the turns a thread gave up because
 * it was seen spinning (a spin-wait hint under --counter valgrind).
 */
@JsonPropertyOrder({"turns", "context_switches", "preemptions", "watchdog_preemptions", "spin_yields"})
public record SchedulerStats(
        @JsonProperty("turns") long turns,
        @JsonProperty("context_switches") long contextSwitches,
        @JsonProperty("preemptions") long preemptions,
        @JsonProperty("watchdog_preemptions") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long watchdogPreemptions,
        @JsonProperty("spin_yields") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long spinYields) {

    public SchedulerStats(long turns, long contextSwitches, long preemptions) {
        this(turns, contextSwitches, preemptions, 0, 0);
    }
}
