package dev.vbench.model.cv;

import dev.vbench.model.FeatureSet;
import dev.vbench.model.Observation;
import dev.vbench.model.fit.FitProblem;
import dev.vbench.model.fit.LinearFit;
import dev.vbench.model.fit.Regression;
import dev.vbench.model.fit.Weighting;
import java.util.List;

/** Time = sum over features of count x fitted cost, by one regression method and weighting. */
public record LinearEstimator(FeatureSet features, Regression regression, Weighting weighting) implements Estimator {

    @Override
    public String name() {
        return regression.name() + "-" + weighting.label();
    }

    @Override
    public String description() {
        return regression.name().toUpperCase() + " over " + features.size() + " features, " + weighting.label() + " error";
    }

    /** The fit itself, with its statistics. */
    public LinearFit fit(List<Observation> training) {
        double[][] x = new double[training.size()][];
        double[] y = new double[training.size()];
        for (int i = 0; i < y.length; i++) {
            x[i] = features.vector(training.get(i).counts());
            y[i] = training.get(i).wallNanos();
        }
        return regression.fit(new FitProblem(features.names(), x, y, weighting));
    }

    @Override
    public Predictor train(List<Observation> training) {
        LinearFit fit = fit(training);
        return counts -> fit.predict(features.vector(counts));
    }
}
