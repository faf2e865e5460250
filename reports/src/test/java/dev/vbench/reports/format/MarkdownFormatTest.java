package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownFormatTest {
    @Test
    void hasAResultsTableAndACountersTableOfConsistentShape() throws IOException {
        List<List<String>> tables = tables(render(Fixtures.result()));

        assertThat(tables).hasSize(2);
        for (List<String> table : tables) {
            int columns = cells(table.get(0));
            assertThat(table).hasSize(2 + 2); // header, separator, one row per benchmark
            assertThat(table.get(1)).matches("\\|(:?-+:?\\|)+");
            assertThat(table).allSatisfy(row -> assertThat(cells(row)).isEqualTo(columns));
        }
        assertThat(tables.get(0).get(0)).startsWith("| benchmark | exit | virtual time (ns) |");
        assertThat(tables.get(1).get(0)).contains("instructions", "conditional branches", "indirect branches", "syscalls");
    }

    @Test
    void rowsCarryTheNumbersAndMarkUnmeasuredCounters() throws IOException {
        List<List<String>> tables = tables(render(Fixtures.result()));

        assertThat(tables.get(0).get(2)).startsWith("| qsort-200k | 0 | 1,234,567 | 1.235 ms | 3 | yes | 1.000 ms |");
        assertThat(tables.get(1).get(3)).isEqualTo("| threads-4 | n/a | 5,000,000 | n/a | 900 |");
    }

    @Test
    void escapesPipesNewlinesAndHtmlInNames() throws IOException {
        List<List<String>> tables = tables(render(Fixtures.named("a|b\nc <i>")));

        List<String> results = tables.get(0);
        assertThat(results).hasSize(3);
        assertThat(results.get(2)).startsWith("| a\\|b c &lt;i&gt; |");
        assertThat(cells(results.get(2))).isEqualTo(cells(results.get(0)));
    }

    @Test
    void listsNotes() throws IOException {
        assertThat(render(Fixtures.result())).contains("### Notes",
                "- **threads-4**: stdout differed between run 1 and run 2");
    }

    private static String render(Result result) throws IOException {
        StringWriter out = new StringWriter();
        new MarkdownFormat().writeOut(result, out);
        return out.toString();
    }

    /** Consecutive lines starting with '|' form one table. */
    private static List<List<String>> tables(String md) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(line);
            } else {
                current = null;
            }
        }
        return tables;
    }

    /** Cells in a row: unescaped pipes minus the outer ones. */
    private static int cells(String row) {
        int pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '\\') {
                i++;
            } else if (row.charAt(i) == '|') {
                pipes++;
            }
        }
        return pipes - 1;
    }
}
