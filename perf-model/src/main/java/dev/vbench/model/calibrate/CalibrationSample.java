package dev.vbench.model.calibrate;

import dev.vbench.model.FeatureSet;
import dev.vbench.model.Observation;
import dev.vbench.model.corpus.CorpusPoint;
import dev.vbench.model.wall.WallSample;
import java.util.Map;

/** Everything measured for one point: its counts under vbench and its native wall times. */
public record CalibrationSample(CorpusPoint point, Map<String, Long> counts, WallSample wall) {
    public CalibrationSample {
        counts = Map.copyOf(counts);
    }

    /**
     * What a fit of {@code features} uses: the median wall time stands for the point, less what the
     * costs known without fitting account for ({@link FeatureSet#FIXED}: sleep, unless it is one of
     * the features fitted).
     */
    public Observation observation(FeatureSet features) {
        double known = 0;
        for (Map.Entry<String, Double> fixed : FeatureSet.FIXED.entrySet()) {
            if (!features.names().contains(fixed.getKey())) {
                known += fixed.getValue() * counts.getOrDefault(fixed.getKey(), 0L);
            }
        }
        return new Observation(point.kind(), point.size(), counts, Math.max(1, wall.medianNanos() - known));
    }
}
