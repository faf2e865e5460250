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
     * What costs time natively on its own, each for a reason that holds for any program: executed
     * instructions, and what makes some take far longer than others (a mispredicted branch, a
     * cache miss waiting for the last-level cache or for memory, a line streamed from memory, a division or square root, an
     * atomic read-modify-write); pages first written (a fault and a zeroed page
     * each); system calls by class (a getppid and an mmap differ by an order of magnitude); bytes
     * copied through the kernel (read, written); processes and threads created. Left out: the
     * branch counts themselves (a predicted branch costs what any instruction does), the total of
     * system calls (the classes sum to it), process-class calls (the processes and threads they
     * make price them), bytes mapped (mapping costs per call and per page used, which the memory
     * class and pages_touched price), the scheduler's context switches (an artefact of running one
     * thread at a time: natively threads run in parallel), and sleep, which is not fitted but
     * priced at 1 ns per ns ({@link #FIXED}). Chosen from these principles, not by the corpus's
     * errors: changing it to lower them would be fitting noise.
     */
    public static final FeatureSet DEFAULT = new FeatureSet(List.of(
            FeatureNames.INSTRUCTIONS, FeatureNames.BRANCH_MISPREDICTS, FeatureNames.CACHE_MID_MISSES, FeatureNames.CACHE_MISSES,
            FeatureNames.CACHE_LINES_STREAMED, FeatureNames.LONG_LATENCY_OPS, FeatureNames.ATOMIC_OPS,
            FeatureNames.PAGES_TOUCHED, FeatureNames.SYSCALLS_CHEAP,
            FeatureNames.SYSCALLS_FILE, FeatureNames.SYSCALLS_MEMORY, FeatureNames.SYSCALLS_BLOCKING,
            FeatureNames.BYTES_READ, FeatureNames.BYTES_WRITTEN, FeatureNames.PROCESSES, FeatureNames.THREADS));

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
