package dev.vbench.reports.variance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.reports.format.VarianceHtmlFormat;
import dev.vbench.reports.format.VarianceTextFormat;
import dev.vbench.reports.model.WallTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarianceFormatsTest {
    static VarianceReport report() {
        List<VarianceReport.SeedRun> runs = List.of(
                new VarianceReport.SeedRun(1, 1_000_000, Map.of("instructions", 500L), 0, "exited", true, "aa", null),
                new VarianceReport.SeedRun(2, 1_200_000, Map.of("instructions", 650L), 0, "exited", true, "aa", null),
                new VarianceReport.SeedRun(3, 900_000, Map.of("instructions", 450L), 0, "exited", true, "aa", null));
        Map<String, Distribution> d = new LinkedHashMap<>();
        d.put(VarianceReport.VIRTUAL_TIME, Distribution.of(List.of(1_000_000L, 1_200_000L, 900_000L)));
        d.put("instructions", Distribution.of(List.of(500L, 650L, 450L)));
        JvmComparison jvm = JvmComparison.of(3, JvmLog.parse(JvmLogTest.FASTEST), 2, JvmLog.parse(JvmLogTest.SLOWEST));
        return new VarianceReport(VarianceReport.SCHEMA, List.of("java", "-cp", ".", "T</script>"), "valgrind", false, 1, 3, d,
                new VarianceReport.Extreme(3, 900_000, "vbench run --sched-seed 3 -- java", true, List.of()),
                new VarianceReport.Extreme(2, 1_200_000, "vbench run --sched-seed 2 -- java", false, List.of("instructions: 650 vs 651")),
                runs, new WallTime(5, 10, 11L, 12, 13L, 14, 15L, 16), jvm, List.of("a note"));
    }

    @Test
    void textNamesTheSpreadTheExtremesTheirReplaysAndTheJvmDifferences() throws IOException {
        StringWriter w = new StringWriter();
        new VarianceTextFormat().writeOut(report(), w);
        String t = w.toString();
        assertThat(t).contains("3 scheduler seeds (1..3) of: java -cp . T</script>", "33.333%",
                "fastest: seed 3, 900.000 us virtual; replayed: identical", "vbench run --sched-seed 3 -- java",
                "slowest: seed 2, 1.200 ms virtual; replayed: DIFFERENT: instructions: 650 vs 651",
                "compiled only by the slowest seed (1):", "java.lang.String::hashCode", "GC pauses of the slowest seed:",
                "native wall time over 5 runs", "note: a note");
        assertThat(t).containsPattern("virtual time \\(ns\\) +900,000 +900,000 +1,000,000 +1,200,000");
    }

    @Test
    void htmlHasTheHistogramDataEveryNumberAndEscapesTheCommand() throws IOException {
        StringWriter w = new StringWriter();
        new VarianceHtmlFormat().writeOut(report(), w);
        String html = w.toString();
        assertThat(html).contains("id=\"chart-variance-histogram\"", "id=\"chart-variance-seeds\"", "<td class=\"num\">1,200,000</td>",
                "T&lt;/script&gt;", "Compiled only by the slowest seed");
        int start = html.indexOf("<script type=\"application/json\" id=\"vbench-data\">");
        String json = html.substring(html.indexOf('>', start) + 1, html.indexOf("</script>", start));
        JsonNode data = new ObjectMapper().readTree(json);
        assertThat(data.path("kind").asText()).isEqualTo("variance");
        assertThat(data.path("runs")).hasSize(3);
        assertThat(data.path("fastest_seed").asLong()).isEqualTo(3);
        assertThat(data.path("slowest_seed").asLong()).isEqualTo(2);
        assertThat(data.path("wall").path("median").asLong()).isEqualTo(12);
    }

    @Test
    void jsonCarriesTheSchemaAndTheRuns() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VarianceJson.write(report(), out);
        JsonNode n = new ObjectMapper().readTree(out.toByteArray());
        assertThat(n.path("schema").asText()).isEqualTo("vbench.variance/1");
        assertThat(n.path("distributions").path("virtual_time_ns").path("spread_pct").asDouble()).isEqualTo(100.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(n.path("slowest").path("replay_identical").asBoolean()).isFalse();
        assertThat(n.path("jvm").path("only_in_slowest").get(0).path("method").asText()).isEqualTo("java.lang.String::hashCode");
        assertThat(n.path("runs").get(0).path("counts").path("instructions").asLong()).isEqualTo(500);
        assertThat(report().passed()).isFalse();
    }
}
