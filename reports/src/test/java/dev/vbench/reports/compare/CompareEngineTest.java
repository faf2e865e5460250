package dev.vbench.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.Termination;
import dev.vbench.reports.model.VbenchInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareEngineTest {

    static Benchmark bench(String name, long virtualTime) {
        return Benchmark.builder(name).virtualTimeNs(virtualTime).deterministic(true).runs(1)
                .counters(Counters.of(Map.of(Counters.INSTRUCTIONS, virtualTime * 10, Counters.SYSCALLS, 5L))).build();
    }

    static Result result(Benchmark... benchmarks) {
        return result(Fixtures.environment(), benchmarks);
    }

    static Result result(Environment env, Benchmark... benchmarks) {
        return Result.of(new VbenchInfo("test"), env, List.of(benchmarks));
    }

    static Comparison compare(Result base, Result current) throws IncomparableResultsException {
        return compare(base, current, Metric.VIRTUAL_TIME, Threshold.DEFAULT);
    }

    static Comparison compare(Result base, Result current, Metric m, Threshold t) throws IncomparableResultsException {
        return CompareEngine.compare(new CompareEngine.Labeled("base.json", base),
                new CompareEngine.Labeled("new.json", current), m, t, false);
    }

    static Row only(Comparison c) {
        assertThat(c.rows()).hasSize(1);
        return c.rows().get(0);
    }

    @Test
    void aChangeOfExactlyTheThresholdIsUnchangedAndOneMoreIsARegression() throws Exception {
        Row atThreshold = only(compare(result(bench("a", 1000)), result(bench("a", 1002))));
        assertThat(atThreshold.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(atThreshold.delta()).isEqualTo(2);
        assertThat(atThreshold.deltaPct()).isEqualTo(0.2);

        Row above = only(compare(result(bench("a", 1000)), result(bench("a", 1003))));
        assertThat(above.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(above.base()).isEqualTo(1000);
        assertThat(above.current()).isEqualTo(1003);
        assertThat(above.deltaPct()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));

        Row better = only(compare(result(bench("a", 1000)), result(bench("a", 997))));
        assertThat(better.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(better.delta()).isEqualTo(-3);
    }

    @Test
    void theGlobalThresholdApplies() throws Exception {
        Row r = only(compare(result(bench("a", 1000)), result(bench("a", 1030)), Metric.VIRTUAL_TIME,
                Threshold.parse("5%")));
        assertThat(r.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.threshold()).isEqualTo(Threshold.parse("5%"));
    }

    @Test
    void aBenchmarksOwnThresholdOverridesTheGlobalOneTheNewSidesFirst() throws Exception {
        Benchmark loose = bench("a", 1030).toBuilder().thresholdPct(5.0).build();
        Row r = only(compare(result(bench("a", 1000)), result(loose)));
        assertThat(r.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.threshold()).isEqualTo(Threshold.parse("5%"));

        Benchmark baseTight = bench("a", 1000).toBuilder().thresholdPct(1.0).build();
        Row fromBase = only(compare(result(baseTight), result(bench("a", 1015))));
        assertThat(fromBase.verdict()).as("the base's own threshold when the new side has none").isEqualTo(Verdict.REGRESSED);
        assertThat(fromBase.threshold()).isEqualTo(Threshold.parse("1%"));

        Row newWins = only(compare(result(baseTight), result(bench("a", 1015).toBuilder().thresholdPct(2.0).build())));
        assertThat(newWins.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aNegativeOwnThresholdIsBadInput() {
        Benchmark bad = bench("a", 1000).toBuilder().thresholdPct(-1.0).build();
        assertThatThrownBy(() -> compare(result(bench("a", 1000)), result(bad)))
                .isInstanceOf(IncomparableResultsException.class)
                .hasMessageContaining("new.json").hasMessageContaining("'a'").hasMessageContaining("threshold_pct -1.0");
    }

    @Test
    void addedAndRemovedBenchmarks() throws Exception {
        Comparison c = compare(result(bench("kept", 10), bench("gone", 20)), result(bench("kept", 10), bench("fresh", 30)));
        assertThat(c.rows()).extracting(Row::name).containsExactly("kept", "fresh", "gone");
        assertThat(c.rows()).extracting(Row::verdict).containsExactly(Verdict.UNCHANGED, Verdict.ADDED, Verdict.REMOVED);
        assertThat(c.rows().get(1).base()).isNull();
        assertThat(c.rows().get(1).current()).isEqualTo(30);
        assertThat(c.rows().get(2).base()).isEqualTo(20);
        assertThat(c.rows().get(2).current()).isNull();
        assertThat(c.failsGate()).isFalse();
    }

    @Test
    void anAddedBenchmarkThatFailsOrIsNondeterministicFailsTheGate() throws Exception {
        Benchmark crashed = bench("fresh", 30).toBuilder().exitStatus(139).build();
        assertThat(only(compare(result(), result(crashed))).verdict()).isEqualTo(Verdict.FAILED);
        Benchmark flaky = bench("fresh", 30).toBuilder().deterministic(false).build();
        assertThat(only(compare(result(), result(flaky))).verdict()).isEqualTo(Verdict.NONDETERMINISTIC);
    }

    @Test
    void failedRunsAreFailuresWhateverTheirNumbers() throws Exception {
        Benchmark timedOut = bench("a", 1000).toBuilder().termination(Termination.TIMED_OUT).build();
        Row t = only(compare(result(bench("a", 1000)), result(timedOut)));
        assertThat(t.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(t.reason()).isEqualTo("new: timed out");

        Benchmark exit1 = bench("a", 1000).toBuilder().exitStatus(1).build();
        Row changed = only(compare(result(bench("a", 1000)), result(exit1)));
        assertThat(changed.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(changed.reason()).isEqualTo("exit status changed from 0 to 1");

        Row both = only(compare(result(exit1), result(exit1)));
        assertThat(both.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(both.reason()).isEqualTo("exit status 1 on both sides");

        Benchmark deadlocked = bench("a", 1000).toBuilder().termination(Termination.DEADLOCK).build();
        assertThat(only(compare(result(deadlocked), result(bench("a", 1000)))).reason()).isEqualTo("base: deadlock");
    }

    @Test
    void nondeterministicOnEitherSide() throws Exception {
        Benchmark flaky = bench("a", 1000).toBuilder().deterministic(false)
                .deterministicReason("stdout differed").build();
        Row r = only(compare(result(flaky), result(bench("a", 1000))));
        assertThat(r.verdict()).isEqualTo(Verdict.NONDETERMINISTIC);
        assertThat(r.reason()).isEqualTo("base: not deterministic (stdout differed)");
        assertThat(compare(result(flaky), result(bench("a", 1000))).failsGate()).isTrue();
    }

    @Test
    void aCountMissingOnOneSideIsNotMeasuredNeverAFakeZero() throws Exception {
        Benchmark noInstructions = bench("a", 1000).toBuilder()
                .counters(Counters.of(Map.of(Counters.SYSCALLS, 5L))).build();
        Comparison c = compare(result(bench("a", 1000), bench("b", 5)), result(noInstructions, bench("b", 5)),
                Metric.parse("instructions"), Threshold.DEFAULT);
        Row r = c.rows().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(r.base()).isEqualTo(10_000);
        assertThat(r.current()).isNull();
        assertThat(r.delta()).isNull();
        assertThat(r.reason()).isEqualTo("instructions was not measured in the new result");
        assertThat(c.failsGate()).isTrue();
    }

    @Test
    void aMetricThatASideNeverMeasuredIsBadInputNamingWhatWasMeasured() {
        assertThatThrownBy(() -> compare(result(bench("a", 1)), result(bench("a", 1)), Metric.parse("page-faults"),
                Threshold.DEFAULT))
                .isInstanceOf(IncomparableResultsException.class)
                .hasMessageContaining("base.json: no benchmark measured page-faults (counter valgrind)")
                .hasMessageContaining("instructions, syscalls");
        assertThatThrownBy(() -> compare(result(bench("a", 1)), result(bench("a", 1)), Metric.CALIBRATED_TIME,
                Threshold.DEFAULT)).hasMessageContaining("calibrated model");
    }

    @Test
    void comparesAnyCountAndCalibratedTime() throws Exception {
        Benchmark b = bench("a", 1000).toBuilder().calibratedTimeNs(500L)
                .counters(Counters.of(Map.of(Counters.SYSCALLS, 100L))).build();
        Benchmark c = bench("a", 1000).toBuilder().calibratedTimeNs(400L)
                .counters(Counters.of(Map.of(Counters.SYSCALLS, 101L))).build();
        assertThat(only(compare(result(b), result(c), Metric.parse("syscalls"), Threshold.DEFAULT)).verdict())
                .isEqualTo(Verdict.REGRESSED);
        assertThat(only(compare(result(b), result(c), Metric.CALIBRATED_TIME, Threshold.DEFAULT)).verdict())
                .isEqualTo(Verdict.IMPROVED);
        assertThat(only(compare(result(b), result(c))).verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    /** Calibrated times priced by two models differ by the models: refused unless --allow-mismatch. */
    @Test
    void calibratedTimesOfDifferentModelsAreNotCompared() throws Exception {
        Benchmark b = bench("a", 1000).toBuilder().calibratedTimeNs(500L).calibratedModel("cal-valgrind-aaaaaaaaaaaa").build();
        Benchmark c = bench("a", 1000).toBuilder().calibratedTimeNs(400L).calibratedModel("cal-valgrind-bbbbbbbbbbbb").build();
        assertThatThrownBy(() -> compare(result(b), result(c), Metric.CALIBRATED_TIME, Threshold.DEFAULT))
                .isInstanceOf(IncomparableResultsException.class)
                .hasMessageContaining("calibrated_model: 'cal-valgrind-aaaaaaaaaaaa' (base) vs 'cal-valgrind-bbbbbbbbbbbb' (new)")
                .hasMessageContaining("compare --model");
        // Other metrics do not depend on the model.
        assertThat(only(compare(result(b), result(c))).verdict()).isEqualTo(Verdict.UNCHANGED);
        Comparison anyway = CompareEngine.compare(new CompareEngine.Labeled("base.json", result(b)),
                new CompareEngine.Labeled("new.json", result(c)), Metric.CALIBRATED_TIME, Threshold.DEFAULT, true);
        assertThat(anyway.mismatched()).isTrue();
        assertThat(only(anyway).verdict()).isEqualTo(Verdict.IMPROVED);
        // The same model on both sides compares.
        Benchmark c2 = c.toBuilder().calibratedModel("cal-valgrind-aaaaaaaaaaaa").build();
        assertThat(only(compare(result(b), result(c2), Metric.CALIBRATED_TIME, Threshold.DEFAULT)).verdict())
                .isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void fromZeroAnyIncreaseIsARegressionOfUnknownPercent() throws Exception {
        Row r = only(compare(result(bench("a", 0)), result(bench("a", 5))));
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(r.deltaPct()).isNull();
        assertThat(only(compare(result(bench("a", 0)), result(bench("a", 0)))).deltaPct()).isEqualTo(0.0);
    }

    @Test
    void differentPlatformsAreRefusedNamingEachDifference() {
        Environment other = Environment.builder().counter("none").model("default").epoch("2024-01-01T00:00:00Z")
                .seed(7).schedSeed(42).cpus(8).memoryBytes(8L << 30).cpuidVirtualized(true)
                .fingerprint(new Fingerprint("none", null, "x86-64-v2", "glibc 2.36", "6.1.0-vbench", "default"))
                .build();
        assertThatThrownBy(() -> compare(result(bench("a", 1)), result(other, bench("a", 1))))
                .isInstanceOf(IncomparableResultsException.class)
                .hasMessageContaining("base.json and new.json were measured on different platforms")
                .hasMessageContaining("counter: 'valgrind' (base) vs 'none' (new)")
                .hasMessageContaining("cpus: '4' (base) vs '8' (new)")
                .hasMessageContaining("fingerprint.libc: not recorded (base) vs 'glibc 2.36' (new)")
                .hasMessageContaining("--allow-mismatch")
                .message().doesNotContain("seed").doesNotContain("fingerprint.counter_version");
    }

    @Test
    void everyFieldThatChangesCountsIsChecked() {
        Environment e = Fixtures.environment();
        Fingerprint f = new Fingerprint("valgrind", "3.19", "cpu", "glibc", "6.1", "default");
        Environment base = Environment.builder().counter("valgrind").model("m").epoch("e").seed(1).schedSeed(2).cpus(3)
                .memoryBytes(4).cpuidVirtualized(true).rdtscVirtualized(true).fingerprint(f).host(e.host()).build();
        Environment allDifferent = Environment.builder().counter("perf").model("m2").epoch("e2").seed(9).schedSeed(9)
                .cpus(9).memoryBytes(9).cpuidVirtualized(false).rdtscVirtualized(false)
                .fingerprint(new Fingerprint("perf", "6.1", "cpu2", "musl", "6.2", "m2"))
                .host(new dev.vbench.reports.model.Host("another host", "another kernel")).build();

        assertThat(PlatformCheck.differences(base, allDifferent)).extracting(Mismatch::field).containsExactly(
                "counter", "model", "epoch", "seed", "sched_seed", "cpus", "memory_bytes", "cpuid_virtualized",
                "rdtsc_virtualized", "fingerprint.counter", "fingerprint.counter_version", "fingerprint.cpu",
                "fingerprint.libc", "fingerprint.kernel", "fingerprint.model");
        Environment sameButHost = Environment.builder().counter("valgrind").model("m").epoch("e").seed(1).schedSeed(2)
                .cpus(3).memoryBytes(4).cpuidVirtualized(true).rdtscVirtualized(true).fingerprint(f)
                .host(new dev.vbench.reports.model.Host("another host", "another kernel")).build();
        assertThat(PlatformCheck.differences(base, sameButHost)).as("the host is informative only").isEmpty();
    }

    @Test
    void allowMismatchComparesAndKeepsTheDifferences() throws Exception {
        Environment other = Environment.builder().counter("valgrind").model("default").epoch("2024-01-01T00:00:00Z")
                .seed(8).schedSeed(42).cpus(4).memoryBytes(8L << 30).cpuidVirtualized(true).build();
        Comparison c = CompareEngine.compare(new CompareEngine.Labeled("b", result(bench("a", 1))),
                new CompareEngine.Labeled("n", result(other, bench("a", 1))), Metric.VIRTUAL_TIME, Threshold.DEFAULT, true);
        assertThat(c.mismatched()).isTrue();
        assertThat(c.mismatches()).containsExactly(new Mismatch("seed", "7", "8"));
        assertThat(only(c).verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void duplicateNamesAreBadInput() {
        assertThatThrownBy(() -> compare(result(bench("a", 1), bench("a", 2)), result(bench("a", 1))))
                .isInstanceOf(IncomparableResultsException.class)
                .hasMessage("base.json: two benchmarks are named 'a'; a comparison matches benchmarks by name, so names must be unique");
    }

    @Test
    void summaryCountsAndSeverityOrder() throws Exception {
        Comparison c = compare(
                result(bench("same", 100), bench("slower", 100), bench("much-slower", 100), bench("faster", 100),
                        bench("gone", 1)),
                result(bench("same", 100), bench("slower", 101), bench("faster", 90), bench("much-slower", 150),
                        bench("new", 1)));
        assertThat(c.summaryLine()).isEqualTo("2 regressed, 1 improved, 1 added, 1 removed, 1 unchanged");
        assertThat(c.counts().get(Verdict.REGRESSED)).isEqualTo(2);
        assertThat(c.counts().get(Verdict.FAILED)).isZero();
        assertThat(c.rowsBySeverity()).extracting(Row::name)
                .containsExactly("much-slower", "slower", "faster", "new", "gone", "same");
        assertThat(c.failsGate()).isTrue();
        assertThat(compare(result(), result()).summaryLine()).isEqualTo("no benchmarks");
    }
}
