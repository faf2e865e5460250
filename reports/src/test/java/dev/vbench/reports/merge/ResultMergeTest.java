package dev.vbench.reports.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Host;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SuiteInfo;
import dev.vbench.reports.model.VbenchInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultMergeTest {
    private static final VbenchInfo VERSION = new VbenchInfo("0.1.0-SNAPSHOT");
    private static final String SHA = "ab".repeat(32);

    private static Benchmark bench(String name, int index) {
        return unindexed(name).toBuilder().suiteIndex(index).build();
    }

    private static Benchmark unindexed(String name) {
        return Benchmark.builder(name).command(List.of("./" + name)).virtualTimeNs(1000L + name.hashCode() % 100)
                .runs(2).deterministic(true).build();
    }

    private static Result shard(String shard, Environment env, Benchmark... benchmarks) {
        return Result.of(VERSION, env, new SuiteInfo("suite.json", SHA, 5, null, shard), List.of(benchmarks));
    }

    private static List<Benchmark> suite() {
        List<Benchmark> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(bench("b" + i, i));
        }
        return all;
    }

    @Test
    void shardsGoBackIntoSuiteOrderWhateverTheirOrderOnTheCommandLine() throws Exception {
        List<Benchmark> all = suite();
        Environment env = Fixtures.environment();
        Result whole = Result.of(VERSION, env, new SuiteInfo("suite.json", SHA, 5, null, null), all);
        Result s1 = shard("1/2", env, all.get(0), all.get(2), all.get(4));
        Result s2 = shard("2/2", env, all.get(1), all.get(3));

        Result merged = ResultMerge.merge(List.of(new ResultMerge.Input("s2.json", s2), new ResultMerge.Input("s1.json", s1)));

        assertThat(ResultIO.toJson(merged)).isEqualTo(ResultIO.toJson(whole));
    }

    @Test
    void aMissingShardIsNamed() {
        List<Benchmark> all = suite();
        Environment env = Fixtures.environment();
        Result s1 = shard("1/3", env, all.get(0), all.get(3));
        Result s3 = shard("3/3", env, all.get(2));

        assertThatThrownBy(() -> ResultMerge.merge(List.of(new ResultMerge.Input("a.json", s1), new ResultMerge.Input("c.json", s3))))
                .isInstanceOf(MergeException.class).hasMessage("shard 2/3 is missing; the merged result would lack its benchmarks");
    }

    @Test
    void theSameShardTwiceIsRefused() {
        Environment env = Fixtures.environment();
        Result s1 = shard("1/2", env, bench("b0", 0));
        assertThatThrownBy(() -> ResultMerge.merge(List.of(new ResultMerge.Input("a.json", s1), new ResultMerge.Input("b.json", s1))))
                .isInstanceOf(MergeException.class).hasMessageContaining("b.json and a.json are both shard 1/2");
    }

    @Test
    void differentSuitesFiltersSplitsAndEnvironmentsAreRefused() {
        Environment env = Fixtures.environment();
        Result s1 = shard("1/2", env, bench("b0", 0));
        Result otherSuite = Result.of(VERSION, env, new SuiteInfo("suite.json", "cd".repeat(32), 5, null, "2/2"),
                List.of(bench("b1", 1)));
        Result otherFilter = Result.of(VERSION, env, new SuiteInfo("suite.json", SHA, 5, "^q", "2/2"), List.of(bench("b1", 1)));
        Result otherSplit = shard("2/3", env, bench("b1", 1));
        Environment seed7 = env;
        Environment seed8 = Environment.builder().counter(env.counter()).model(env.model()).epoch(env.epoch()).seed(8)
                .schedSeed(env.schedSeed()).cpus(env.cpus()).memoryBytes(env.memoryBytes())
                .cpuidVirtualized(env.cpuidVirtualized()).host(env.host()).build();
        Result otherEnv = shard("2/2", seed8, bench("b1", 1));

        assertThatThrownBy(() -> merge(s1, otherSuite)).hasMessageContaining("ran different suites");
        assertThatThrownBy(() -> merge(s1, otherFilter)).hasMessageContaining("ran different filters ('^q', none)");
        assertThatThrownBy(() -> merge(s1, otherSplit)).hasMessageContaining("shards of different splits");
        assertThatThrownBy(() -> merge(s1, otherEnv)).hasMessageContaining("different environments: seed 8 vs 7");
        assertThat(seed7.seed()).isEqualTo(7);
    }

    @Test
    void aDifferentFingerprintIsRefusedButADifferentHostIsNot() throws Exception {
        Environment env = Fixtures.environment();
        Environment otherHost = withFingerprintAndHost(env, null, new Host("another CPU", "6.2"));
        Environment otherCpu = withFingerprintAndHost(env,
                new Fingerprint("valgrind", "valgrind-3.19.0", "some CPU", "glibc 2.36", "6.1.0-vbench", "default"), env.host());

        Result merged = merge(shard("1/2", env, bench("b0", 0)), shard("2/2", otherHost, bench("b1", 1)));
        assertThat(merged.benchmarks()).extracting(Benchmark::name).containsExactly("b0", "b1");
        assertThat(merged.suite().shard()).isNull();
        assertThatThrownBy(() -> merge(shard("1/2", env, bench("b0", 0)), shard("2/2", otherCpu, bench("b1", 1))))
                .hasMessageContaining("fingerprint");
    }

    @Test
    void aResultWithoutSuiteOrIndexOrWithARepeatedBenchmarkIsRefused() {
        Environment env = Fixtures.environment();
        Result plain = Result.of(VERSION, env, List.of(bench("b0", 0)));
        assertThatThrownBy(() -> merge(plain)).hasMessageContaining("not the result of a suite run");
        Result noIndex = shard("2/2", env, unindexed("b1"));
        assertThatThrownBy(() -> merge(shard("1/2", env, bench("b0", 0)), noIndex)).hasMessageContaining("has no suite_index");
        Result again = shard("2/2", env, bench("b0", 1));
        assertThatThrownBy(() -> merge(shard("1/2", env, bench("b0", 0)), again))
                .hasMessageContaining("benchmark \"b0\" is in both");
    }

    @Test
    void aWholeSuiteMergesAloneButNotWithShards() throws Exception {
        Environment env = Fixtures.environment();
        Result whole = Result.of(VERSION, env, new SuiteInfo("suite.json", SHA, 5, null, null), suite());
        assertThat(merge(whole)).isEqualTo(whole);
        assertThatThrownBy(() -> merge(whole, shard("1/2", env, bench("b9", 9)))).hasMessageContaining("not a shard");
    }

    private static Result merge(Result... results) throws MergeException {
        List<ResultMerge.Input> in = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            in.add(new ResultMerge.Input("r" + i + ".json", results[i]));
        }
        return ResultMerge.merge(in);
    }

    private static Environment withFingerprintAndHost(Environment e, Fingerprint f, Host host) {
        return Environment.builder().counter(e.counter()).counterReason(e.counterReason()).model(e.model()).epoch(e.epoch())
                .seed(e.seed()).schedSeed(e.schedSeed()).cpus(e.cpus()).memoryBytes(e.memoryBytes())
                .cpuidVirtualized(e.cpuidVirtualized()).rdtscVirtualized(e.rdtscVirtualized()).fingerprint(f).host(host)
                .build();
    }
}
