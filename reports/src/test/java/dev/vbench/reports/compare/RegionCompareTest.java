package dev.vbench.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.ProfileRef;
import dev.vbench.reports.model.Region;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.VbenchInfo;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** compare --region: the metric inside one region; the region fields survive a round trip. */
class RegionCompareTest {

    static Benchmark bench(String name, long wholeInsns, Long loopInsns) {
        Benchmark.Builder b = Fixtures.qsort().toBuilder();
        Benchmark base = b.build();
        Benchmark.Builder out = Benchmark.builder(name).command(base.command()).runs(2).deterministic(true)
                .virtualTimeNs(wholeInsns).counters(Counters.of(Map.of("instructions", wholeInsns)));
        if (loopInsns != null) {
            out.regions(Map.of("loop", new Region(1, loopInsns / 10, Counters.of(Map.of("instructions", loopInsns)))));
        }
        return out.build();
    }

    static Result result(Benchmark... b) {
        return Result.of(new VbenchInfo("test"), Fixtures.environment(), List.of(b));
    }

    @Test
    void theRegionGatesWhenTheWholeRunDoesNot() throws Exception {
        // set-up grew a lot (whole run +50%), the loop by 1%: only the region regressed
        Result base = result(bench("a", 1_000_000, 100_000L), bench("b", 10, 5L));
        Result now = result(bench("a", 1_500_000, 101_000L), bench("b", 10, 5L));
        Metric m = Metric.parse("instructions").inRegion("loop");
        Comparison c = CompareEngine.compare(new CompareEngine.Labeled("base", base), new CompareEngine.Labeled("new", now),
                m, Threshold.parse("0.5%"), false);
        assertThat(c.rows()).extracting(r -> r.name() + ":" + r.verdict() + ":" + r.delta())
                .containsExactly("a:REGRESSED:1000", "b:UNCHANGED:0");
        assertThat(m.name()).isEqualTo("instructions in region 'loop'");
        Comparison vt = CompareEngine.compare(new CompareEngine.Labeled("base", base), new CompareEngine.Labeled("new", now),
                Metric.VIRTUAL_TIME.inRegion("loop"), Threshold.parse("0.5%"), false);
        assertThat(vt.rows().get(0).base()).isEqualTo(10_000L);
        // setup alone changing leaves the region unchanged
        Result setupOnly = result(bench("a", 3_000_000, 100_000L), bench("b", 10, 5L));
        assertThat(CompareEngine.compare(new CompareEngine.Labeled("base", base),
                new CompareEngine.Labeled("new", setupOnly), m, Threshold.parse("0.2%"), false).failsGate()).isFalse();
    }

    @Test
    void aBenchmarkWithoutTheRegionIsNotMeasuredAndNoRegionAtAllIsBadInput() throws Exception {
        Result base = result(bench("a", 1000, 100L), bench("b", 10, null));
        Result now = result(bench("a", 1000, 100L), bench("b", 10, null));
        Comparison c = CompareEngine.compare(new CompareEngine.Labeled("base", base), new CompareEngine.Labeled("new", now),
                Metric.parse("instructions").inRegion("loop"), Threshold.parse("0.2%"), false);
        assertThat(c.rows().get(1).verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(c.failsGate()).isTrue();
        assertThatThrownBy(() -> CompareEngine.compare(new CompareEngine.Labeled("base", base),
                new CompareEngine.Labeled("new", now), Metric.parse("instructions").inRegion("sort"),
                Threshold.parse("0.2%"), false)).hasMessageContaining("no benchmark marked the region 'sort'")
                .hasMessageContaining("its regions are loop");
        assertThatThrownBy(() -> Metric.CALIBRATED_TIME.inRegion("loop")).hasMessageContaining("no calibrated time");
    }

    @Test
    void regionsStartupAndProfileRoundTrip() throws Exception {
        Benchmark b = bench("a", 1000, 100L).toBuilder().startupInstructions(600L)
                .profile(new ProfileRef("r.profile.json", "c".repeat(64))).build();
        StringWriter w = new StringWriter();
        ResultIO.write(result(b), w);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.toString()).get("benchmarks").get(0);
        assertThat(json.get("regions").toString()).isEqualTo(
                "{\"loop\":{\"entries\":1,\"virtual_time_ns\":10,\"counters\":{\"instructions\":100}}}");
        assertThat(json.get("startup_instructions").asLong()).isEqualTo(600);
        assertThat(json.get("profile").toString()).isEqualTo("{\"file\":\"r.profile.json\",\"sha256\":\""
                + "c".repeat(64) + "\"}");
        Benchmark back = ResultIO.read(new StringReader(w.toString()), "test").benchmarks().get(0);
        assertThat(back).isEqualTo(b);
        assertThat(bench("x", 1, null).regions()).isNull();
    }
}
