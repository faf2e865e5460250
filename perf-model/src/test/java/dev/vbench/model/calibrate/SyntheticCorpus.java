package dev.vbench.model.calibrate;

import dev.vbench.model.corpus.CorpusPoint;
import dev.vbench.model.wall.WallSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * A corpus with known true costs: six kinds of four sizes, each kind with its own mix of work, wall
 * times = true cost x (1 + noise), measured in five rounds of three runs.
 */
final class SyntheticCorpus {
    /** The features the truth uses, and two it does not (their costs must come out near 0). */
    static final dev.vbench.model.FeatureSet FEATURES = dev.vbench.model.FeatureSet.of("instructions",
            "branches_conditional", "branches_indirect", "syscalls", "pages_touched", "processes", "threads");
    static final Map<String, Double> TRUE_COSTS = Map.of(
            "instructions", 0.3, "branches_conditional", 1.0, "syscalls", 1500.0, "processes", 1_000_000.0);

    private SyntheticCorpus() {}

    static List<CorpusPoint> points() {
        List<CorpusPoint> points = new ArrayList<>();
        for (String kind : List.of("compute", "branches", "syscalls", "spawn", "mixed", "tiny")) {
            for (long size = 1; size <= 8; size *= 2) {
                points.add(new CorpusPoint(kind, size, List.of("synthetic", kind, Long.toString(size))));
            }
        }
        return points;
    }

    static Map<String, Long> counts(CorpusPoint p) {
        long s = p.size();
        Map<String, Long> c = new LinkedHashMap<>();
        switch (p.kind()) {
            case "compute" -> { c.put("instructions", 100_000_000 * s); c.put("branches_conditional", 5_000_000 * s); c.put("syscalls", 40L); c.put("processes", 1L); }
            case "branches" -> { c.put("instructions", 40_000_000 * s); c.put("branches_conditional", 20_000_000 * s); c.put("syscalls", 40L); c.put("processes", 1L); }
            case "syscalls" -> { c.put("instructions", 5_000_000 * s); c.put("branches_conditional", 1_000_000 * s); c.put("syscalls", 20_000 * s); c.put("processes", 1L); }
            case "spawn" -> { c.put("instructions", 2_000_000 * s); c.put("branches_conditional", 400_000 * s); c.put("syscalls", 300 * s); c.put("processes", 1 + 10 * s); }
            case "mixed" -> { c.put("instructions", 30_000_000 * s); c.put("branches_conditional", 6_000_000 * s); c.put("syscalls", 5_000 * s); c.put("processes", 1 + s); }
            default -> { c.put("instructions", 1_000_000 * s + 200_000); c.put("branches_conditional", 200_000 * s); c.put("syscalls", 100L * s); c.put("processes", 1L); }
        }
        return c;
    }

    static double trueNanos(Map<String, Long> counts) {
        double t = 0;
        for (Map.Entry<String, Double> cost : TRUE_COSTS.entrySet()) {
            t += counts.getOrDefault(cost.getKey(), 0L) * cost.getValue();
        }
        return t;
    }

    /** Five rounds of three runs, each run the true time times (1 + noise x N(0,1)). */
    static WallSample wall(CorpusPoint p, double noise, Random random) {
        double truth = trueNanos(counts(p));
        Histogram h = new Histogram(3);
        double[] roundMedians = new double[5];
        for (int r = 0; r < 5; r++) {
            double[] runs = new double[3];
            for (int k = 0; k < 3; k++) {
                runs[k] = truth * (1 + noise * random.nextGaussian());
                h.recordValue(Math.round(runs[k]));
            }
            java.util.Arrays.sort(runs);
            roundMedians[r] = runs[1];
        }
        return new WallSample(h, roundMedians);
    }

    static List<CalibrationSample> samples(double noise, long seed) {
        Random random = new Random(seed);
        List<CalibrationSample> samples = new ArrayList<>();
        for (CorpusPoint p : points()) {
            samples.add(new CalibrationSample(p, counts(p), wall(p, noise, random)));
        }
        return samples;
    }
}
