package dev.vbench.model.fit;

import org.apache.commons.math3.linear.ArrayRealVector;

/**
 * Least squares with every coefficient >= 0: a cost per instruction or per system call cannot be
 * negative, and a model with a negative one would price more work as less time. This is the
 * active-set method of Lawson and Hanson (Solving Least Squares Problems, 1974, ch. 23), each
 * unconstrained sub-problem solved by QR on commons-math3 matrices.
 *
 * <p>Outline: start with every coefficient at zero (all "bound"). Repeatedly free the bound
 * coefficient whose gradient w = A^T (b - A x) is most positive (the one that would most reduce the
 * residual if allowed to grow), solve least squares on the free set, and if that solution makes a
 * free coefficient non-positive, move along the segment towards it only until the first one reaches
 * zero and bind it again. Stops when no bound coefficient has a positive gradient: the KKT
 * conditions of the constrained problem.
 *
 * <p>Standard errors are those of the least-squares fit on the final free set (conditional on which
 * coefficients are bound); a coefficient held at zero has none (NaN).
 */
public final class NonNegativeLeastSquares implements Regression {

    @Override
    public String name() {
        return "nnls";
    }

    @Override
    public LinearFit fit(FitProblem problem) {
        WeightedDesign design = new WeightedDesign(problem);
        int k = problem.columns();
        double[] x = new double[k];
        boolean[] free = new boolean[k];
        // Columns that can never be freed: unobserved ones, and ones found numerically dependent on
        // the free set (their true gradient is zero; rounding made it look positive).
        boolean[] excluded = design.zeroColumn.clone();
        double tolerance = 1e-10 * Math.max(design.b.getNorm(), Double.MIN_NORMAL);

        for (int outer = 0; outer < 3 * k + 10; outer++) {
            double[] w = gradient(design, x);
            int enter = -1;
            for (int j = 0; j < k; j++) {
                if (!free[j] && !excluded[j] && w[j] > tolerance && (enter < 0 || w[j] > w[enter])) {
                    enter = j;
                }
            }
            if (enter < 0) {
                return FitStatistics.summarise(name(), design, x, positive(x));
            }
            free[enter] = true;
            for (int inner = 0; ; inner++) {
                double[] z = design.solveOn(free);
                if (z == null || (inner == 0 && z[enter] <= 0)) {
                    // In exact arithmetic the entering coefficient is positive in the new solution;
                    // if it is not, its column adds nothing the free set cannot express.
                    free[enter] = false;
                    excluded[enter] = true;
                    break;
                }
                if (allFreePositive(z, free)) {
                    System.arraycopy(z, 0, x, 0, k);
                    break;
                }
                // Move from x towards z until the first free coefficient reaches zero; bind it (and
                // any other that rounding took to zero or below).
                int hit = -1;
                double step = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    if (free[j] && z[j] <= 0) {
                        double ratio = x[j] > z[j] ? x[j] / (x[j] - z[j]) : 0;
                        if (ratio < step) {
                            step = ratio;
                            hit = j;
                        }
                    }
                }
                for (int j = 0; j < k; j++) {
                    if (free[j]) {
                        x[j] += step * (z[j] - x[j]);
                    }
                }
                x[hit] = 0;
                free[hit] = false;
                for (int j = 0; j < k; j++) {
                    if (free[j] && x[j] <= 0) {
                        x[j] = 0;
                        free[j] = false;
                    }
                }
                if (inner > k) {
                    throw new FitException("non-negative least squares did not converge (cycling)");
                }
            }
        }
        throw new FitException("non-negative least squares did not converge in " + (3 * k + 10) + " steps");
    }

    private static double[] gradient(WeightedDesign design, double[] x) {
        return design.a.transpose().operate(design.b.subtract(new ArrayRealVector(design.a.operate(x), false))).toArray();
    }

    private static boolean allFreePositive(double[] z, boolean[] free) {
        for (int j = 0; j < z.length; j++) {
            if (free[j] && z[j] <= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] positive(double[] x) {
        boolean[] p = new boolean[x.length];
        for (int j = 0; j < x.length; j++) {
            p[j] = x[j] > 0;
        }
        return p;
    }
}
