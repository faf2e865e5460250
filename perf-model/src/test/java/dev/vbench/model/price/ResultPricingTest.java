package dev.vbench.model.price;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.model.CalibratedModel;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SchedulerStats;
import dev.vbench.reports.model.VbenchInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultPricingTest {
    private static final CalibratedModel MODEL = new CalibratedModel("cal-valgrind-000000000001", Instant.EPOCH,
            "AMD EPYC, 2 cpus", "valgrind",
            List.of(new CalibratedModel.Coefficient("instructions", 0.25, 0.01),
                    new CalibratedModel.Coefficient("syscalls_file", 1000, 10),
                    new CalibratedModel.Coefficient("processes", 500_000, 100),
                    new CalibratedModel.Coefficient("context_switches", 2000, 100),
                    new CalibratedModel.Coefficient("sleep_ns", 1, Double.NaN)),
            new CalibratedModel.FitSummary("nnls", "relative", 56, 14, 0.99, 0.98, 10, 40, 8), List.of());

    private static Benchmark counted(String name) {
        return Benchmark.builder(name).runs(2).deterministic(true).virtualTimeNs(123)
                .counters(Counters.of(Map.of("instructions", 4_000_000L, "syscalls_file", 10L, "sleep_ns", 7L)))
                .processes(2).threads(3).scheduler(new SchedulerStats(10, 5, 0, 0, 0)).build();
    }

    @Test
    void featuresAreTheCountsPlusProcessesThreadsAndSwitches() {
        assertThat(ResultFeatures.of(counted("a"))).containsEntry("instructions", 4_000_000L)
                .containsEntry("syscalls_file", 10L).containsEntry("processes", 2L).containsEntry("threads", 3L)
                .containsEntry("context_switches", 5L).containsEntry("sleep_ns", 7L);
        assertThat(ResultFeatures.of(Benchmark.builder("none").build())).isEmpty();
    }

    @Test
    void repricingSetsTimeAndModelIdFromTheStoredCountsOnly() {
        Result r = Result.of(new VbenchInfo("t"), Environment.builder().counter("valgrind").model("default").build(),
                List.of(counted("a"), counted("b").toBuilder().counter("none").build(), Benchmark.builder("never ran").build()));
        Result priced = ResultPricing.reprice(r, MODEL);

        Benchmark a = priced.benchmarks().get(0);
        // 4e6 x 0.25 + 10 x 1000 + 2 x 500000 + 5 x 2000 + 7 x 1
        assertThat(a.calibratedTimeNs()).isEqualTo(1_000_000 + 10_000 + 1_000_000 + 10_000 + 7);
        assertThat(a.calibratedModel()).isEqualTo(MODEL.id());
        assertThat(a.virtualTimeNs()).as("virtual time is the guest's and stays").isEqualTo(123);
        assertThat(a.counters()).isEqualTo(counted("a").counters());
        assertThat(priced.benchmarks().get(1).calibratedTimeNs()).as("counted by another backend").isNull();
        assertThat(priced.benchmarks().get(2).calibratedTimeNs()).as("never ran").isNull();
        assertThat(priced.benchmarks().get(2).calibratedModel()).isNull();

        // Re-pricing with another model replaces both fields; without one removes them.
        assertThat(ResultPricing.reprice(priced, null).benchmarks().get(0).calibratedTimeNs()).isNull();
        assertThat(ResultPricing.reprice(priced, null).benchmarks().get(0).calibratedModel()).isNull();
    }

    /** A run without vbcount's cache simulation has no cache counts: a model that prices them gives no time, not a low one. */
    @Test
    void aModelThatPricesASimulatedCountTheRunLacksGivesNoTime() {
        CalibratedModel withCache = new CalibratedModel("cal-valgrind-000000000002", Instant.EPOCH, "AMD EPYC, 2 cpus",
                "valgrind", List.of(new CalibratedModel.Coefficient("instructions", 0.25, 0.01),
                        new CalibratedModel.Coefficient("cache_misses", 100, 1)),
                new CalibratedModel.FitSummary("nnls", "relative", 56, 14, 0.99, 0.98, 10, 40, 8), List.of());
        assertThat(ResultPricing.price(withCache, counted("a"), "valgrind")).isNull();
        Benchmark simulated = counted("b").toBuilder().counters(Counters.of(Map.of("instructions", 4_000_000L,
                "cache_misses", 3L))).build();
        assertThat(ResultPricing.price(withCache, simulated, "valgrind")).isEqualTo(1_000_000 + 300);
        assertThat(ResultPricing.price(MODEL, counted("a"), "valgrind")).as("a count no backend gives prices as 0")
                .isNotNull();
    }
}
