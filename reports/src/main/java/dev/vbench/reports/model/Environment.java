package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The virtual machine a result was measured on: everything that must match for two results to be
 * comparable (counter backend, cost model, epoch, seeds, virtual CPUs and memory), plus the host.
 */
@JsonPropertyOrder({"counter", "counter_reason", "model", "epoch", "seed", "sched_seed", "cpus",
        "memory_bytes", "cpuid_virtualized", "rdtsc_virtualized", "fingerprint", "host"})
public record Environment(
        @JsonProperty("counter") String counter,
        @JsonProperty("counter_reason") String counterReason,
        @JsonProperty("model") String model,
        @JsonProperty("epoch") String epoch,
        @JsonProperty("seed") long seed,
        @JsonProperty("sched_seed") long schedSeed,
        @JsonProperty("cpus") int cpus,
        @JsonProperty("memory_bytes") long memoryBytes,
        @JsonProperty("cpuid_virtualized") boolean cpuidVirtualized,
        @JsonProperty("rdtsc_virtualized") boolean rdtscVirtualized,
        @JsonProperty("fingerprint") Fingerprint fingerprint,
        @JsonProperty("host") Host host) {

    public static Builder builder() {
        return new Builder();
    }

    /** Many positional arguments are easy to swap; the builder names them. */
    public static final class Builder {
        private String counter;
        private String counterReason;
        private String model;
        private String epoch;
        private long seed;
        private long schedSeed;
        private int cpus;
        private long memoryBytes;
        private boolean cpuidVirtualized;
        private boolean rdtscVirtualized;
        private Fingerprint fingerprint;
        private Host host;

        private Builder() {}

        public Builder counter(String v) { counter = v; return this; }
        public Builder counterReason(String v) { counterReason = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder epoch(String v) { epoch = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder schedSeed(long v) { schedSeed = v; return this; }
        public Builder cpus(int v) { cpus = v; return this; }
        public Builder memoryBytes(long v) { memoryBytes = v; return this; }
        public Builder cpuidVirtualized(boolean v) { cpuidVirtualized = v; return this; }
        public Builder rdtscVirtualized(boolean v) { rdtscVirtualized = v; return this; }
        public Builder fingerprint(Fingerprint v) { fingerprint = v; return this; }
        public Builder host(Host v) { host = v; return this; }

        public Environment build() {
            return new Environment(counter, counterReason, model, epoch, seed, schedSeed, cpus,
                    memoryBytes, cpuidVirtualized, rdtscVirtualized, fingerprint, host);
        }
    }
}
