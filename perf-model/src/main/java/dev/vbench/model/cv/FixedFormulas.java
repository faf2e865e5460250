package dev.vbench.model.cv;

import dev.vbench.model.FeatureNames;
import dev.vbench.model.FeatureSet;
import dev.vbench.model.Observation;
import dev.vbench.model.fit.NonNegativeLeastSquares;
import dev.vbench.model.fit.Weighting;
import java.util.List;
import java.util.Map;

/**
 * The formulas a calibrated model is judged against, each on the same held-out points.
 *
 * <ul>
 * <li>Hermit's fixed model, unfitted: 10 us per system call, 10 ns per retired conditional branch,
 *     25 ns per trapped rdtsc/cpuid (vbench's default virtual time).
 * <li>The "estimated cycles" of iai-callgrind/Gungraun: L1 hits + 5 x LL hits + 35 x RAM hits, with
 *     L1 hits = Ir + Dr + Dw - L1 misses, LL hits = L1 misses - LL misses, RAM hits = LL misses, and
 *     the time of one cycle fitted. With cachegrind-like counts (data_reads, data_writes, l1_misses,
 *     ll_misses) the formula is Gungraun's exactly. vbcount simulates no L1 but a 1 MiB and a 32 MiB
 *     cache: its misses of both (cache_misses + cache_lines_streamed) stand for the RAM hits, its
 *     misses of the first that the second holds (cache_mid_misses) for the LL hits, and every other
 *     instruction counts as an L1 hit (data accesses are not counted).
 *     With neither, it is Ir alone and equals "instructions only".
 * <li>Instructions alone, with the time per instruction fitted.
 * </ul>
 */
public final class FixedFormulas {
    private FixedFormulas() {}

    public static Estimator hermit() {
        return new Estimator() {
            @Override
            public String name() {
                return "hermit-fixed";
            }

            @Override
            public String description() {
                return "Hermit: 10 us/syscall + 10 ns/conditional branch + 25 ns/trap, unfitted";
            }

            @Override
            public Predictor train(List<Observation> training) {
                return FixedFormulas::hermitNanos;
            }
        };
    }

    public static double hermitNanos(Map<String, Long> counts) {
        return 10_000.0 * count(counts, FeatureNames.SYSCALLS)
                + 10.0 * count(counts, FeatureNames.BRANCHES_CONDITIONAL)
                + 25.0 * count(counts, FeatureNames.TRAPS);
    }

    /** Gungraun's estimated cycles from whatever cache counts are present (see the class comment). */
    public static double estimatedCycles(Map<String, Long> counts) {
        double accesses = count(counts, FeatureNames.INSTRUCTIONS) + count(counts, FeatureNames.DATA_READS)
                + count(counts, FeatureNames.DATA_WRITES);
        double l1Misses = count(counts, FeatureNames.L1_MISSES);
        double llMisses = count(counts, FeatureNames.LL_MISSES);
        if (!counts.containsKey(FeatureNames.LL_MISSES)) {
            // vbcount: one simulated last-level cache, no L1 (see the class comment).
            llMisses = count(counts, FeatureNames.CACHE_MISSES) + count(counts, FeatureNames.CACHE_LINES_STREAMED);
            l1Misses = llMisses + count(counts, FeatureNames.CACHE_MID_MISSES);
        }
        return (accesses - l1Misses) + 5 * (l1Misses - llMisses) + 35 * llMisses;
    }

    public static Estimator estimatedCycles(Weighting weighting) {
        return new ScaledFormula("estimated-cycles", "iai/Gungraun estimated cycles x fitted cycle time",
                "estimated_cycles", FixedFormulas::estimatedCycles, weighting);
    }

    public static Estimator instructionsOnly(Weighting weighting) {
        return new ScaledFormula("instructions-only", "instructions x fitted time per instruction",
                FeatureNames.INSTRUCTIONS, counts -> count(counts, FeatureNames.INSTRUCTIONS), weighting);
    }

    private static double count(Map<String, Long> counts, String name) {
        Long c = counts.get(name);
        return c == null ? 0 : c;
    }

    /** A single derived quantity times one fitted, non-negative time unit. */
    private record ScaledFormula(String name, String description, String quantity,
                                 java.util.function.ToDoubleFunction<Map<String, Long>> formula,
                                 Weighting weighting) implements Estimator {
        @Override
        public Predictor train(List<Observation> training) {
            List<Observation> derived = training.stream()
                    .map(o -> new Observation(o.kind(), o.size(),
                            Map.of(quantity, Math.round(formula.applyAsDouble(o.counts()))), o.wallNanos()))
                    .toList();
            LinearEstimator unit = new LinearEstimator(FeatureSet.of(quantity), new NonNegativeLeastSquares(), weighting);
            double nanosPerUnit = unit.fit(derived).coefficient(quantity);
            return counts -> nanosPerUnit * formula.applyAsDouble(counts);
        }
    }
}
