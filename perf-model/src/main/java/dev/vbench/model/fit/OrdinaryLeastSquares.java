package dev.vbench.model.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted ordinary least squares through a QR decomposition (commons-math3). Coefficients may come
 * out negative; it is reported beside {@link NonNegativeLeastSquares} to show what the constraint
 * costs. A feature that is zero in every point is left at zero (nothing to estimate it from);
 * linearly dependent features make the fit fail rather than return arbitrary coefficients.
 */
public final class OrdinaryLeastSquares implements Regression {

    @Override
    public String name() {
        return "ols";
    }

    @Override
    public LinearFit fit(FitProblem problem) {
        WeightedDesign design = new WeightedDesign(problem);
        boolean[] observed = new boolean[problem.columns()];
        for (int j = 0; j < observed.length; j++) {
            observed[j] = !design.zeroColumn[j];
        }
        if (WeightedDesign.count(observed) == 0) {
            throw new FitException("none of the features " + problem.names() + " is non-zero in any of the "
                    + problem.rows() + " points: there is nothing to fit");
        }
        double[] scaled = design.solveOn(observed);
        if (scaled == null) {
            List<String> used = new ArrayList<>();
            for (int j = 0; j < observed.length; j++) {
                if (observed[j]) {
                    used.add(problem.names().get(j));
                }
            }
            throw new FitException("the features " + used + " are linearly dependent over these "
                    + problem.rows() + " points: least squares has no unique solution");
        }
        return FitStatistics.summarise(name(), design, scaled, observed);
    }
}
