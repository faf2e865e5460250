package dev.vbench.model.calibrate;

import dev.vbench.model.cv.CrossValidation;
import dev.vbench.model.fit.LinearFit;

/**
 * One model or formula, judged on held-out points.
 *
 * @param fullFit its fit on all points (null for formulas without a regression, and on failure)
 * @param cv      leave-one-kind-out result (null on failure)
 * @param failure why it could not be fitted (null if it could)
 */
public record Evaluation(String name, String description, LinearFit fullFit, CrossValidation cv, String failure) {
    public boolean failed() {
        return failure != null;
    }
}
