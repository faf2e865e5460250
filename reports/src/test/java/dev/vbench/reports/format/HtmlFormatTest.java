package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlFormatTest {
    @Test
    void escapesAHostileBenchmarkNameEverywhere() throws IOException {
        String html = render(Fixtures.named("<script>alert('x')</script> & \"q\""));

        assertThat(html).doesNotContain("<script", "alert('x')")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        // In the table and in the chart label.
        assertThat(count(html, "&lt;script&gt;")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void isSelfContained() throws IOException {
        String html = render(Fixtures.result());

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<style>", "<svg", "</svg>", "<table>")
                .doesNotContain("<script", "<link", "src=", "href=", "http://", "https://", "@import", "url(");
    }

    @Test
    void chartHasOneVirtualBarPerBenchmarkAndAWallBarOnlyWhereMeasured() throws IOException {
        String html = render(Fixtures.result()); // qsort has wall time, threads-4 does not
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));

        // Legend swatch + one bar each.
        assertThat(count(svg, "<rect class=\"bar-virtual\"")).isEqualTo(1 + 2);
        assertThat(count(svg, "<rect class=\"bar-wall\"")).isEqualTo(1 + 1);
    }

    @Test
    void noWallSeriesWhenNothingMeasuredWallTime() throws IOException {
        Result r = Result.of(Fixtures.result().vbench(), Fixtures.environment(), List.of(Fixtures.threaded()));

        String html = render(r);

        assertThat(html).doesNotContain("bar-wall\"", "wall time (median");
    }

    @Test
    void barLengthsShareOneScaleWithTheLongestAtFullWidth() {
        Benchmark half = Benchmark.builder("half").virtualTimeNs(500).build();
        Benchmark full = Benchmark.builder("full").virtualTimeNs(1000).build();

        String svg = HtmlFormat.chart(List.of(half, full));

        List<Double> widths = barWidths(svg, "bar-virtual");
        assertThat(widths).hasSize(2);
        assertThat(widths.get(1)).isEqualTo(2 * widths.get(0));
        assertThat(widths.get(1)).isGreaterThan(100.0);
    }

    @Test
    void allZeroTimesDrawEmptyBarsNotNaN() {
        String svg = HtmlFormat.chart(List.of(Benchmark.builder("z").build()));

        assertThat(svg).doesNotContain("NaN", "Infinity");
        assertThat(barWidths(svg, "bar-virtual")).containsExactly(0.0);
    }

    @Test
    void listsWhyABenchmarkIsNotDeterministic() throws IOException {
        assertThat(render(Fixtures.result())).contains("<h2>Notes</h2>",
                "stdout differed between run 1 and run 2", "reads /dev/urandom through an unemulated ioctl");
    }

    private static String render(Result result) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlFormat().writeOut(result, out);
        return out.toString();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** Widths of the data bars (those with a tooltip), skipping the legend swatch. */
    private static List<Double> barWidths(String svg, String cssClass) {
        Matcher m = Pattern.compile("<rect class=\"" + cssClass + "\" x=\"\\d+\" y=\"\\d+\" width=\"([0-9.]+)\" height=\"\\d+\"><title>")
                .matcher(svg);
        List<Double> widths = new java.util.ArrayList<>();
        while (m.find()) {
            widths.add(Double.parseDouble(m.group(1)));
        }
        return widths;
    }
}
