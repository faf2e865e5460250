package dev.vbench.baselines.history;

import java.time.Instant;

/**
 * Where a series changed: the first point of the new level, with the level before and after.
 * For an exact series, {@code before} and {@code after} are the two adjacent values; for a noisy one
 * they are the means of the segments on either side (between the neighbouring change points).
 *
 * @param index           the position of the first changed point in the series
 * @param percent         {@code (after - before) / before * 100}; NaN when before is 0
 * @param pValue          the permutation test's p-value for E-Divisive, NaN for an exact series
 * @param platformChanged whether the platform fingerprint differs between this point and the one
 *                        before: the change may be the platform's, not the program's
 */
public record ChangePoint(String benchmark, Metric metric, String branch, int index, String commit,
                          Instant recordedAt, long resultId, double before, double after, double percent,
                          Method method, double pValue, boolean platformChanged) {

    /** How a change point was found. */
    public enum Method {
        /** Every change of a deterministic value. */
        EXACT,
        /** E-Divisive means with a permutation test, for noisy values. */
        E_DIVISIVE;

        public String label() {
            return this == EXACT ? "exact" : "e-divisive";
        }
    }

    /** The relative change in percent, NaN when {@code before} is 0. */
    static double percent(double before, double after) {
        return before == 0 ? Double.NaN : (after - before) / before * 100.0;
    }
}
