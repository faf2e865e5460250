package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Whole-run event counts. Each is {@code null} when the counter backend cannot measure it (so a
 * comparison can skip it instead of seeing a fake 0).
 */
@JsonPropertyOrder({"instructions", "branches_conditional", "branches_indirect", "syscalls"})
public record Counters(
        @JsonProperty("instructions") Long instructions,
        @JsonProperty("branches_conditional") Long branchesConditional,
        @JsonProperty("branches_indirect") Long branchesIndirect,
        @JsonProperty("syscalls") Long syscalls) {

    /** Nothing measured. */
    public static final Counters NONE = new Counters(null, null, null, null);
}
