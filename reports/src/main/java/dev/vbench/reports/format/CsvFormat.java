package dev.vbench.reports.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One row per benchmark with a header, for spreadsheets and scripts. Quoting is left to Jackson's CSV
 * writer (names may hold commas, quotes or newlines). An unmeasured counter or missing wall time is an
 * empty cell, never 0. Plain numbers, no grouping, so the cells parse as numbers.
 */
public final class CsvFormat implements ResultFormat {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();

    /** The columns, in order; the header row uses these names. */
    public static final List<String> COLUMNS = List.copyOf(SCHEMA.getColumnNames());

    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        List<Row> rows = result.benchmarks().stream().map(Row::of).toList();
        MAPPER.writer(SCHEMA).writeValue(out, rows);
    }

    @JsonPropertyOrder({"name", "exit_status", "virtual_time_ns", "instructions", "branches_conditional",
            "branches_indirect", "syscalls", "deterministic", "runs", "wall_time_median_ns"})
    record Row(
            @JsonProperty("name") String name,
            @JsonProperty("exit_status") int exitStatus,
            @JsonProperty("virtual_time_ns") long virtualTimeNs,
            @JsonProperty("instructions") Long instructions,
            @JsonProperty("branches_conditional") Long branchesConditional,
            @JsonProperty("branches_indirect") Long branchesIndirect,
            @JsonProperty("syscalls") Long syscalls,
            @JsonProperty("deterministic") boolean deterministic,
            @JsonProperty("runs") int runs,
            @JsonProperty("wall_time_median_ns") Long wallTimeMedianNs) {

        static Row of(Benchmark b) {
            return new Row(b.name(), b.exitStatus(), b.virtualTimeNs(), b.counters().instructions(),
                    b.counters().branchesConditional(), b.counters().branchesIndirect(), b.counters().syscalls(),
                    b.deterministic(), b.runs(), b.wallTimeNs() == null ? null : b.wallTimeNs().median());
        }
    }
}
