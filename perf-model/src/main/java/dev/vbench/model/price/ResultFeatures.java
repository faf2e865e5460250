package dev.vbench.model.price;

import dev.vbench.model.FeatureNames;
import dev.vbench.reports.model.Benchmark;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The features of a stored benchmark, by name, as a model prices them: every count of its
 * {@code counters}, plus the processes and threads it created and the scheduler's switches between
 * threads, which results keep as fields of their own. Calibration takes a corpus point's features
 * from the same benchmark entry a result would hold, so a model prices stored results exactly as
 * it was fitted.
 */
public final class ResultFeatures {
    private ResultFeatures() {}

    public static Map<String, Long> of(Benchmark b) {
        Map<String, Long> features = new LinkedHashMap<>(b.counters().asMap());
        if (b.processes() > 0) {
            features.put(FeatureNames.PROCESSES, (long) b.processes());
        }
        if (b.threads() > 0) {
            features.put(FeatureNames.THREADS, (long) b.threads());
        }
        if (b.scheduler() != null) {
            features.put(FeatureNames.CONTEXT_SWITCHES, b.scheduler().contextSwitches());
        }
        return features;
    }
}
