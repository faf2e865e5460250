package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a benchmark did inside one region it marked (vbench.h's {@code vbench_region_begin(NAME)}
 * ... {@code vbench_region_end()}), summed over its threads and processes: how many times the
 * region was entered (outermost entries), its counts, and its virtual time (the counts priced by
 * the run's cost model; sleeps and other threads' work are not in it).
 */
@JsonPropertyOrder({"entries", "virtual_time_ns", "counters"})
public record Region(
        @JsonProperty("entries") long entries,
        @JsonProperty("virtual_time_ns") long virtualTimeNs,
        @JsonProperty("counters") Counters counters) {

    public Region {
        counters = counters == null ? Counters.NONE : counters;
    }
}
