package dev.vbench.reports.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Row;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * One row per benchmark with a header, in the comparison's order. Absent values are empty cells,
 * never 0; numbers are plain (no grouping) so they parse as numbers. {@code platforms_match} is
 * false on every row of a comparison made with {@code --allow-mismatch} across platforms.
 */
public final class CompareCsvFormat implements ComparisonFormat {
    private static final CsvMapper MAPPER = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(Line.class).withHeader();

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.copyOf(SCHEMA.getColumnNames());

    @Override
    public void writeOut(Comparison c, Writer out) throws IOException {
        List<Line> lines = c.rows().stream().map(r -> Line.of(c, r)).toList();
        MAPPER.writer(SCHEMA).writeValue(out, lines);
    }

    @JsonPropertyOrder({"name", "verdict", "metric", "base", "new", "delta", "delta_pct", "threshold_pct", "reason",
            "platforms_match"})
    record Line(@JsonProperty("name") String name,
                @JsonProperty("verdict") String verdict,
                @JsonProperty("metric") String metric,
                @JsonProperty("base") Long base,
                @JsonProperty("new") Long current,
                @JsonProperty("delta") Long delta,
                @JsonProperty("delta_pct") Double deltaPct,
                @JsonProperty("threshold_pct") BigDecimal thresholdPct,
                @JsonProperty("reason") String reason,
                @JsonProperty("platforms_match") boolean platformsMatch) {
        static Line of(Comparison c, Row r) {
            return new Line(r.name(), r.verdict().jsonName(), c.metric().name(), r.base(), r.current(), r.delta(),
                    r.deltaPct(), r.threshold().percent(), r.reason(), !c.mismatched());
        }
    }
}
