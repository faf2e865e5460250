package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.Termination;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceFormatsTest {
    static Result withTimedOut() {
        List<Benchmark> benchmarks = new ArrayList<>(Fixtures.result().benchmarks());
        benchmarks.add(Benchmark.builder("hangs").virtualTimeNs(5).termination(Termination.TIMED_OUT).build());
        return Result.of(Fixtures.result().vbench(), Fixtures.environment(), benchmarks);
    }

    static JsonNode render(ResultFormatType type, Result r) throws IOException {
        StringWriter out = new StringWriter();
        ResultFormatFactory.of(type).writeOut(r, out);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void bencherMetricFormatHasAMeasurePerNumberEachWithAValue() throws IOException {
        JsonNode bmf = render(ResultFormatType.BENCHER, withTimedOut());

        assertThat(bmf.isObject()).isTrue();
        assertThat(bmf.fieldNames()).toIterable().containsExactly("qsort-200k", "threads-4");
        JsonNode q = bmf.path("qsort-200k");
        assertThat(q.fieldNames()).toIterable().containsExactly("virtual_time_ns", "instructions",
                "branches_conditional", "branches_indirect", "syscalls", "wall_time_ns");
        assertThat(q.path("virtual_time_ns").path("value").asLong()).isEqualTo(1_234_567L);
        assertThat(q.path("virtual_time_ns").size()).as("only value").isOne();
        assertThat(q.path("instructions").path("value").asLong()).isEqualTo(105_586_321L);
        assertThat(q.path("wall_time_ns").path("value").asLong()).isEqualTo(1_000_000L);
        assertThat(q.path("wall_time_ns").path("lower_value").asLong()).isEqualTo(900_000L);
        assertThat(q.path("wall_time_ns").path("upper_value").asLong()).isEqualTo(1_500_000L);
        // Unmeasured counts are absent, not 0.
        assertThat(bmf.path("threads-4").has("instructions")).isFalse();
        assertThat(bmf.path("threads-4").path("syscalls").path("value").asLong()).isEqualTo(900);
        // Every measure is an object with a numeric value: the shape Bencher's JSON schema requires.
        bmf.fields().forEachRemaining(b -> b.getValue().fields().forEachRemaining(m ->
                assertThat(m.getValue().path("value").isNumber()).as("%s.%s", b.getKey(), m.getKey()).isTrue()));
    }

    @Test
    void githubActionBenchmarkGetsNameUnitValueEntries() throws IOException {
        JsonNode list = render(ResultFormatType.GITHUB_ACTION_BENCHMARK, withTimedOut());

        assertThat(list.isArray()).isTrue();
        JsonNode first = list.get(0);
        assertThat(first.path("name").asText()).isEqualTo("qsort-200k");
        assertThat(first.path("unit").asText()).isEqualTo("ns");
        assertThat(first.path("value").asLong()).isEqualTo(1_234_567L);
        assertThat(first.has("extra")).isFalse();
        assertThat(list.get(1).path("name").asText()).isEqualTo("qsort-200k - instructions");
        assertThat(list.get(1).path("unit").asText()).isEqualTo("count");
        List<String> names = new ArrayList<>();
        list.forEach(e -> {
            names.add(e.path("name").asText());
            assertThat(e.path("value").isNumber()).isTrue();
            assertThat(e.path("unit").asText()).isNotEmpty();
        });
        assertThat(names).contains("threads-4", "threads-4 - syscalls").doesNotContain("threads-4 - instructions")
                .noneMatch(n -> n.startsWith("hangs"));
        JsonNode threads = list.get(names.indexOf("threads-4"));
        assertThat(threads.path("extra").asText()).isEqualTo("not deterministic: stdout differed between run 1 and run 2");
    }

    @Test
    void formatNamesOnTheCommandLine() {
        assertThat(ResultFormatType.parse("github-action-benchmark")).isEqualTo(ResultFormatType.GITHUB_ACTION_BENCHMARK);
        assertThat(ResultFormatType.parse("GITHUB_ACTION_BENCHMARK")).isEqualTo(ResultFormatType.GITHUB_ACTION_BENCHMARK);
        assertThat(ResultFormatType.parse("bencher")).isEqualTo(ResultFormatType.BENCHER);
        assertThat(ResultFormatType.parse("json")).as("the extension means the result file").isEqualTo(ResultFormatType.JSON);
    }
}
