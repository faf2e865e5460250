package dev.vbench.model.fit;

/**
 * Standard errors and goodness of fit of a solved {@link WeightedDesign}, all in the fit's own
 * weighted metric (for relative weights, sigma is a relative error).
 */
final class FitStatistics {
    private FitStatistics() {}

    /**
     * @param scaled    solution in scaled units
     * @param estimated which coefficients were estimated freely (the others are fixed at zero:
     *                  unobserved features, or ones held at the bound by NNLS); they count as
     *                  parameters for the degrees of freedom and get standard errors
     */
    static LinearFit summarise(String method, WeightedDesign design, double[] scaled, boolean[] estimated) {
        FitProblem problem = design.problem;
        int n = problem.rows();
        double[] coefficients = design.unscale(scaled);
        double[] y = problem.y();
        double[] residuals = new double[n];
        double[] weights = new double[n];
        double weightSum = 0, weightedMean = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int j = 0; j < coefficients.length; j++) {
                fitted += coefficients[j] * problem.x()[i][j];
            }
            residuals[i] = y[i] - fitted;
            weights[i] = problem.weighting().weight(y[i]);
            weightSum += weights[i];
            weightedMean += weights[i] * y[i];
        }
        weightedMean /= weightSum;
        double sse = 0, sst = 0;
        for (int i = 0; i < n; i++) {
            sse += weights[i] * residuals[i] * residuals[i];
            sst += weights[i] * (y[i] - weightedMean) * (y[i] - weightedMean);
        }
        int parameters = 0;
        for (boolean e : estimated) {
            parameters += e ? 1 : 0;
        }
        double r2 = sst > 0 ? 1 - sse / sst : (sse == 0 ? 1 : Double.NaN);
        int freedom = n - parameters;
        double adjustedR2 = freedom > 0 && n > 1 ? 1 - (1 - r2) * (n - 1) / freedom : Double.NaN;

        double[] standardErrors = new double[coefficients.length];
        java.util.Arrays.fill(standardErrors, Double.NaN);
        if (freedom > 0) {
            double sigma = Math.sqrt(sse / freedom);
            double[] inverseDiagonal = design.inverseGramDiagonal(estimated);
            for (int j = 0; j < coefficients.length; j++) {
                if (estimated[j]) {
                    standardErrors[j] = sigma * Math.sqrt(inverseDiagonal[j]) / design.scale[j];
                }
            }
        }
        return new LinearFit(method, problem.weighting(), problem.names(), coefficients, standardErrors,
                r2, adjustedR2, residuals);
    }
}
