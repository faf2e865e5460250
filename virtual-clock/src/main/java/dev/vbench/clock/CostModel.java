package dev.vbench.clock;

import java.util.Map;
import java.util.TreeMap;

/**
 * The price of each counted event in virtual nanoseconds, by count name ({@link Counts}). A count
 * the model does not name costs nothing. The default is Hermit's published model; a model
 * calibrated by regression against wall time (perf-model) prices stored counts, while the guest's
 * clock keeps this fixed one.
 */
public record CostModel(String name, Map<String, Double> nanosPerCount) {

    /** Hermit: 10 us per system call, 10 ns per retired conditional branch, 25 ns per rdtsc/cpuid trap. */
    public static final CostModel DEFAULT = new CostModel("default",
            Map.of(Counts.SYSCALLS, 10_000.0, Counts.BRANCHES_CONDITIONAL, 10.0, Counts.TRAPS, 25.0));

    public CostModel {
        nanosPerCount = Map.copyOf(new TreeMap<>(nanosPerCount));
        for (Map.Entry<String, Double> e : nanosPerCount.entrySet()) {
            double c = e.getValue();
            if (!(c >= 0) || Double.isInfinite(c)) { // also rejects NaN
                throw new IllegalArgumentException("cost model " + name + " prices " + e.getKey()
                        + " at a negative or non-finite " + c + " ns");
            }
        }
    }

    /** Virtual nanoseconds per unit of the count {@code name}; 0 for a count the model does not price. */
    public double nanosPer(String count) {
        return nanosPerCount.getOrDefault(count, 0.0);
    }
}
