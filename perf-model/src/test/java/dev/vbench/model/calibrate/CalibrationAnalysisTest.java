package dev.vbench.model.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vbench.model.CalibratedModel;
import dev.vbench.model.FeatureSet;
import dev.vbench.model.fit.LinearFit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationAnalysisTest {
    private static final FeatureSet FEATURES = FeatureSet.of("instructions", "branches_conditional", "syscalls", "processes", "threads");

    @Test
    void recoversTheTrueCostsAndBeatsTheFixedFormulasOnHeldOutKinds() {
        CalibrationReport report = CalibrationAnalysis.analyse(FEATURES, SyntheticCorpus.samples(0.02, 1));

        assertThat(report.evaluations()).extracting(Evaluation::name).containsExactly("nnls-relative", "nnls-absolute",
                "ols-relative", "ols-absolute", "hermit-fixed", "estimated-cycles", "instructions-only");
        assertThat(report.chosen()).startsWith("nnls-");
        Evaluation chosen = report.evaluation(report.chosen());
        for (Evaluation e : report.evaluations().subList(0, 2)) {
            assertThat(chosen.cv().medianAbsPctError()).isLessThanOrEqualTo(e.cv().medianAbsPctError());
        }
        LinearFit fit = report.fit();
        SyntheticCorpus.TRUE_COSTS.forEach((feature, cost) ->
                assertThat(fit.coefficient(feature)).as(feature).isCloseTo(cost, within(3 * fit.standardError(feature))));
        assertThat(fit.coefficient("threads")).as("never observed").isZero();
        assertThat(fit.r2()).isGreaterThan(0.99);

        assertThat(chosen.cv().medianAbsPctError()).isLessThan(3);
        for (String formula : List.of("hermit-fixed", "instructions-only")) {
            assertThat(report.evaluation(formula).cv().medianAbsPctError()).as(formula)
                    .isGreaterThan(2 * chosen.cv().medianAbsPctError());
        }
        // With instructions only, the estimated-cycles formula is instructions x a fitted cycle time.
        assertThat(report.evaluation("estimated-cycles").cv().medianAbsPctError())
                .isCloseTo(report.evaluation("instructions-only").cv().medianAbsPctError(), within(1e-6));
        // 2% noise per run: a round median of three runs deviates from the others' median by about 1%.
        assertThat(report.noiseFloorPct()).isBetween(0.3, 3.0);
        assertThat(report.points()).hasSize(24);
        assertThat(report.kinds()).isEqualTo(6);
    }

    @Test
    void theModelPricesCountsLikeTheFit() {
        List<CalibrationSample> samples = SyntheticCorpus.samples(0.02, 2);
        CalibrationReport report = CalibrationAnalysis.analyse(FEATURES, samples);
        CalibratedModel model = report.toModel("valgrind", "test host", Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(model.counter()).isEqualTo("valgrind");
        assertThat(model.id()).matches("cal-valgrind-[0-9a-f]{12}");
        // The fitted features, then the cost known without fitting: a nanosecond slept is a nanosecond.
        assertThat(model.features()).containsExactly("instructions", "branches_conditional", "syscalls", "processes",
                "threads", "sleep_ns");
        assertThat(model.coefficients().get(5).nanosPerUnit()).isEqualTo(1.0);
        assertThat(model.coefficients().get(5).standardError()).isNaN();
        assertThat(model.coefficients()).allSatisfy(c -> assertThat(c.nanosPerUnit()).isGreaterThanOrEqualTo(0));
        assertThat(model.fit().points()).isEqualTo(24);
        assertThat(model.fit().cvMedianAbsPctError()).isEqualTo(report.evaluation(report.chosen()).cv().medianAbsPctError());
        assertThat(model.fit().noiseFloorPct()).isEqualTo(report.noiseFloorPct());
        assertThat(model.alternatives()).extracting(CalibratedModel.Alternative::name)
                .doesNotContain(report.chosen()).contains("hermit-fixed", "estimated-cycles", "instructions-only");
        for (PointResult p : report.points()) {
            assertThat((double) model.price(p.sample().counts())).isCloseTo(p.fittedNanos(), within(1.0));
        }
        // Same coefficients, same id; the id does not depend on when or where.
        assertThat(report.toModel("valgrind", "other host", Instant.EPOCH).id()).isEqualTo(model.id());
        assertThat(report.toModel("perf", "test host", Instant.EPOCH).id()).isNotEqualTo(model.id());
    }

    @Test
    void reportTextShowsEveryRowWithTheNoiseFloor() {
        CalibrationReport report = CalibrationAnalysis.analyse(FEATURES, SyntheticCorpus.samples(0.02, 3));
        String text = ReportText.render(report);
        for (Evaluation e : report.evaluations()) {
            assertThat(text).contains(e.name());
        }
        assertThat(text).contains("noise floor %", "24 points, 6 workload kinds", "instructions", "(held at 0 or unobserved)");
    }

    /**
     * Sleep is not fitted: each point's slept time is taken off its wall time before the fit and
     * put back into every prediction, so the costs are those of the same corpus without sleeps.
     */
    @Test
    void sleepIsPricedAtOneNanosecondPerNanosecondWithoutBeingFitted() {
        List<CalibrationSample> plain = SyntheticCorpus.samples(0.0, 5);
        List<CalibrationSample> sleeping = new java.util.ArrayList<>();
        for (CalibrationSample s : plain) {
            long slept = 1_000_000L * s.point().size();
            java.util.Map<String, Long> counts = new java.util.HashMap<>(s.counts());
            counts.put("sleep_ns", slept);
            org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
            h.recordValue(Math.round(s.wall().medianNanos() + slept));
            double[] rounds = s.wall().roundMedians();
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] += slept;
            }
            sleeping.add(new CalibrationSample(s.point(), counts, new dev.vbench.model.wall.WallSample(h, rounds)));
        }
        CalibrationReport a = CalibrationAnalysis.analyse(FEATURES, plain);
        CalibrationReport b = CalibrationAnalysis.analyse(FEATURES, sleeping);
        for (String f : FEATURES.names()) {
            // the same within the histogram's 3 significant digits, which round the longer times a little differently
            assertThat(b.fit().coefficient(f)).as(f).isCloseTo(a.fit().coefficient(f), within(0.02 * a.fit().coefficient(f) + 1e-9));
        }
        CalibratedModel model = b.toModel("valgrind", "h", Instant.EPOCH);
        for (int i = 0; i < sleeping.size(); i++) {
            PointResult p = b.points().get(i);
            double expected = a.points().get(i).fittedNanos() + 1_000_000.0 * p.sample().point().size();
            assertThat(p.fittedNanos()).isCloseTo(expected, within(0.01 * expected));
            assertThat((double) model.price(p.sample().counts())).isCloseTo(p.fittedNanos(), within(1.0));
        }
    }

    @Test
    void refusesTooLittleData() {
        List<CalibrationSample> samples = SyntheticCorpus.samples(0.02, 4);
        assertThatThrownBy(() -> CalibrationAnalysis.analyse(FEATURES, samples.subList(0, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two workload kinds");
        assertThatThrownBy(() -> CalibrationAnalysis.analyse(FEATURES, samples.subList(0, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more points than features");
    }

    @Test
    void medianErrorsCloserThanTheNoiseFloorAreDecidedByTheMaximum() {
        Evaluation lowMedianWildMax = evaluation("a", 10, 900);
        Evaluation slightlyHigherMedianSaneMax = evaluation("b", 11, 40);
        assertThat(CalibrationAnalysis.better(lowMedianWildMax, slightlyHigherMedianSaneMax, 5)).isFalse();
        assertThat(CalibrationAnalysis.better(slightlyHigherMedianSaneMax, lowMedianWildMax, 5)).isTrue();
        // With a floor below the difference, the median decides.
        assertThat(CalibrationAnalysis.better(lowMedianWildMax, slightlyHigherMedianSaneMax, 0.5)).isTrue();
    }

    /** An evaluation whose held-out errors are given: predictions of 1 ns against measured times. */
    private static Evaluation evaluation(String name, double median, double max) {
        var predictions = List.of(
                new dev.vbench.model.cv.HeldOutPrediction(new dev.vbench.model.Observation("k", 1, java.util.Map.of(), 100), 100 + median),
                new dev.vbench.model.cv.HeldOutPrediction(new dev.vbench.model.Observation("k", 2, java.util.Map.of(), 100), 100 + median),
                new dev.vbench.model.cv.HeldOutPrediction(new dev.vbench.model.Observation("k", 3, java.util.Map.of(), 100), 100 + max));
        var cv = dev.vbench.model.cv.CrossValidation.of(name, predictions);
        assertThat(cv.medianAbsPctError()).isCloseTo(median, within(1e-9));
        assertThat(cv.maxAbsPctError()).isCloseTo(max, within(1e-9));
        return new Evaluation(name, name, null, cv, null);
    }
}
