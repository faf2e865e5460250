package dev.vbench.model.wall;

import dev.vbench.model.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * How far apart repeated wall-time measurements of the same point are: the error no model can beat.
 * For each point, each round's median is compared with the median of that point's other rounds
 * (|round - others| / others, percent); the point's deviation is the median of those, and the noise
 * floor is the median over points. Comparing against the other rounds, not all of them, keeps a
 * round from being compared with itself.
 */
public final class NoiseFloor {
    private NoiseFloor() {}

    /** @param roundMediansPerPoint for each point, its per-round median wall times; points with fewer than two rounds are skipped */
    public static double percent(List<double[]> roundMediansPerPoint) {
        List<Double> perPoint = new ArrayList<>();
        for (double[] rounds : roundMediansPerPoint) {
            if (rounds.length >= 2) {
                perPoint.add(pointDeviationPercent(rounds));
            }
        }
        if (perPoint.isEmpty()) {
            throw new IllegalArgumentException("the noise floor needs a point measured in at least two rounds");
        }
        return Stats.median(perPoint);
    }

    /** Median over rounds of the absolute percentage deviation from the other rounds' median. */
    static double pointDeviationPercent(double[] rounds) {
        double[] deviations = new double[rounds.length];
        double[] others = new double[rounds.length - 1];
        for (int r = 0; r < rounds.length; r++) {
            for (int o = 0, k = 0; o < rounds.length; o++) {
                if (o != r) {
                    others[k++] = rounds[o];
                }
            }
            double reference = Stats.median(others);
            deviations[r] = Math.abs(rounds[r] - reference) / reference * 100;
        }
        return Stats.median(deviations);
    }
}
