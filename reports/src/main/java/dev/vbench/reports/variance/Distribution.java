package dev.vbench.reports.variance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.List;

/**
 * How one metric spreads over runs: exact order statistics (nearest rank, no interpolation: every
 * percentile is a value some run had), the mean, and the spread {@code (max - min) / min} in percent.
 */
@JsonPropertyOrder({"runs", "min", "p10", "p25", "median", "p75", "p90", "max", "mean", "spread_pct"})
public record Distribution(
        @JsonProperty("runs") int runs,
        @JsonProperty("min") long min,
        @JsonProperty("p10") long p10,
        @JsonProperty("p25") long p25,
        @JsonProperty("median") long median,
        @JsonProperty("p75") long p75,
        @JsonProperty("p90") long p90,
        @JsonProperty("max") long max,
        @JsonProperty("mean") double mean,
        @JsonProperty("spread_pct") double spreadPct) {

    /** @throws IllegalArgumentException if there are no values */
    public static Distribution of(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a distribution needs at least one value");
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(v).mapToDouble(x -> x).sum() / v.length;
        double spread = v[0] == 0 ? (v[v.length - 1] == 0 ? 0 : Double.POSITIVE_INFINITY)
                : 100.0 * (v[v.length - 1] - v[0]) / v[0];
        return new Distribution(v.length, v[0], rank(v, 10), rank(v, 25), rank(v, 50), rank(v, 75), rank(v, 90),
                v[v.length - 1], mean, spread);
    }

    /** The nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static long rank(long[] sorted, double p) {
        int k = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, k - 1))];
    }

    /** True if every run had the same value. */
    public boolean constant() {
        return min == max;
    }
}
