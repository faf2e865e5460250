package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * Which suite a {@code vbench bench} result ran, and which part of it: what {@code vbench merge}
 * checks before it joins shard results (same file content, same filter, shards of one split).
 *
 * @param file       the suite file's name (without its directory, which differs between machines)
 * @param sha256     SHA-256 of the suite file's bytes
 * @param benchmarks how many benchmarks the suite file defines (before any filter or shard)
 * @param filter     the {@code --filter} regular expression, or null for all
 * @param shard      {@code "K/N"} for shard K of N, or null for the whole (filtered) suite
 */
@JsonPropertyOrder({"file", "sha256", "benchmarks", "filter", "shard"})
public record SuiteInfo(
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("benchmarks") int benchmarks,
        @JsonProperty("filter") String filter,
        @JsonProperty("shard") String shard) {

    public SuiteInfo {
        Objects.requireNonNull(file, "suite file is required");
        Objects.requireNonNull(sha256, "suite sha256 is required");
    }

    /** The same suite and filter, as a whole rather than one shard. */
    public SuiteInfo unsharded() {
        return new SuiteInfo(file, sha256, benchmarks, filter, null);
    }
}
