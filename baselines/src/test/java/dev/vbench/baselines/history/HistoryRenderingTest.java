package dev.vbench.baselines.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRenderingTest {
    private static Series series(String benchmark, long... values) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesPoint(i + 1, "c0ffee" + i + "0123456789", "main", Instant.parse("2024-03-01T00:00:00Z").plusSeconds(i),
                    values[i], true, null));
        }
        return new Series(benchmark, Metric.VIRTUAL_TIME, "main", points);
    }

    @Test
    void textMarksEachChangePointAndListsThem() {
        String text = HistoryText.series(List.of(series("q", 1000, 1000, 1250, 1250)), new ChangeDetector());
        assertThat(text).isEqualTo("""
                q  virtual_time_ns  on main: 4 results, exact (every change of value is a change point)
                  #  commit        recorded              value  change
                  1  c0ffee001234  2024-03-01 00:00:00Z  1,000
                  2  c0ffee101234  2024-03-01 00:00:01Z  1,000
                  3  c0ffee201234  2024-03-01 00:00:02Z  1,250  +25.00%  <- change point
                  4  c0ffee301234  2024-03-01 00:00:03Z  1,250
                1 change point:
                  c0ffee201234 (#3)  1,000 -> 1,250  +25.00%
                """);
    }

    @Test
    void theChangesTableHasOneRowPerChangePoint() {
        List<ChangePoint> changes = new ChangeDetector().detect(series("q", 1000, 990, 990));
        assertThat(HistoryText.changes(changes)).isEqualTo("""
                commit        branch  benchmark  metric           before  after  change  method
                c0ffee101234  main    q          virtual_time_ns   1,000    990  -1.00%  exact
                """);
        assertThat(HistoryText.changes(List.of())).isEqualTo("no change points\n");
    }

    @Test
    void htmlEscapesNamesAndNeedsNothingFromTheNetwork() {
        String html = HistoryHtml.page("history <of> q", List.of(series("<script>alert(1)</script>", 5, 5, 9)), new ChangeDetector());
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
        assertThat(html).contains("<svg", "<polyline", "<circle class=\"change\"", "+80.00%", "history &lt;of&gt; q");
        assertThat(html).doesNotContain("src=", "href=", "url(", "@import");
    }

    @Test
    void aOnePointOrFlatSeriesStillDraws() {
        String html = HistoryHtml.page("t", List.of(series("one", 7), series("flat", 3, 3, 3)), new ChangeDetector());
        assertThat(html).contains("1 result,", "3 results,").doesNotContain("NaN", "Infinity");
    }
}
