package dev.vbench.model.cv;

import dev.vbench.model.Observation;
import java.util.List;

/**
 * A way of building a {@link Predictor} from calibration points: a regression over features, or a
 * fixed formula with at most a fitted time unit. Cross-validation treats them all alike.
 */
public interface Estimator {
    /** Short name for reports ("nnls-relative", "hermit-fixed", ...). */
    String name();

    /** One line on what it is, for the report. */
    String description();

    Predictor train(List<Observation> training);
}
