package dev.vbench.model.fit;

import java.util.List;

/**
 * A linear least-squares problem without intercept: find c >= (or any) with y ~ X c, each row
 * weighted by {@link Weighting}. No intercept because every cost is per unit of something counted;
 * a per-run constant (process start-up) is a feature of its own ("processes").
 *
 * @param names   one name per column of {@code x}
 * @param x       n rows of features (counts), each of names.size() values
 * @param y       n measured times in nanoseconds, all positive and finite
 */
public record FitProblem(List<String> names, double[][] x, double[] y, Weighting weighting) {

    public FitProblem {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a fit needs at least one feature");
        }
        if (x.length != y.length || y.length == 0) {
            throw new IllegalArgumentException("a fit needs as many rows of features as measured times, and at least one: "
                    + x.length + " rows, " + y.length + " times");
        }
        for (int i = 0; i < y.length; i++) {
            if (x[i].length != names.size()) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + names.size());
            }
            if (!(y[i] > 0) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("measured time of row " + i + " is not a positive finite number: " + y[i]);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + " has a non-finite feature value");
                }
            }
        }
    }

    public int rows() {
        return y.length;
    }

    public int columns() {
        return names.size();
    }
}
