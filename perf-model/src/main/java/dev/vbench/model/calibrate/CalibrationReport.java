package dev.vbench.model.calibrate;

import dev.vbench.model.CalibratedModel;
import dev.vbench.model.FeatureSet;
import dev.vbench.model.fit.LinearFit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a calibration: the chosen model's fit on all points, every candidate and fixed
 * formula judged by leave-one-kind-out cross-validation, the wall-time noise floor they should be
 * read against, and per-point predictions.
 *
 * @param chosen      name of the evaluation whose fit became the model
 * @param evaluations every candidate and formula, in a fixed order
 */
public record CalibrationReport(FeatureSet features, String chosen, LinearFit fit, List<Evaluation> evaluations,
                                double noiseFloorPct, int kinds, List<PointResult> points) {

    public CalibrationReport {
        evaluations = List.copyOf(evaluations);
        points = List.copyOf(points);
    }

    public Evaluation evaluation(String name) {
        return evaluations.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no evaluation named " + name));
    }

    /** The model this calibration produced, for a model file. */
    public CalibratedModel toModel(String counter, String host, Instant created) {
        List<CalibratedModel.Coefficient> coefficients = new ArrayList<>();
        double[] c = fit.coefficients(), se = fit.standardErrors();
        for (int j = 0; j < c.length; j++) {
            // NNLS returns exact zeros at the bound; clamp -0.0 and rounding dust from the unscaling.
            coefficients.add(new CalibratedModel.Coefficient(fit.names().get(j), Math.max(0, c[j]), se[j]));
        }
        for (Map.Entry<String, Double> fixed : new TreeMap<>(FeatureSet.FIXED).entrySet()) {
            if (!fit.names().contains(fixed.getKey())) {
                coefficients.add(new CalibratedModel.Coefficient(fixed.getKey(), fixed.getValue(), Double.NaN));
            }
        }
        Evaluation model = evaluation(chosen);
        CalibratedModel.FitSummary summary = new CalibratedModel.FitSummary(fit.method(), fit.weighting().label(),
                points.size(), kinds, fit.r2(), fit.adjustedR2(), model.cv().medianAbsPctError(),
                model.cv().maxAbsPctError(), noiseFloorPct);
        List<CalibratedModel.Alternative> alternatives = new ArrayList<>();
        for (Evaluation e : evaluations) {
            if (!e.name().equals(chosen)) {
                alternatives.add(new CalibratedModel.Alternative(e.name(), e.description(),
                        e.failed() ? Double.NaN : e.cv().medianAbsPctError(),
                        e.failed() ? Double.NaN : e.cv().maxAbsPctError(), e.failure()));
            }
        }
        return new CalibratedModel(modelId(counter, coefficients), created, host, counter, coefficients, summary, alternatives);
    }

    /** "cal-COUNTER-" and 12 hex digits of SHA-256 over the features and coefficients. */
    static String modelId(String counter, List<CalibratedModel.Coefficient> coefficients) {
        StringBuilder content = new StringBuilder(counter);
        for (CalibratedModel.Coefficient c : coefficients) {
            content.append('\n').append(c.feature()).append('=').append(Double.toString(c.nanosPerUnit()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return "cal-" + counter + "-" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
