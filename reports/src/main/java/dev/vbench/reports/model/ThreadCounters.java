package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The counts charged to one guest thread (one {@code per_thread} entry). Flat rather than nesting
 * {@link Counters} because the schema puts {@code tid} beside the counts. Null = not measured.
 */
@JsonPropertyOrder({"tid", "instructions", "branches_conditional", "branches_indirect", "syscalls"})
public record ThreadCounters(
        @JsonProperty("tid") int tid,
        @JsonProperty("instructions") Long instructions,
        @JsonProperty("branches_conditional") Long branchesConditional,
        @JsonProperty("branches_indirect") Long branchesIndirect,
        @JsonProperty("syscalls") Long syscalls) {}
