package dev.vbench.reports.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * github-action-benchmark's {@code customSmallerIsBetter} input: a JSON list of
 * {@code {"name", "unit", "value"}} entries (plus an optional {@code "extra"} text shown with the
 * point). Per benchmark: its virtual time under the benchmark's own name (unit ns), then each other
 * measure under {@code "NAME - MEASURE"}, so that the action charts and alerts on each of them.
 * Benchmarks that did not end by exiting are left out.
 */
public final class GithubActionBenchmarkFormat implements ResultFormat {
    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Benchmark b : result.benchmarks()) {
            Map<String, Long> measures = ServiceJson.measures(b);
            String extra = b.deterministic() ? null : "not deterministic"
                    + (b.deterministicReason() == null ? "" : ": " + b.deterministicReason());
            measures.forEach((name, value) -> entries.add(new Entry(
                    name.equals("virtual_time_ns") ? b.name() : b.name() + " - " + name,
                    ServiceJson.unit(name), value, extra)));
        }
        ServiceJson.write(entries, out);
    }

    @JsonPropertyOrder({"name", "unit", "value", "extra"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(@JsonProperty("name") String name, @JsonProperty("unit") String unit,
                 @JsonProperty("value") long value, @JsonProperty("extra") String extra) {}
}
