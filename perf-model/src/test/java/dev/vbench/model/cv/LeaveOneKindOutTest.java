package dev.vbench.model.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vbench.model.FeatureSet;
import dev.vbench.model.Observation;
import dev.vbench.model.fit.NonNegativeLeastSquares;
import dev.vbench.model.fit.Weighting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaveOneKindOutTest {
    private static final FeatureSet FEATURES = FeatureSet.of("instructions", "syscalls");

    /** Five kinds of four sizes; each kind has its own mix of instructions and syscalls. */
    static List<Observation> grouped(double noise, long seed, double extraNanosForKindE) {
        Random random = new Random(seed);
        List<Observation> out = new ArrayList<>();
        String[] kinds = {"a", "b", "c", "d", "e"};
        for (int k = 0; k < kinds.length; k++) {
            long insnPerSize = 1_000_000L * (k + 1), syscallsPerSize = 50L * (5 - k) * (5 - k);
            for (long size = 1; size <= 8; size *= 2) {
                long insns = insnPerSize * size * 20, syscalls = syscallsPerSize * size;
                double y = 0.5 * insns + 2000.0 * syscalls;
                if (kinds[k].equals("e")) {
                    y += extraNanosForKindE * size; // a cost no feature explains
                }
                y *= 1 + noise * random.nextGaussian();
                out.add(new Observation(kinds[k], size, Map.of("instructions", insns, "syscalls", syscalls), y));
            }
        }
        return out;
    }

    @Test
    void exactLinearDataArePredictedExactlyFromOtherKinds() {
        CrossValidation cv = LeaveOneKindOut.run(
                new LinearEstimator(FEATURES, new NonNegativeLeastSquares(), Weighting.RELATIVE), grouped(0, 1, 0));
        assertThat(cv.predictions()).hasSize(20);
        assertThat(cv.medianAbsPctError()).isLessThan(1e-6);
        assertThat(cv.maxAbsPctError()).isLessThan(1e-6);
    }

    @Test
    void aKindWithUnexplainedCostShowsInTheMaximumNotTheMedian() {
        CrossValidation cv = LeaveOneKindOut.run(
                new LinearEstimator(FEATURES, new NonNegativeLeastSquares(), Weighting.RELATIVE), grouped(0.01, 2, 20_000_000));
        double worstOfE = cv.predictions().stream().filter(p -> p.observation().kind().equals("e"))
                .mapToDouble(HeldOutPrediction::absPercentError).max().orElseThrow();
        assertThat(cv.maxAbsPctError()).isEqualTo(worstOfE).isGreaterThan(20);
        assertThat(cv.medianAbsPctError()).isLessThan(worstOfE / 2);
    }

    @Test
    void eachKindIsPredictedByAModelTrainedWithoutIt() {
        List<Set<String>> trainingKinds = new ArrayList<>();
        Estimator spy = new Estimator() {
            @Override
            public String name() {
                return "spy";
            }

            @Override
            public String description() {
                return "records what it was trained on";
            }

            @Override
            public Predictor train(List<Observation> training) {
                Set<String> kinds = new HashSet<>();
                training.forEach(o -> kinds.add(o.kind()));
                trainingKinds.add(kinds);
                return counts -> 1;
            }
        };
        CrossValidation cv = LeaveOneKindOut.run(spy, grouped(0, 1, 0));
        assertThat(trainingKinds).containsExactly(Set.of("b", "c", "d", "e"), Set.of("a", "c", "d", "e"),
                Set.of("a", "b", "d", "e"), Set.of("a", "b", "c", "e"), Set.of("a", "b", "c", "d"));
        assertThat(cv.predictions()).allSatisfy(p -> assertThat(p.predictedNanos()).isEqualTo(1));
    }

    @Test
    void medianAndMaximumAreOverAllHeldOutPoints() {
        List<Observation> points = List.of(
                new Observation("a", 1, Map.of(), 100), new Observation("a", 2, Map.of(), 200),
                new Observation("b", 1, Map.of(), 400), new Observation("b", 2, Map.of(), 50));
        // Predicts 100 ns always: errors 0%, 50%, 75%, 100%.
        CrossValidation cv = LeaveOneKindOut.run(constant(100), points);
        assertThat(cv.medianAbsPctError()).isCloseTo(62.5, within(1e-12));
        assertThat(cv.maxAbsPctError()).isCloseTo(100, within(1e-12));
    }

    @Test
    void needsTwoKinds() {
        assertThatThrownBy(() -> LeaveOneKindOut.run(constant(1), List.of(new Observation("a", 1, Map.of(), 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two workload kinds");
    }

    @Test
    void fixedFormulas() {
        Map<String, Long> counts = Map.of("syscalls", 3L, "branches_conditional", 1000L, "traps", 4L, "instructions", 5000L);
        assertThat(FixedFormulas.hermitNanos(counts)).isEqualTo(3 * 10_000 + 1000 * 10 + 4 * 25);
        // Without cache counts, estimated cycles are the instructions.
        assertThat(FixedFormulas.estimatedCycles(counts)).isEqualTo(5000);
        Map<String, Long> withCaches = Map.of("instructions", 5000L, "data_reads", 1000L, "data_writes", 500L,
                "l1_misses", 100L, "ll_misses", 10L);
        assertThat(FixedFormulas.estimatedCycles(withCaches)).isEqualTo((6500 - 100) + 5 * (100 - 10) + 35 * 10);
        // vbcount's single simulated last-level cache: its misses are the RAM hits, nothing else missed.
        Map<String, Long> vbcount = Map.of("instructions", 5000L, "cache_misses", 30L, "cache_lines_streamed", 10L,
                "cache_mid_misses", 60L);
        assertThat(FixedFormulas.estimatedCycles(vbcount)).isEqualTo((5000 - 100) + 5 * 60 + 35 * 40);
    }

    @Test
    void instructionsOnlyFitsTheTimePerInstruction() {
        List<Observation> points = new ArrayList<>();
        for (String kind : List.of("a", "b", "c")) {
            for (long n = 1; n <= 3; n++) {
                points.add(new Observation(kind, n, Map.of("instructions", n * 1_000_000 * kind.charAt(0)), n * 250_000.0 * kind.charAt(0)));
            }
        }
        CrossValidation cv = LeaveOneKindOut.run(FixedFormulas.instructionsOnly(Weighting.RELATIVE), points);
        assertThat(cv.maxAbsPctError()).isLessThan(1e-9);
        assertThat(FixedFormulas.hermit().train(points).predictNanos(Map.of("syscalls", 2L))).isEqualTo(20_000);
    }

    private static Estimator constant(double nanos) {
        return new Estimator() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public String description() {
                return "constant";
            }

            @Override
            public Predictor train(List<Observation> training) {
                return counts -> nanos;
            }
        };
    }
}
