package dev.vbench.model.fit;

import java.util.List;
import java.util.Random;

/**
 * Calibration-like synthetic problems: features of very different magnitudes (instructions ~1e8,
 * syscalls ~1e4, processes ~1-10), times y = X c with multiplicative Gaussian noise.
 */
final class SyntheticData {
    static final List<String> NAMES = List.of("instructions", "syscalls", "processes");

    private SyntheticData() {}

    static double[][] design(int rows, Random random) {
        double[][] x = new double[rows][];
        for (int i = 0; i < rows; i++) {
            x[i] = new double[] {
                1e7 + random.nextDouble() * 5e8,
                random.nextInt(50_000),
                1 + random.nextInt(10)};
        }
        return x;
    }

    /** y = X c times (1 + relativeNoise * N(0,1)). */
    static double[] times(double[][] x, double[] truth, double relativeNoise, Random random) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double exact = 0;
            for (int j = 0; j < truth.length; j++) {
                exact += x[i][j] * truth[j];
            }
            y[i] = exact * (1 + relativeNoise * random.nextGaussian());
        }
        return y;
    }
}
