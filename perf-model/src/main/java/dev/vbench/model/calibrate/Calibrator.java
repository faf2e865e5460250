package dev.vbench.model.calibrate;

import dev.vbench.model.FeatureSet;
import dev.vbench.model.corpus.CorpusPoint;
import dev.vbench.model.wall.WallSample;
import dev.vbench.model.wall.WallTimeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calibration pipeline: counts every point (under vbench, through the {@link CountSource}),
 * times every point natively (through the {@link WallTimeSource}), and fits the model. Counting and
 * timing are separate passes so the native runs never overlap the supervisor.
 */
public final class Calibrator {
    private final FeatureSet features;
    private final CountSource counts;
    private final WallTimeSource wall;

    public Calibrator(FeatureSet features, CountSource counts, WallTimeSource wall) {
        this.features = features;
        this.counts = counts;
        this.wall = wall;
    }

    public CalibrationReport calibrate(List<CorpusPoint> points) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (CorpusPoint p : points) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("calibration point " + p.id() + " is listed twice");
            }
        }
        List<Map<String, Long>> counted = new ArrayList<>();
        for (CorpusPoint p : points) {
            counted.add(counts.counts(p));
        }
        List<WallSample> timed = wall.measure(points);
        if (timed.size() != points.size()) {
            throw new IllegalStateException("wall-time source returned " + timed.size() + " samples for " + points.size() + " points");
        }
        List<CalibrationSample> samples = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            samples.add(new CalibrationSample(points.get(i), counted.get(i), timed.get(i)));
        }
        return CalibrationAnalysis.analyse(features, samples);
    }

    /** The counter backend the counts come from, for the model file. */
    public String counter() {
        return counts.counter();
    }
}
