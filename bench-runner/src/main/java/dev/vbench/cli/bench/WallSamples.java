package dev.vbench.cli.bench;

import dev.vbench.reports.model.WallTime;
import org.HdrHistogram.Histogram;

/**
 * Native wall times of one benchmark, in nanoseconds. Percentiles come from an HdrHistogram with
 * three significant digits (a percentile is exact to 0.1%, rounded to the histogram's bucket);
 * min and max are kept exactly beside it.
 */
public final class WallSamples {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private int count;

    public void add(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a wall time cannot be negative: " + nanos);
        }
        histogram.recordValue(nanos);
        min = Math.min(min, nanos);
        max = Math.max(max, nanos);
        count++;
    }

    public int count() {
        return count;
    }

    /** The summary for the result file; null when nothing was recorded. */
    public WallTime summary() {
        if (count == 0) {
            return null;
        }
        return new WallTime(count, min, clamp(25), clamp(50), clamp(75), clamp(90), clamp(99), max);
    }

    /** The histogram's value at {@code percentile}, never outside the exact min and max. */
    private long clamp(double percentile) {
        long v = histogram.getValueAtPercentile(percentile);
        return Math.max(min, Math.min(max, v));
    }
}
