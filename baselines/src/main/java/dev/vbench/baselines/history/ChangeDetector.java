package dev.vbench.baselines.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the change points of a series, by the method its kind calls for:
 * <ul>
 *   <li>an exact series ({@link Series#exact()}: virtual time, calibrated time or a count of a
 *       deterministic benchmark) changes only when the program does, so every commit whose value
 *       differs from the one before is a change point, however small the difference;
 *   <li>a noisy series (wall time, or any metric of a benchmark that was not deterministic) goes
 *       through {@link EDivisive}; only its most recent {@link #maxNoisyPoints} points are analysed,
 *       since the test costs O(L^2) per permutation.
 * </ul>
 */
public final class ChangeDetector {
    /** How many of the most recent points of a noisy series E-Divisive looks at by default. */
    public static final int DEFAULT_MAX_NOISY_POINTS = 1000;

    private final EDivisive.Config config;
    private final int maxNoisyPoints;

    public ChangeDetector() {
        this(EDivisive.Config.DEFAULT, DEFAULT_MAX_NOISY_POINTS);
    }

    public ChangeDetector(EDivisive.Config config, int maxNoisyPoints) {
        this.config = Objects.requireNonNull(config, "config");
        if (maxNoisyPoints < 2 * config.minSize()) {
            throw new IllegalArgumentException("maxNoisyPoints must be at least twice minSize");
        }
        this.maxNoisyPoints = maxNoisyPoints;
    }

    public List<ChangePoint> detect(Series series) {
        return series.exact() ? exact(series) : noisy(series);
    }

    /** Every point whose value differs from the previous point's. */
    static List<ChangePoint> exact(Series series) {
        List<SeriesPoint> points = series.points();
        List<ChangePoint> changes = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            long before = points.get(i - 1).value();
            long after = points.get(i).value();
            if (before != after) {
                changes.add(change(series, i, before, after, ChangePoint.Method.EXACT, Double.NaN));
            }
        }
        return changes;
    }

    private List<ChangePoint> noisy(Series series) {
        List<SeriesPoint> points = series.points();
        int offset = Math.max(0, points.size() - maxNoisyPoints);
        double[] values = new double[points.size() - offset];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(offset + i).value();
        }
        List<EDivisive.Split> splits = EDivisive.detect(values, config);
        List<ChangePoint> changes = new ArrayList<>();
        for (int s = 0; s < splits.size(); s++) {
            int from = s == 0 ? 0 : splits.get(s - 1).index();
            int at = splits.get(s).index();
            int to = s + 1 < splits.size() ? splits.get(s + 1).index() : values.length;
            changes.add(change(series, offset + at, mean(values, from, at), mean(values, at, to),
                    ChangePoint.Method.E_DIVISIVE, splits.get(s).pValue()));
        }
        return changes;
    }

    private static ChangePoint change(Series series, int index, double before, double after,
                                      ChangePoint.Method method, double p) {
        SeriesPoint point = series.points().get(index);
        SeriesPoint previous = series.points().get(index - 1);
        boolean platformChanged = !Objects.equals(point.fingerprint(), previous.fingerprint());
        return new ChangePoint(series.benchmark(), series.metric(), series.branch(), index, point.commit(),
                point.recordedAt(), point.resultId(), before, after, ChangePoint.percent(before, after), method, p,
                platformChanged);
    }

    private static double mean(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i];
        }
        return sum / (to - from);
    }
}
