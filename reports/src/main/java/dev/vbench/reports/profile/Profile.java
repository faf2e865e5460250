package dev.vbench.reports.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A per-function profile file ({@code vbench run|bench --attribute}), schema
 * {@code vbench.profile/1}: for each benchmark, the calling-context tree of everything it ran,
 * merged over its threads and processes. {@code counts} names the costs every node carries, in
 * order; {@code prices} the cost model's virtual nanoseconds per unit of each (so a node's virtual
 * time is its costs priced).
 */
@JsonPropertyOrder({"schema", "counts", "prices", "benchmarks"})
public record Profile(
        @JsonProperty("schema") String schema,
        @JsonProperty("counts") List<String> counts,
        @JsonProperty("prices") Map<String, Double> prices,
        @JsonProperty("benchmarks") List<BenchmarkProfile> benchmarks) {

    public static final String SCHEMA = "vbench.profile/1";

    public Profile {
        Objects.requireNonNull(schema, "schema is required");
        counts = counts == null ? List.of() : List.copyOf(counts);
        prices = prices == null ? Map.of() : new TreeMap<>(prices);
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
    }

    /** The benchmark named {@code name}, or null. */
    public BenchmarkProfile benchmark(String name) {
        return benchmarks.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    /** The index of count {@code name} in every cost array, or -1. */
    public int countIndex(String name) {
        return counts.indexOf(name);
    }

    /** Virtual nanoseconds of {@code costs} by {@link #prices()}. */
    public double priced(long[] costs) {
        double ns = 0;
        for (int i = 0; i < counts.size() && i < costs.length; i++) {
            ns += costs[i] * prices.getOrDefault(counts.get(i), 0.0);
        }
        return ns;
    }
}
