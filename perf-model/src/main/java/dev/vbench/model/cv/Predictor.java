package dev.vbench.model.cv;

import java.util.Map;

/** A trained model: the wall time, in nanoseconds, it predicts for a run's counts. */
@FunctionalInterface
public interface Predictor {
    double predictNanos(Map<String, Long> counts);
}
