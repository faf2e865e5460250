package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the counts of a result depend on besides the program: two results whose fingerprints differ
 * in any field may count the same program differently, so comparing them would report a change
 * that is not the program's. Each field is what the guest saw (not the host's own view), or null
 * when unknown.
 *
 * @param counter        the counter backend ("valgrind", "perf", "none")
 * @param counterVersion the backend's version (Valgrind's and vbcount's, the kernel's perf ABI)
 * @param cpu            the CPU the guest sees (its cpuid brand string)
 * @param libc           the C library the guest runs with (e.g. "glibc 2.36")
 * @param kernel         the kernel release the guest sees
 * @param model          the cost model that priced virtual time
 */
@JsonPropertyOrder({"counter", "counter_version", "cpu", "libc", "kernel", "model"})
public record Fingerprint(
        @JsonProperty("counter") String counter,
        @JsonProperty("counter_version") String counterVersion,
        @JsonProperty("cpu") String cpu,
        @JsonProperty("libc") String libc,
        @JsonProperty("kernel") String kernel,
        @JsonProperty("model") String model) {}
