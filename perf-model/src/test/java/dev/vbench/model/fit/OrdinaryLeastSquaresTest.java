package dev.vbench.model.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrdinaryLeastSquaresTest {
    // 0.3 ns per instruction, 1.5 us per syscall, 800 us per process.
    private static final double[] TRUTH = {0.3, 1500, 800_000};

    @Test
    void recoversKnownCoefficientsWithinThreeStandardErrors() {
        for (Weighting weighting : Weighting.values()) {
            for (long seed = 1; seed <= 5; seed++) {
                Random random = new Random(seed);
                double[][] x = SyntheticData.design(60, random);
                double[] y = SyntheticData.times(x, TRUTH, 0.03, random);
                LinearFit fit = new OrdinaryLeastSquares().fit(new FitProblem(SyntheticData.NAMES, x, y, weighting));
                for (int j = 0; j < TRUTH.length; j++) {
                    assertThat(fit.standardErrors()[j]).as("standard error %d, seed %d", j, seed).isPositive().isFinite();
                    assertThat(Math.abs(fit.coefficients()[j] - TRUTH[j]))
                            .as("%s coefficient %s, seed %d", weighting, SyntheticData.NAMES.get(j), seed)
                            .isLessThan(3 * fit.standardErrors()[j]);
                }
                assertThat(fit.r2()).isGreaterThan(0.9).isLessThanOrEqualTo(1);
                assertThat(fit.adjustedR2()).isLessThan(fit.r2());
                assertThat(fit.method()).isEqualTo("ols");
            }
        }
    }

    @Test
    void standardErrorsShrinkWithLessNoise() {
        Random random = new Random(7);
        double[][] x = SyntheticData.design(60, random);
        double[] noisy = SyntheticData.times(x, TRUTH, 0.05, new Random(8));
        double[] quiet = SyntheticData.times(x, TRUTH, 0.005, new Random(8));
        LinearFit a = new OrdinaryLeastSquares().fit(new FitProblem(SyntheticData.NAMES, x, noisy, Weighting.RELATIVE));
        LinearFit b = new OrdinaryLeastSquares().fit(new FitProblem(SyntheticData.NAMES, x, quiet, Weighting.RELATIVE));
        for (int j = 0; j < TRUTH.length; j++) {
            assertThat(b.standardErrors()[j]).isLessThan(a.standardErrors()[j] / 5);
        }
    }

    @Test
    void exactDataFitExactlyWithResidualsInNanoseconds() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}, {2, 1}};
        double[] y = {10, 100, 110, 120};
        LinearFit fit = new OrdinaryLeastSquares().fit(new FitProblem(List.of("a", "b"), x, y, Weighting.ABSOLUTE));
        assertThat(fit.coefficient("a")).isCloseTo(10, within(1e-9));
        assertThat(fit.coefficient("b")).isCloseTo(100, within(1e-9));
        assertThat(fit.residuals()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-9));
        assertThat(fit.r2()).isCloseTo(1, within(1e-12));
        assertThat(fit.predict(new double[] {3, 2})).isCloseTo(230, within(1e-9));
    }

    @Test
    void featureZeroInEveryPointIsLeftAtZeroWithoutStandardError() {
        Random random = new Random(3);
        double[][] x = SyntheticData.design(30, random);
        double[][] withUnused = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            withUnused[i] = new double[] {x[i][0], x[i][1], x[i][2], 0};
        }
        double[] y = SyntheticData.times(x, TRUTH, 0.01, random);
        LinearFit fit = new OrdinaryLeastSquares().fit(new FitProblem(
                List.of("instructions", "syscalls", "processes", "threads"), withUnused, y, Weighting.RELATIVE));
        assertThat(fit.coefficient("threads")).isZero();
        assertThat(fit.standardError("threads")).isNaN();
        assertThat(fit.coefficient("syscalls")).isCloseTo(1500, within(3 * fit.standardError("syscalls")));
    }

    @Test
    void linearlyDependentFeaturesAreRefusedNotGuessed() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}};
        double[] y = {1, 2, 3, 4.1};
        assertThatThrownBy(() -> new OrdinaryLeastSquares().fit(new FitProblem(List.of("a", "b"), x, y, Weighting.ABSOLUTE)))
                .isInstanceOf(FitException.class).hasMessageContaining("linearly dependent").hasMessageContaining("[a, b]");
    }

    @Test
    void problemsWithImpossibleTimesAreRefused() {
        assertThatThrownBy(() -> new FitProblem(List.of("a"), new double[][] {{1}}, new double[] {0}, Weighting.RELATIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new FitProblem(List.of("a"), new double[][] {{1, 2}}, new double[] {1}, Weighting.RELATIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
    }
}
