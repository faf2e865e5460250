package dev.vbench.model.cv;

import dev.vbench.model.Stats;
import java.util.List;

/**
 * Held-out predictions of one estimator and their summary.
 *
 * @param medianAbsPctError median over all held-out points of |predicted - measured| / measured, percent
 * @param maxAbsPctError    the worst of them
 */
public record CrossValidation(String estimator, List<HeldOutPrediction> predictions,
                              double medianAbsPctError, double maxAbsPctError) {

    public static CrossValidation of(String estimator, List<HeldOutPrediction> predictions) {
        List<Double> errors = predictions.stream().map(HeldOutPrediction::absPercentError).toList();
        return new CrossValidation(estimator, List.copyOf(predictions), Stats.median(errors), Stats.max(errors));
    }
}
