package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.reports.Fixtures;
import dev.vbench.reports.compare.CompareEngine;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlFormatTest {
    static final String HOSTILE = "</script><script>alert('x')</script><!-- & \"q\" \u2028";

    @Test
    void escapesAHostileBenchmarkNameInMarkupAndInTheChartData() throws IOException {
        String html = render(Fixtures.named(HOSTILE));

        // Exactly the page's own three script elements: data, library, drawing code.
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(count(html, "</script>")).isEqualTo(3);
        assertThat(html).doesNotContain("alert('x')</script>", "<!-- &");
        assertThat(markup(html)).contains("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;!-- &amp; &quot;q&quot;");
        // The data still says exactly the name, once parsed.
        assertThat(data(html).path("benchmarks").get(0).path("name").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void isSelfContainedWithTheChartLibraryInlined() throws IOException {
        String html = render(Fixtures.result());

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("<style>", "<table");
        // The library itself is there (its licence header and its global), not fetched.
        assertThat(html).contains("Licensed to the Apache Software Foundation", "echarts.init(");
        assertThat(html.length()).isGreaterThan(500_000);
        // Outside the script elements, nothing refers to anything outside the file.
        assertThat(markup(html)).doesNotContain("<link", "src=", "href=", "http://", "https://", "@import", "url(");
        assertThat(html).doesNotContainPattern("<script[^>]+src=");
    }

    @Test
    void chartDataHasVirtualTimeAndWallSpreadOnlyWhereMeasured() throws IOException {
        String html = render(Fixtures.result()); // qsort has wall time, threads-4 does not

        assertThat(html).contains("id=\"chart-virtual\"", "id=\"chart-wall\"");
        JsonNode data = data(html);
        assertThat(data.path("kind").asText()).isEqualTo("result");
        JsonNode qsort = data.path("benchmarks").get(0);
        assertThat(qsort.path("name").asText()).isEqualTo("qsort-200k");
        assertThat(qsort.path("virtual_time_ns").asLong()).isEqualTo(1_234_567L);
        assertThat(qsort.path("wall").path("median").asLong()).isEqualTo(1_000_000L);
        assertThat(qsort.path("wall").path("p90").asLong()).isEqualTo(1_100_000L);
        assertThat(data.path("benchmarks").get(1).path("wall").isNull()).isTrue();
    }

    @Test
    void noWallChartWhenNothingMeasuredWallTime() throws IOException {
        Result r = Result.of(Fixtures.result().vbench(), Fixtures.environment(), List.of(Fixtures.threaded()));
        assertThat(render(r)).contains("id=\"chart-virtual\"").doesNotContain("id=\"chart-wall\"");
    }

    @Test
    void tablesCarryEveryNumberForReadersWithoutJavaScript() throws IOException {
        String html = render(Fixtures.result());
        assertThat(markup(html)).contains("<td class=\"num\">1,234,567</td>", "<td class=\"num\">105,586,321</td>",
                "<th>seed / sched seed</th><td>7 / 42</td>", "<noscript>");
    }

    @Test
    void listsWhyABenchmarkIsNotDeterministic() throws IOException {
        assertThat(render(Fixtures.result())).contains("<h2>Notes</h2>",
                "stdout differed between run 1 and run 2", "reads /dev/urandom through an unemulated ioctl");
    }

    @Test
    void historyHasOneChartPerBenchmarkWithGapsWhereAResultLacksIt() throws IOException {
        Benchmark a1 = Benchmark.builder("a").virtualTimeNs(10).build();
        Benchmark a2 = Benchmark.builder("a").virtualTimeNs(12).build();
        Benchmark b2 = Benchmark.builder(HOSTILE).virtualTimeNs(7).build();
        Result r1 = Result.of(Fixtures.result().vbench(), Fixtures.environment(), List.of(a1));
        Result r2 = Result.of(Fixtures.result().vbench(), Fixtures.environment(), List.of(a2, b2));
        StringWriter out = new StringWriter();
        new HistoryHtmlFormat().writeOut(List.of(new CompareEngine.Labeled("old<1>.json", r1),
                new CompareEngine.Labeled("new.json", r2)), out);
        String html = out.toString();

        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(html).contains("id=\"chart-history-0\"", "id=\"chart-history-1\"").doesNotContain("chart-history-2");
        assertThat(markup(html)).contains("<th>old&lt;1&gt;.json</th>", "<td class=\"num\">absent</td>");
        JsonNode data = data(html);
        assertThat(data.path("labels").toString()).isEqualTo("[\"old<1>.json\",\"new.json\"]");
        assertThat(data.path("benchmarks").get(0).path("values").toString()).isEqualTo("[10,12]");
        assertThat(data.path("benchmarks").get(1).path("name").asText()).isEqualTo(HOSTILE);
        assertThat(data.path("benchmarks").get(1).path("values").toString()).isEqualTo("[null,7]");
    }

    @Test
    void comparisonPageHasTheDeltaChartAndEveryRow() throws Exception {
        StringWriter out = new StringWriter();
        new CompareHtmlFormat().writeOut(ComparisonFormatsTest.mixed(), out);
        String html = out.toString();
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(html).contains("id=\"chart-delta\"");
        assertThat(markup(html)).contains("1 failed, 1 nondeterministic, 2 regressed, 1 improved, 1 added, 1 removed, 1 unchanged",
                "the gate fails", "<td class=\"verdict-regressed\">regressed</td><td>slower</td>",
                "&lt;b&gt;x|y&lt;/b&gt;");
        JsonNode data = data(html);
        assertThat(data.path("kind").asText()).isEqualTo("compare");
        assertThat(data.path("threshold_pct").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(data.path("rows")).hasSize(8);
        assertThat(data.path("rows").get(2).path("name").asText()).isEqualTo(ComparisonFormatsTest.HOSTILE);
        assertThat(data.path("rows").get(2).path("delta_pct").asDouble()).isEqualTo(100.0);
    }

    static String render(Result result) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlFormat().writeOut(result, out);
        return out.toString();
    }

    /** The page without the contents of its script elements. */
    static String markup(String html) {
        return html.replaceAll("(?s)(<script[^>]*>).*?(</script>)", "$1$2");
    }

    /** The chart data, parsed. */
    static JsonNode data(String html) throws IOException {
        Matcher m = Pattern.compile("(?s)<script type=\"application/json\" id=\"vbench-data\">(.*?)</script>").matcher(html);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
