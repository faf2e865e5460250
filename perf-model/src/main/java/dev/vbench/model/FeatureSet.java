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
     * What costs time natively on its own, each for a reason that holds for any program: the core's
     * work as issue slots (instructions, or the dependency chains a loop carries where those take
     * longer: a division waited on costs what fifteen additions do); accesses that wait for memory
     * (simulated cache misses); branches the core predicts wrongly (a simulated gshare predictor's
     * misses: the pipeline is refilled); pages first written (a fault and a zeroed page each); atomic
     * read-modify-writes; system calls by class (a getppid and an mmap differ by an order of
     * magnitude); bytes copied through the kernel and mapped; processes and threads created.
     *
     * <p>Left out, for reasons of principle: instructions and divisions (issue slots are made of
     * them), the branch counts (a predicted branch costs what any instruction does), the total of
     * system calls (the classes sum to it), process-class calls (the processes and threads they make
     * price them), the scheduler's context switches (an artefact of running one thread at a time),
     * and sleep, priced at 1 ns per ns ({@link #FIXED}). Left out because they were measured to
     * mislead on workloads a fit did not see (perf-model/README.md, runs 4 to 8): the simulated
     * middle cache and prefetch streams (their weights, fitted on a few kinds,
     * multiplied the errors of the others).
     */
    public static final FeatureSet DEFAULT;
    /** {@link #DEFAULT}'s names, comma-separated: a constant, so command-line help can quote it. */
    public static final String DEFAULT_NAMES = FeatureNames.ISSUE_SLOTS + "," + FeatureNames.CACHE_MISSES + ","
            + FeatureNames.BRANCH_MISPREDICTS + ","
            + FeatureNames.PAGES_TOUCHED + "," + FeatureNames.ATOMIC_OPS + "," + FeatureNames.SYSCALLS_CHEAP + ","
            + FeatureNames.SYSCALLS_FILE + "," + FeatureNames.SYSCALLS_MEMORY + "," + FeatureNames.SYSCALLS_BLOCKING + ","
            + FeatureNames.BYTES_READ + "," + FeatureNames.BYTES_WRITTEN + "," + FeatureNames.BYTES_MAPPED + ","
            + FeatureNames.PROCESSES + "," + FeatureNames.THREADS;

    static {
        DEFAULT = new FeatureSet(List.of(DEFAULT_NAMES.split(",")));
    }

    /**
     * Costs known without fitting, nanoseconds per unit: a nanosecond the guest slept takes a
     * nanosecond natively. Calibration subtracts them from the measured time before fitting and
     * every model adds them back.
     */
    public static final Map<String, Double> FIXED = Map.of(FeatureNames.SLEEP_NS, 1.0);

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
