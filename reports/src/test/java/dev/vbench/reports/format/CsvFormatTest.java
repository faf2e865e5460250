package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
    @Test
    void headerHasTheDocumentedColumnsInOrder() throws IOException {
        String csv = render(Fixtures.result());

        assertThat(csv.lines().findFirst()).hasValue("name,exit_status,virtual_time_ns,instructions,"
                + "branches_conditional,branches_indirect,syscalls,deterministic,runs,wall_time_median_ns");
        assertThat(CsvFormat.COLUMNS).hasSize(10);
    }

    @Test
    void parsesBackWithTheCsvLibraryOneRowPerBenchmark() throws IOException {
        List<Map<String, String>> rows = parse(render(Fixtures.result()));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("name", "qsort-200k").containsEntry("exit_status", "0")
                .containsEntry("virtual_time_ns", "1234567").containsEntry("instructions", "105586321")
                .containsEntry("branches_conditional", "16490394").containsEntry("branches_indirect", "12345")
                .containsEntry("syscalls", "41").containsEntry("deterministic", "true").containsEntry("runs", "3")
                .containsEntry("wall_time_median_ns", "1000000");
        // Unmeasured counters and missing wall time are empty cells, not 0.
        assertThat(rows.get(1)).containsEntry("name", "threads-4").containsEntry("instructions", "")
                .containsEntry("branches_indirect", "").containsEntry("wall_time_median_ns", "")
                .containsEntry("deterministic", "false").containsEntry("virtual_time_ns", "98765432100");
    }

    @Test
    void quotesNamesWithSeparatorsQuotesAndNewlines() throws IOException {
        String nasty = "sort, \"fast\"\nversion";

        List<Map<String, String>> rows = parse(render(Fixtures.named(nasty)));

        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("name", nasty)
                .containsEntry("virtual_time_ns", "1234567"));
    }

    @Test
    void emptyResultIsJustTheHeader() throws IOException {
        Result empty = Result.of(Fixtures.result().vbench(), Fixtures.environment(), List.of());

        assertThat(render(empty)).isEqualTo(String.join(",", CsvFormat.COLUMNS) + "\n");
    }

    private static String render(Result result) throws IOException {
        StringWriter out = new StringWriter();
        new CsvFormat().writeOut(result, out);
        return out.toString();
    }

    private static List<Map<String, String>> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }
}
