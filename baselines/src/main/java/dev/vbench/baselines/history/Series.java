package dev.vbench.baselines.history;

import java.util.List;

/**
 * The values of one metric of one benchmark on one branch, oldest first (by time recorded, then by
 * the order of recording).
 */
public record Series(String benchmark, Metric metric, String branch, List<SeriesPoint> points) {
    public Series {
        points = List.copyOf(points);
    }

    /**
     * Whether every change is real: an exact metric of a benchmark whose every point was
     * deterministic. Otherwise the series is noisy and needs a statistical test.
     */
    public boolean exact() {
        return !metric.noisy() && points.stream().allMatch(SeriesPoint::deterministic);
    }

    public int size() {
        return points.size();
    }

    public long[] values() {
        return points.stream().mapToLong(SeriesPoint::value).toArray();
    }
}
