package dev.vbench.model.price;

import dev.vbench.clock.Counts;
import dev.vbench.model.CalibratedModel;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices stored results with a calibrated model: {@code calibrated_time_ns} and
 * {@code calibrated_model} of every benchmark that ran and was counted by the model's counter
 * backend. Pure: the result's counts are not touched and nothing is re-run.
 */
public final class ResultPricing {
    private ResultPricing() {}

    /** The calibrated time of {@code b} under {@code model}, or null if the model cannot price it. */
    public static Long price(CalibratedModel model, Benchmark b, String resultCounter) {
        String counter = b.counter() != null ? b.counter() : resultCounter;
        if (!model.counter().equals(counter) || b.runs() == 0 || b.counters().isEmpty()) {
            return null; // counted by another backend, or never run
        }
        Map<String, Long> features = ResultFeatures.of(b);
        for (String name : model.features()) {
            if (Counts.ON_REQUEST.contains(name) && !features.containsKey(name)) {
                return null; // a run that did not take it (vbcount's default): not 0, unknown
            }
        }
        return model.price(features);
    }

    /**
     * {@code result} with every benchmark re-priced by {@code model} (null: calibrated time
     * removed); a benchmark the model cannot price loses its calibrated time.
     */
    public static Result reprice(Result result, CalibratedModel model) {
        List<Benchmark> priced = new ArrayList<>();
        for (Benchmark b : result.benchmarks()) {
            priced.add(reprice(b, model, result.environment().counter()));
        }
        return new Result(result.schema(), result.vbench(), result.environment(), result.suite(), priced);
    }

    public static Benchmark reprice(Benchmark b, CalibratedModel model, String resultCounter) {
        Long nanos = model == null ? null : price(model, b, resultCounter);
        return b.toBuilder().calibratedTimeNs(nanos).calibratedModel(nanos == null ? null : model.id()).build();
    }
}
