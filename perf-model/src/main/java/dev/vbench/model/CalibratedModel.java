package dev.vbench.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A calibrated cost model: nanoseconds per unit of each feature, fitted against native wall time on
 * one host with one counter backend, and how well it predicted workloads it was not fitted on. It
 * prices a run's counts; a model file stores it (see dev.vbench.model.io).
 *
 * @param id           names the content (counter, features, coefficients): same id, same prices
 * @param host         the machine whose wall time it was fitted to
 * @param counter      the counter backend whose counts it prices ("valgrind", "perf", "none"):
 *                     counts from another backend mean other things (perf counts the host's
 *                     instructions, Valgrind its JIT's guest instructions)
 * @param alternatives the formulas it was compared with, on the same held-out points
 */
public record CalibratedModel(String id, Instant created, String host, String counter,
                              List<Coefficient> coefficients, FitSummary fit, List<Alternative> alternatives) {

    /** @param standardError NaN when not estimated (held at zero by the constraint, or never observed) */
    public record Coefficient(String feature, double nanosPerUnit, double standardError) {
        public Coefficient {
            if (!(nanosPerUnit >= 0) || Double.isInfinite(nanosPerUnit)) {
                throw new IllegalArgumentException("coefficient of " + feature + " must be finite and >= 0, not " + nanosPerUnit);
            }
        }
    }

    /** Percentages are of the measured wall time. */
    public record FitSummary(String method, String weighting, int points, int kinds, double r2, double adjustedR2,
                             double cvMedianAbsPctError, double cvMaxAbsPctError, double noiseFloorPct) {}

    /** A compared formula; its errors are NaN and {@code failure} says why when it could not be fitted. */
    public record Alternative(String name, String description, double cvMedianAbsPctError, double cvMaxAbsPctError,
                              String failure) {}

    public CalibratedModel {
        coefficients = List.copyOf(coefficients);
        alternatives = List.copyOf(alternatives);
        if (coefficients.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one coefficient");
        }
        new FeatureSet(coefficients.stream().map(Coefficient::feature).toList()); // unique, non-blank
    }

    public List<String> features() {
        List<String> names = new ArrayList<>();
        for (Coefficient c : coefficients) {
            names.add(c.feature());
        }
        return names;
    }

    /** Calibrated nanoseconds for a run's counts; a feature the run did not report costs nothing. */
    public long price(Map<String, Long> counts) {
        double nanos = 0;
        for (Coefficient c : coefficients) {
            Long count = counts.get(c.feature());
            if (count != null) {
                nanos += c.nanosPerUnit() * count;
            }
        }
        return Math.round(nanos);
    }
}
