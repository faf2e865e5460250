package dev.vbench.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The features a model prices, in order: each is the name of a count, and a count a run did not
 * report is zero (a backend without a PMU has no instructions; a program that never forks has no
 * processes beyond its own). Choosing features is the user's call, not the corpus's.
 */
public record FeatureSet(List<String> names) {

    /**
     * Everything the engine reports that plausibly costs time on its own, without the per-family
     * syscall subsets (they are collinear with "syscalls" in most corpora). Fixed before looking at
     * any calibration result: changing it to lower the corpus's error would be fitting noise.
     */
    public static final FeatureSet DEFAULT = new FeatureSet(List.of(
            FeatureNames.INSTRUCTIONS, FeatureNames.BRANCHES_CONDITIONAL, FeatureNames.BRANCHES_INDIRECT,
            FeatureNames.SYSCALLS, FeatureNames.BYTES_READ, FeatureNames.BYTES_WRITTEN,
            FeatureNames.PAGES_TOUCHED, FeatureNames.PROCESSES, FeatureNames.THREADS,
            FeatureNames.CONTEXT_SWITCHES, FeatureNames.SLEEP_NS));

    public FeatureSet {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("a feature is listed twice: " + names);
        }
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("a feature name is blank: " + names);
            }
        }
    }

    public static FeatureSet of(String... names) {
        return new FeatureSet(List.of(names));
    }

    public int size() {
        return names.size();
    }

    /** The counts of these features in order, zero for a name {@code counts} lacks. */
    public double[] vector(Map<String, Long> counts) {
        double[] v = new double[names.size()];
        for (int j = 0; j < v.length; j++) {
            Long c = counts.get(names.get(j));
            v[j] = c == null ? 0 : c;
        }
        return v;
    }
}
