package dev.vbench.model.calibrate;

import dev.vbench.model.Observation;
import dev.vbench.model.corpus.CorpusPoint;
import dev.vbench.model.wall.WallSample;
import java.util.Map;

/** Everything measured for one point: its counts under vbench and its native wall times. */
public record CalibrationSample(CorpusPoint point, Map<String, Long> counts, WallSample wall) {
    public CalibrationSample {
        counts = Map.copyOf(counts);
    }

    /** What the fits use: the median wall time stands for the point. */
    public Observation observation() {
        return new Observation(point.kind(), point.size(), counts, wall.medianNanos());
    }
}
