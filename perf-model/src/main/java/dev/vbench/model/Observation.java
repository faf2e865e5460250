package dev.vbench.model;

import java.util.Map;

/**
 * One calibration point as the fits see it: what the workload did (counts under vbench) and how
 * long it took natively (the median of its wall-time runs).
 *
 * @param kind      the workload it belongs to; cross-validation holds out all points of a kind together
 * @param size      the workload's size parameter
 * @param wallNanos native wall time, nanoseconds, > 0
 */
public record Observation(String kind, long size, Map<String, Long> counts, double wallNanos) {
    public Observation {
        counts = Map.copyOf(counts);
        if (!(wallNanos > 0) || Double.isInfinite(wallNanos)) {
            throw new IllegalArgumentException("wall time of " + kind + "/" + size + " is not positive: " + wallNanos);
        }
    }

    /** Absolute error of a prediction, in percent of the measured time. */
    public double absPercentError(double predictedNanos) {
        return Math.abs(predictedNanos - wallNanos) / wallNanos * 100;
    }
}
