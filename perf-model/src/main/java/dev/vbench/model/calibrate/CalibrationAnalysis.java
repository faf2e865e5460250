package dev.vbench.model.calibrate;

import dev.vbench.model.FeatureSet;
import dev.vbench.model.Observation;
import dev.vbench.model.cv.CrossValidation;
import dev.vbench.model.cv.Estimator;
import dev.vbench.model.cv.FixedFormulas;
import dev.vbench.model.cv.HeldOutPrediction;
import dev.vbench.model.cv.LeaveOneKindOut;
import dev.vbench.model.cv.LinearEstimator;
import dev.vbench.model.fit.FitException;
import dev.vbench.model.fit.LinearFit;
import dev.vbench.model.fit.NonNegativeLeastSquares;
import dev.vbench.model.fit.OrdinaryLeastSquares;
import dev.vbench.model.fit.Weighting;
import dev.vbench.model.wall.NoiseFloor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * From measured samples to a {@link CalibrationReport}; no processes, so it is tested on synthetic
 * data. The model is NNLS (a negative cost would price more work as less time). Its weighting,
 * absolute or relative, is whichever predicts held-out points better (see {@link #better}):
 * relative weighting is expected to win because it minimises the quantity that is reported
 * (relative error) and keeps the longest points from dominating, but that is measured here on
 * every calibration, not assumed.
 * OLS and the fixed formulas are evaluated on the same held-out points for comparison.
 */
public final class CalibrationAnalysis {
    private CalibrationAnalysis() {}

    public static CalibrationReport analyse(FeatureSet features, List<CalibrationSample> samples) {
        List<Observation> observations = samples.stream().map(s -> s.observation(features)).toList();
        Set<String> kinds = new HashSet<>();
        observations.forEach(o -> kinds.add(o.kind()));
        if (kinds.size() < 2) {
            throw new IllegalArgumentException("calibration needs at least two workload kinds, got " + kinds);
        }
        if (observations.size() < features.size() + 2) {
            throw new IllegalArgumentException("calibration needs more points than features plus one: "
                    + observations.size() + " points, " + features.size() + " features");
        }
        double noiseFloor = NoiseFloor.percent(samples.stream().map(s -> s.wall().roundMedians()).toList());

        List<Evaluation> evaluations = new ArrayList<>();
        for (Weighting w : List.of(Weighting.RELATIVE, Weighting.ABSOLUTE)) {
            evaluations.add(evaluateLinear(new LinearEstimator(features, new NonNegativeLeastSquares(), w), observations));
        }
        Evaluation best = null;
        for (Evaluation e : evaluations) {
            if (!e.failed() && (best == null || better(e, best, noiseFloor))) {
                best = e;
            }
        }
        if (best == null) {
            throw new FitException("no non-negative fit could be made: " + evaluations.get(0).failure());
        }
        Weighting chosenWeighting = best.fullFit().weighting();
        for (Weighting w : List.of(Weighting.RELATIVE, Weighting.ABSOLUTE)) {
            evaluations.add(evaluateLinear(new LinearEstimator(features, new OrdinaryLeastSquares(), w), observations));
        }
        for (Estimator formula : List.of(FixedFormulas.hermit(), FixedFormulas.estimatedCycles(chosenWeighting),
                FixedFormulas.instructionsOnly(chosenWeighting))) {
            evaluations.add(evaluateFormula(formula, observations));
        }

        LinearFit fit = best.fullFit();
        List<PointResult> points = new ArrayList<>();
        List<HeldOutPrediction> heldOut = best.cv().predictions();
        for (int i = 0; i < samples.size(); i++) {
            Observation o = observations.get(i);
            double fitted = o.wallNanos() - fit.residuals()[i];
            // Predictions of the whole time: the fixed costs (sleep) the fit did not see come back.
            double known = samples.get(i).wall().medianNanos() - o.wallNanos();
            points.add(new PointResult(samples.get(i), fitted + known, heldOutFor(heldOut, o) + known));
        }
        return new CalibrationReport(features, best.name(), fit, evaluations, noiseFloor, kinds.size(), points);
    }

    /**
     * Whether {@code a} predicts held-out points better than {@code b}: a lower median error, unless
     * the two medians are closer than the noise floor, in which case the difference is not evidence
     * and the lower maximum error decides. On the dev VM the relative and absolute NNLS fits had
     * medians 0.4 points apart with a 21% noise floor, and maxima of 555% and 9026%: the median
     * alone would have kept the fit that is wildly wrong on short points.
     */
    static boolean better(Evaluation a, Evaluation b, double noiseFloorPct) {
        double medianA = a.cv().medianAbsPctError(), medianB = b.cv().medianAbsPctError();
        if (Math.abs(medianA - medianB) >= noiseFloorPct) {
            return medianA < medianB;
        }
        return a.cv().maxAbsPctError() < b.cv().maxAbsPctError();
    }

    private static Evaluation evaluateLinear(LinearEstimator estimator, List<Observation> observations) {
        try {
            LinearFit full = estimator.fit(observations);
            CrossValidation cv = LeaveOneKindOut.run(estimator, observations);
            return new Evaluation(estimator.name(), estimator.description(), full, cv, null);
        } catch (FitException e) {
            return new Evaluation(estimator.name(), estimator.description(), null, null, e.getMessage());
        }
    }

    private static Evaluation evaluateFormula(Estimator formula, List<Observation> observations) {
        try {
            return new Evaluation(formula.name(), formula.description(), null, LeaveOneKindOut.run(formula, observations), null);
        } catch (FitException e) {
            return new Evaluation(formula.name(), formula.description(), null, null, e.getMessage());
        }
    }

    /** Observations are values, and a corpus has one per (kind, size): find its held-out prediction. */
    private static double heldOutFor(List<HeldOutPrediction> predictions, Observation o) {
        for (HeldOutPrediction p : predictions) {
            if (p.observation() == o) {
                return p.predictedNanos();
            }
        }
        throw new IllegalStateException("no held-out prediction for " + o.kind() + "/" + o.size());
    }
}
