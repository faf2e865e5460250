package dev.vbench.model.fit;

import java.util.List;

/**
 * Coefficients of a fitted linear model and how well they fit.
 *
 * @param coefficients   nanoseconds per unit of each feature, in {@code names} order
 * @param standardErrors standard error of each coefficient; NaN where it was not estimated (a
 *                       feature that was zero in every point, or one the non-negativity
 *                       constraint held at zero)
 * @param r2             coefficient of determination in the weighted metric of the fit
 * @param adjustedR2     r2 penalised for the number of estimated coefficients; NaN if as many
 *                       coefficients as points
 * @param residuals      measured minus fitted time per point, in nanoseconds (unweighted)
 */
public record LinearFit(String method, Weighting weighting, List<String> names, double[] coefficients,
                        double[] standardErrors, double r2, double adjustedR2, double[] residuals) {

    public LinearFit {
        names = List.copyOf(names);
        coefficients = coefficients.clone();
        standardErrors = standardErrors.clone();
        residuals = residuals.clone();
    }

    /** Nanoseconds predicted for one row of features (same order as {@code names}). */
    public double predict(double[] features) {
        double sum = 0;
        for (int j = 0; j < coefficients.length; j++) {
            sum += coefficients[j] * features[j];
        }
        return sum;
    }

    public double coefficient(String name) {
        return coefficients[indexOf(name)];
    }

    public double standardError(String name) {
        return standardErrors[indexOf(name)];
    }

    private int indexOf(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no feature '" + name + "' in this fit: " + names);
        }
        return j;
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }
}
