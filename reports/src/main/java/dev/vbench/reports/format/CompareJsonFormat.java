package dev.vbench.reports.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Row;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison as JSON for scripts (schema {@code vbench.compare/1}): what was compared, whether
 * the gate fails, the count of each verdict, the platform differences that were allowed, and one
 * entry per benchmark in the comparison's order. Absent values (a side without the benchmark, a
 * metric not measured) are left out, never written as 0.
 */
public final class CompareJsonFormat implements ComparisonFormat {
    public static final String SCHEMA = "vbench.compare/1";

    private static final ObjectWriter WRITER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build().writer();

    @Override
    public void writeOut(Comparison c, Writer out) throws IOException {
        Map<String, Integer> summary = new LinkedHashMap<>();
        c.counts().forEach((v, n) -> summary.put(v.jsonName(), n));
        Doc doc = new Doc(SCHEMA, c.baseLabel(), c.newLabel(), c.metric().name(), c.metric().unit(),
                c.threshold().percent(), c.failsGate(), summary,
                c.mismatches().stream().map(m -> new Diff(m.field(), m.base(), m.current())).toList(),
                c.rows().stream().map(CompareJsonFormat::entry).toList());
        WRITER.writeValue(out, doc);
        out.write('\n');
    }

    private static Entry entry(Row r) {
        return new Entry(r.name(), r.verdict().jsonName(), r.base(), r.current(), r.delta(), r.deltaPct(),
                r.threshold().percent(), r.reason());
    }

    @JsonPropertyOrder({"schema", "base", "new", "metric", "unit", "threshold_pct", "fails_gate", "summary",
            "platform_mismatches", "benchmarks"})
    record Doc(@JsonProperty("schema") String schema,
               @JsonProperty("base") String base,
               @JsonProperty("new") String current,
               @JsonProperty("metric") String metric,
               @JsonProperty("unit") String unit,
               @JsonProperty("threshold_pct") BigDecimal thresholdPct,
               @JsonProperty("fails_gate") boolean failsGate,
               @JsonProperty("summary") Map<String, Integer> summary,
               @JsonProperty("platform_mismatches") List<Diff> mismatches,
               @JsonProperty("benchmarks") List<Entry> benchmarks) {}

    @JsonPropertyOrder({"field", "base", "new"})
    record Diff(@JsonProperty("field") String field, @JsonProperty("base") String base,
                @JsonProperty("new") String current) {}

    @JsonPropertyOrder({"name", "verdict", "base", "new", "delta", "delta_pct", "threshold_pct", "reason"})
    record Entry(@JsonProperty("name") String name,
                 @JsonProperty("verdict") String verdict,
                 @JsonProperty("base") Long base,
                 @JsonProperty("new") Long current,
                 @JsonProperty("delta") Long delta,
                 @JsonProperty("delta_pct") Double deltaPct,
                 @JsonProperty("threshold_pct") BigDecimal thresholdPct,
                 @JsonProperty("reason") String reason) {}
}
