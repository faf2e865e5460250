package dev.vbench.model.wall;

import org.HdrHistogram.Histogram;

/**
 * The native wall times of one point: every run in a histogram (nanoseconds, 3 significant
 * digits, so percentiles are within 0.1%), and the median of each round for the noise floor.
 */
public final class WallSample {
    private final Histogram histogram;
    private final double[] roundMedians;

    public WallSample(Histogram histogram, double[] roundMedians) {
        if (histogram.getTotalCount() == 0) {
            throw new IllegalArgumentException("a wall sample needs at least one run");
        }
        this.histogram = histogram.copy();
        this.roundMedians = roundMedians.clone();
    }

    /** A copy: callers cannot change the sample. */
    public Histogram histogram() {
        return histogram.copy();
    }

    public double[] roundMedians() {
        return roundMedians.clone();
    }

    public long runs() {
        return histogram.getTotalCount();
    }

    public double medianNanos() {
        return histogram.getValueAtPercentile(50);
    }

    public double p10Nanos() {
        return histogram.getValueAtPercentile(10);
    }

    public double p90Nanos() {
        return histogram.getValueAtPercentile(90);
    }
}
