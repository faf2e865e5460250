package dev.vbench.reports.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SuiteInfo;
import dev.vbench.reports.model.VbenchInfo;
import dev.vbench.reports.model.WallTime;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields vbench bench adds: suite, suite_index, a benchmark's own counter, wall-time quartiles and p99. */
class SuiteFieldsRoundTripTest {

    @Test
    void suiteFieldsSurviveARoundTripUnderTheirSchemaNames() throws IOException {
        Benchmark b = Fixtures.qsort().toBuilder().suiteIndex(3).counter("none")
                .wallTimeNs(new WallTime(10, 100, 120L, 150, 170L, 180, 199L, 200)).build();
        Result r = Result.of(new VbenchInfo("1"), Fixtures.environment(),
                new SuiteInfo("suite.yaml", "0f".repeat(32), 7, "^q", "2/3"), List.of(b));

        String json = ResultIO.toJson(r);

        assertThat(json).contains("\"suite\": {", "\"file\": \"suite.yaml\"", "\"filter\": \"^q\"", "\"shard\": \"2/3\"",
                "\"suite_index\": 3", "\"counter\": \"none\"", "\"p25\": 120", "\"p75\": 170", "\"p99\": 199");
        assertThat(json.indexOf("\"suite\"")).isBetween(json.indexOf("\"environment\""), json.indexOf("\"benchmarks\""));
        assertThat(ResultIO.read(new StringReader(json), "r.json")).isEqualTo(r);
    }

    @Test
    void resultsWithoutThemStillReadAndWriteAsBefore() throws IOException {
        Result r = Fixtures.result();
        String json = ResultIO.toJson(r);

        assertThat(json).doesNotContain("\"suite\"", "\"suite_index\"", "\"p25\"");
        Result back = ResultIO.read(new StringReader(json), "r.json");
        assertThat(back.suite()).isNull();
        assertThat(back.benchmarks().get(0).wallTimeNs().p25()).isNull();
        assertThat(back.benchmarks().get(0).wallTimeNs().median()).isEqualTo(1_000_000L);
    }
}
