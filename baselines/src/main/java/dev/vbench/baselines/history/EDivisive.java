package dev.vbench.baselines.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * E-Divisive with means: nonparametric detection of multiple change points in a noisy series, after
 * D. S. Matteson and N. A. James, "A Nonparametric Approach for Multiple Change Point Analysis of
 * Multivariate Data", Journal of the American Statistical Association 109(505):334-345, 2014
 * (arXiv:1306.4933). It is the method MongoDB's signal-processing-algorithms and Hunter (now Apache
 * Otava) apply to performance series; this implementation keeps the paper's permutation test.
 *
 * <p>For a segment split into X = Z[s..tau) and Y = Z[tau..kappa), the sample divergence is
 * <pre>
 *   E(X, Y; a) = 2/(m n) sum_i sum_j |X_i - Y_j|^a - 1/C(m,2) sum_{i&lt;k} |X_i - X_k|^a - 1/C(n,2) sum_{j&lt;k} |Y_j - Y_k|^a
 * </pre>
 * (m = |X|, n = |Y|, 0 &lt; a &lt;= 2) and the statistic is Q(X, Y; a) = m n / (m + n) E(X, Y; a). The best
 * split of a segment maximizes Q over tau (and, if {@link Config#searchKappa}, over kappa, as the paper
 * does; by default Y runs to the end of its segment, as in the implementations named above); hierarchically, each step takes the best split
 * over all current segments. Its significance is a permutation test: the values are permuted within
 * each current segment {@code permutations} times and the best split recomputed; the p-value is
 * (1 + number of permuted statistics at least as large) / (permutations + 1). A split is accepted
 * while p &lt;= {@code significance}; the first one that is not ends the search.
 *
 * <p>With a = 1 (the default) any change of distribution is found; with a = 2 the divergence
 * reduces to a function of the means (the paper's remark after its Lemma 1), so only changes of mean are.
 *
 * <p>Deterministic: the permutations come from {@link Random} seeded with {@code seed} (its algorithm
 * is fixed by its specification), so the same series gives the same change points on every machine.
 * Cost: O(L^2) time and memory for a segment of L points, per permutation; callers cap L.
 */
public final class EDivisive {

    /**
     * @param alpha         the exponent on distances, in (0, 2]
     * @param significance  accept a split while its p-value is at most this
     * @param permutations  permutations per test (the smallest possible p-value is 1/(permutations+1))
     * @param minSize       fewest points a segment may have on either side of a split (at least 2)
     * @param seed          of the permutations
     * @param searchKappa   whether Y may end before its segment does (the paper maximizes over kappa
     *                      too); if false Y is the rest of the segment, as in MongoDB's and Hunter's
     *                      implementations
     */
    public record Config(double alpha, double significance, int permutations, int minSize, long seed,
                         boolean searchKappa) {
        /**
         * vbench's defaults: a = 1 as in the paper; a p-value of 0.01 rather than the paper's 0.05,
         * since a CI history is tested again on every commit and each false alarm costs a person's
         * time; 199 permutations (ecp's default; the smallest p-value is then 0.005); segments of
         * at least 3 points, so a change three commits from the end can be found; Y is the rest of
         * its segment. Maximizing over kappa as well lets the permuted series pick their best kappa
         * too, which raises the null distribution: on 30 points with a 10% step in 5% Gaussian noise
         * it found the step in 80% of 200 series against 88% with Y fixed (EDivisiveTest measures the
         * latter), with the same rate of false alarms on pure noise (1-1.5%).
         */
        public static final Config DEFAULT = new Config(1.0, 0.01, 199, 3, 0x5EED_2014L, false);

        public Config {
            if (!(alpha > 0 && alpha <= 2)) {
                throw new IllegalArgumentException("alpha must be in (0, 2], not " + alpha);
            }
            if (!(significance > 0 && significance < 1)) {
                throw new IllegalArgumentException("significance must be in (0, 1), not " + significance);
            }
            if (permutations < 1) {
                throw new IllegalArgumentException("permutations must be at least 1, not " + permutations);
            }
            if (minSize < 2) {
                throw new IllegalArgumentException("minSize must be at least 2, not " + minSize);
            }
        }
    }

    /**
     * An accepted change point: {@code index} is the first point of the new segment.
     *
     * @param statistic the maximized Q of the split
     * @param pValue    of the permutation test that accepted it
     */
    public record Split(int index, double statistic, double pValue) {}

    private final Config config;
    private double[] buffer = new double[0];

    private EDivisive(Config config) {
        this.config = config;
    }

    /** The significant change points of {@code series}, in the order of their index. */
    public static List<Split> detect(double[] series, Config config) {
        return new EDivisive(config).run(series.clone());
    }

    private List<Split> run(double[] z) {
        int n = z.length;
        List<Split> found = new ArrayList<>();
        if (n < 2 * config.minSize() || !normalize(z)) {
            return found;
        }
        TreeSet<Integer> bounds = new TreeSet<>(List.of(0, n));
        Random random = new Random(config.seed());
        double[] shuffled = new double[n];
        // p = (1 + c) / (R + 1) <= significance  <=>  c + 1 <= limit (c is an integer).
        int limit = (int) Math.floor(config.significance() * (config.permutations() + 1) + 1e-9);
        while (true) {
            Candidate best = bestSplit(z, bounds);
            if (best == null) {
                break;
            }
            int atLeastAsLarge = 0;
            for (int r = 0; r < config.permutations() && atLeastAsLarge + 1 <= limit; r++) {
                System.arraycopy(z, 0, shuffled, 0, n);
                shuffleWithin(shuffled, bounds, random);
                Candidate permuted = bestSplit(shuffled, bounds);
                if (permuted != null && permuted.statistic >= best.statistic) {
                    atLeastAsLarge++;
                }
            }
            double p = (1.0 + atLeastAsLarge) / (config.permutations() + 1.0);
            if (atLeastAsLarge + 1 > limit) {
                break; // not significant (the loop may have stopped early: p is a lower bound then)
            }
            found.add(new Split(best.tau, best.statistic, p));
            bounds.add(best.tau);
        }
        found.sort(Comparator.comparingInt(Split::index));
        return found;
    }

    /**
     * Centres and scales to unit standard deviation: Q scales by c^alpha for every split alike, so
     * neither the best split nor the test changes, and sums of distances stay well inside double
     * precision whatever the unit (nanoseconds of a long run are ~1e12). False for a constant series.
     */
    private static boolean normalize(double[] z) {
        double mean = Arrays.stream(z).average().orElse(0);
        double ss = 0;
        for (double v : z) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / z.length);
        if (!(sd > 0) || !Double.isFinite(sd)) {
            return false;
        }
        for (int i = 0; i < z.length; i++) {
            z[i] = (z[i] - mean) / sd;
        }
        return true;
    }

    /** Fisher-Yates within each segment [b_i, b_i+1): a permutation under "no further change point". */
    private static void shuffleWithin(double[] z, TreeSet<Integer> bounds, Random random) {
        Integer start = null;
        for (int end : bounds) {
            if (start != null) {
                for (int i = end - 1; i > start; i--) {
                    int j = start + random.nextInt(i - start + 1);
                    double t = z[i];
                    z[i] = z[j];
                    z[j] = t;
                }
            }
            start = end;
        }
    }

    private record Candidate(int tau, int kappa, double statistic) {}

    /**
     * The best single split of the whole of {@code z} as it is (not normalized), with its kappa:
     * {@code {tau, kappa, Q}}. For tests against a brute-force maximization of {@link #statistic}.
     */
    static double[] bestSplitOf(double[] z, Config config) {
        Candidate c = new EDivisive(config).bestInSegment(z, 0, z.length);
        return c == null ? null : new double[] {c.tau, c.kappa, c.statistic};
    }

    /** The best split over all segments between {@code bounds}, or null if no segment can be split. */
    private Candidate bestSplit(double[] z, TreeSet<Integer> bounds) {
        Candidate best = null;
        Integer start = null;
        for (int end : bounds) {
            if (start != null) {
                Candidate c = bestInSegment(z, start, end);
                if (c != null && (best == null || c.statistic > best.statistic)) {
                    best = c;
                }
            }
            start = end;
        }
        return best;
    }

    /**
     * Maximizes Q(Z[s..tau), Z[tau..kappa)) over minSize &lt;= tau - s, minSize &lt;= kappa - tau,
     * kappa &lt;= e (kappa = e unless searchKappa), in O(L^2): with P[k][t] = sum_{i&lt;t} d(i, k)
     * (local indices), adding point k to Y adds P[k][tau] to the between-sum and P[k][k] - P[k][tau]
     * to Y's within-sum, and moving tau on by one adds P[tau][tau] to X's within-sum.
     */
    private Candidate bestInSegment(double[] z, int s, int e) {
        int length = e - s;
        int m = config.minSize();
        if (length < 2 * m) {
            return null;
        }
        double[] p = prefixSums(z, s, length);
        double withinX = 0;
        for (int k = 0; k < m; k++) {
            withinX += p[row(k) + k];
        }
        double bestQ = Double.NEGATIVE_INFINITY;
        int bestTau = -1;
        int bestKappa = -1;
        for (int tau = m; tau <= length - m; tau++) {
            double between = 0;
            double withinY = 0;
            double mx = tau;
            double pairsX = mx * (mx - 1) / 2;
            for (int kappa = tau + 1; kappa <= length; kappa++) {
                int k = kappa - 1;
                double toX = p[row(k) + tau];
                between += toX;
                withinY += p[row(k) + k] - toX;
                int ny = kappa - tau;
                if (ny >= m && (config.searchKappa() || kappa == length)) {
                    double my = ny;
                    double divergence = 2 * between / (mx * my) - withinX / pairsX - withinY / (my * (my - 1) / 2);
                    double q = mx * my / (mx + my) * divergence;
                    if (q > bestQ) {
                        bestQ = q;
                        bestTau = tau;
                        bestKappa = kappa;
                    }
                }
            }
            withinX += p[row(tau) + tau];
        }
        return new Candidate(s + bestTau, s + bestKappa, bestQ);
    }

    private static int row(int k) {
        return k * (k + 1) / 2;
    }

    /** P[k][t] for 0 &lt;= t &lt;= k &lt; length, stored by rows in one reused array. */
    private double[] prefixSums(double[] z, int s, int length) {
        int size = row(length);
        if (buffer.length < size) {
            buffer = new double[size];
        }
        double[] p = buffer;
        double alpha = config.alpha();
        for (int k = 0; k < length; k++) {
            int r = row(k);
            double zk = z[s + k];
            p[r] = 0;
            for (int t = 1; t <= k; t++) {
                p[r + t] = p[r + t - 1] + distance(z[s + t - 1], zk, alpha);
            }
        }
        return p;
    }

    private static double distance(double a, double b, double alpha) {
        double d = Math.abs(a - b);
        if (alpha == 1.0) {
            return d;
        }
        if (alpha == 2.0) {
            return d * d;
        }
        return Math.pow(d, alpha);
    }

    /**
     * The sample divergence E(X, Y; alpha) computed from its definition, pairwise: the reference the
     * fast path is tested against.
     */
    public static double divergence(double[] x, double[] y, double alpha) {
        double between = 0;
        for (double a : x) {
            for (double b : y) {
                between += distance(a, b, alpha);
            }
        }
        double m = x.length;
        double n = y.length;
        return 2 * between / (m * n) - within(x, alpha) / (m * (m - 1) / 2) - within(y, alpha) / (n * (n - 1) / 2);
    }

    /** Q(X, Y; alpha) = m n / (m + n) E(X, Y; alpha), from the definition. */
    public static double statistic(double[] x, double[] y, double alpha) {
        double m = x.length;
        double n = y.length;
        return m * n / (m + n) * divergence(x, y, alpha);
    }

    private static double within(double[] x, double alpha) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = i + 1; k < x.length; k++) {
                sum += distance(x[i], x[k], alpha);
            }
        }
        return sum;
    }
}
