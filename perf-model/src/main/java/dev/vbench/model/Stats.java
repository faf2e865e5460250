package dev.vbench.model;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics used by the noise floor and the cross-validation summaries. */
public final class Stats {
    private Stats() {}

    /** The middle value, or the mean of the two middle values for an even count. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max()
                .orElseThrow(() -> new IllegalArgumentException("max of no values"));
    }
}
