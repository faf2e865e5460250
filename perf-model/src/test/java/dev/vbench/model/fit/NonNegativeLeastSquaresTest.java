package dev.vbench.model.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NonNegativeLeastSquaresTest {
    private static final double[] TRUTH = {0.3, 1500, 800_000};

    @Test
    void matchesOlsWhenTheTruthIsPositive() {
        for (Weighting weighting : Weighting.values()) {
            Random random = new Random(11);
            double[][] x = SyntheticData.design(60, random);
            double[] y = SyntheticData.times(x, TRUTH, 0.02, random);
            FitProblem problem = new FitProblem(SyntheticData.NAMES, x, y, weighting);
            LinearFit ols = new OrdinaryLeastSquares().fit(problem);
            LinearFit nnls = new NonNegativeLeastSquares().fit(problem);
            for (int j = 0; j < TRUTH.length; j++) {
                assertThat(nnls.coefficients()[j]).isCloseTo(ols.coefficients()[j], within(1e-7 * Math.abs(ols.coefficients()[j])));
                assertThat(nnls.standardErrors()[j]).isCloseTo(ols.standardErrors()[j], within(1e-6 * ols.standardErrors()[j]));
                assertThat(Math.abs(nnls.coefficients()[j] - TRUTH[j])).isLessThan(3 * nnls.standardErrors()[j]);
            }
            assertThat(nnls.r2()).isCloseTo(ols.r2(), within(1e-9));
            assertThat(nnls.method()).isEqualTo("nnls");
        }
    }

    @Test
    void holdsAFeatureWithNegativeUnconstrainedCostAtZero() {
        // The truth gives "syscalls" a negative cost: OLS follows it, NNLS must not.
        Random random = new Random(5);
        double[][] x = SyntheticData.design(40, random);
        double[] y = SyntheticData.times(x, new double[] {0.3, -40, 800_000}, 0.01, random);
        FitProblem problem = new FitProblem(SyntheticData.NAMES, x, y, Weighting.RELATIVE);
        assertThat(new OrdinaryLeastSquares().fit(problem).coefficient("syscalls")).isNegative();
        LinearFit nnls = new NonNegativeLeastSquares().fit(problem);
        assertThat(nnls.coefficient("syscalls")).isZero();
        assertThat(nnls.standardError("syscalls")).isNaN();
        assertThat(nnls.coefficient("instructions")).isPositive();
        assertThat(nnls.standardError("instructions")).isPositive();
        assertBruteForceOptimum(problem, nnls);
    }

    @Test
    void neverNegativeAndAlwaysTheConstrainedOptimumOnRandomProblems() {
        Random random = new Random(2024);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 6 + random.nextInt(20), cols = 1 + random.nextInt(5);
            double[][] x = new double[rows][cols];
            double[] truth = new double[cols];
            for (int j = 0; j < cols; j++) {
                truth[j] = random.nextGaussian() * Math.pow(10, random.nextInt(6) - 3);
            }
            double[] y = new double[rows];
            for (int i = 0; i < rows; i++) {
                double exact = 0;
                for (int j = 0; j < cols; j++) {
                    x[i][j] = random.nextDouble() * Math.pow(10, j * 2);
                    exact += x[i][j] * truth[j];
                }
                y[i] = Math.abs(exact) + 1 + random.nextDouble(); // times must be positive
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < cols; j++) {
                names.add("f" + j);
            }
            Weighting weighting = random.nextBoolean() ? Weighting.ABSOLUTE : Weighting.RELATIVE;
            FitProblem problem = new FitProblem(names, x, y, weighting);
            LinearFit fit = new NonNegativeLeastSquares().fit(problem);
            for (double c : fit.coefficients()) {
                assertThat(c).as("trial %d", trial).isGreaterThanOrEqualTo(0);
            }
            assertBruteForceOptimum(problem, fit);
        }
    }

    /**
     * The constrained optimum is the best least-squares fit over all subsets of free features whose
     * solution is non-negative (few features: enumerate them). NNLS must reach its objective.
     */
    private static void assertBruteForceOptimum(FitProblem problem, LinearFit fit) {
        int k = problem.columns();
        double best = objective(problem, new double[k]);
        for (int mask = 1; mask < (1 << k); mask++) {
            double[] c = subsetLeastSquares(problem, mask);
            if (c != null && java.util.Arrays.stream(c).allMatch(v -> v >= 0)) {
                best = Math.min(best, objective(problem, c));
            }
        }
        double achieved = objective(problem, fit.coefficients());
        assertThat(achieved).isLessThanOrEqualTo(best * (1 + 1e-7) + 1e-12);
    }

    private static double[] subsetLeastSquares(FitProblem problem, int mask) {
        int k = problem.columns();
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if ((mask & (1 << j)) != 0) {
                names.add(problem.names().get(j));
                columns.add(j);
            }
        }
        double[][] x = new double[problem.rows()][columns.size()];
        for (int i = 0; i < problem.rows(); i++) {
            for (int s = 0; s < columns.size(); s++) {
                x[i][s] = problem.x()[i][columns.get(s)];
            }
        }
        try {
            LinearFit sub = new OrdinaryLeastSquares().fit(new FitProblem(names, x, problem.y(), problem.weighting()));
            double[] full = new double[k];
            for (int s = 0; s < columns.size(); s++) {
                full[columns.get(s)] = sub.coefficients()[s];
            }
            return full;
        } catch (FitException dependent) {
            return null;
        }
    }

    private static double objective(FitProblem problem, double[] c) {
        double sum = 0;
        for (int i = 0; i < problem.rows(); i++) {
            double r = problem.y()[i];
            for (int j = 0; j < c.length; j++) {
                r -= problem.x()[i][j] * c[j];
            }
            sum += problem.weighting().weight(problem.y()[i]) * r * r;
        }
        return sum;
    }

    @Test
    void featuresThatAreNeverNonZeroGiveAZeroModelNotAnError() {
        double[][] x = {{0, 0}, {0, 0}, {0, 0}};
        LinearFit fit = new NonNegativeLeastSquares().fit(new FitProblem(List.of("a", "b"), x, new double[] {1, 2, 3}, Weighting.RELATIVE));
        assertThat(fit.coefficients()).containsExactly(0, 0);
        assertThat(fit.standardErrors()).containsOnly(Double.NaN);
        assertThat(fit.residuals()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new OrdinaryLeastSquares().fit(new FitProblem(List.of("a", "b"), x, new double[] {1, 2, 3}, Weighting.RELATIVE)))
                .isInstanceOf(FitException.class).hasMessageContaining("nothing to fit");
    }
}
