package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.reports.Fixtures;
import dev.vbench.reports.compare.CompareEngine;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Metric;
import dev.vbench.reports.compare.Threshold;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.Termination;
import dev.vbench.reports.model.VbenchInfo;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

class ComparisonFormatsTest {
    static final String HOSTILE = "<b>x|y</b> & \"q\" `*_\u0001";

    static Benchmark b(String name, long vt) {
        return Benchmark.builder(name).virtualTimeNs(vt).deterministic(true).runs(1).build();
    }

    /** One benchmark of every verdict but not-measured, and a name with every special character. */
    static Comparison mixed() throws Exception {
        Result base = Result.of(new VbenchInfo("t"), Fixtures.environment(), List.of(b("same", 1000), b("slower", 1000),
                b(HOSTILE, 1000), b("faster", 1000), b("gone", 5), b("crashes", 10), b("flaky", 10)));
        Result current = Result.of(new VbenchInfo("t"), Fixtures.environment(), List.of(b("same", 1001),
                b("slower", 1100), b(HOSTILE, 2000), b("faster", 900), b("fresh", 7),
                b("crashes", 10).toBuilder().termination(Termination.TIMED_OUT).build(),
                b("flaky", 10).toBuilder().deterministic(false).deterministicReason("stdout differed").build()));
        return CompareEngine.compare(new CompareEngine.Labeled("base.json", base),
                new CompareEngine.Labeled("new|.json", current), Metric.VIRTUAL_TIME, Threshold.DEFAULT, false);
    }

    static Comparison mismatched() throws Exception {
        Environment other = Environment.builder().counter("valgrind").model("default").epoch("2024-01-01T00:00:00Z")
                .seed(99).schedSeed(42).cpus(4).memoryBytes(8L << 30).cpuidVirtualized(true).build();
        return CompareEngine.compare(
                new CompareEngine.Labeled("a.json", Result.of(new VbenchInfo("t"), Fixtures.environment(), List.of(b("x", 1)))),
                new CompareEngine.Labeled("b.json", Result.of(new VbenchInfo("t"), other, List.of(b("x", 1)))),
                Metric.VIRTUAL_TIME, Threshold.DEFAULT, true);
    }

    static String render(ComparisonFormatType type, Comparison c) throws IOException {
        StringWriter out = new StringWriter();
        ComparisonFormatFactory.of(type, false).writeOut(c, out);
        return out.toString();
    }

    @Test
    void textListsWhatFailsTheGateFirstWithReasonsAndNoColourUnlessAsked() throws Exception {
        String text = render(ComparisonFormatType.TEXT, mixed());
        assertThat(text).startsWith("vbench compare: base.json -> new|.json, metric virtual_time (ns), threshold 0.2%\n"
                + "1 failed, 1 nondeterministic, 2 regressed, 1 improved, 1 added, 1 removed, 1 unchanged\n")
                .doesNotContain("\u001b[");
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("verdict")).findFirst().orElseThrow());
        assertThat(lines.get(header)).matches("verdict +benchmark +base +new +delta +change");
        assertThat(lines.get(header + 1)).matches("failed +crashes +10 +10 +0 +0\\.00%");
        assertThat(lines.get(header + 2)).isEqualTo("    new: timed out");
        assertThat(lines.get(header + 3)).startsWith("nondeterministic  flaky");
        assertThat(lines.get(header + 5)).contains(HOSTILE).endsWith("+1,000  +100.00%");
        assertThat(lines.get(header + 6)).matches("regressed +slower +1,000 +1,100 +\\+100 +\\+10\\.00%");
        assertThat(lines.get(header + 7)).matches("improved +faster +1,000 +900 +-100 +-10\\.00%");
        assertThat(lines.get(header + 8)).matches("added +fresh +n/a +7 +n/a +n/a");
        assertThat(lines.get(header + 10)).matches("unchanged +same +1,000 +1,001 +\\+1 +\\+0\\.10%");
        // Columns line up: every number column ends where its header does.
        assertThat(lines.get(header + 10).length()).isEqualTo(lines.get(header + 5).length());

        StringWriter coloured = new StringWriter();
        new CompareTextFormat(true).writeOut(mixed(), coloured);
        assertThat(coloured.toString()).contains("\u001b[31mregressed\u001b[0m", "\u001b[32mimproved\u001b[0m")
                .contains("\u001b[31mfailed\u001b[0m");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(TerminalColour.wanted(true, Map.of())).isTrue();
        assertThat(TerminalColour.wanted(false, Map.of())).isFalse();
        assertThat(TerminalColour.wanted(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(TerminalColour.wanted(true, Map.of("NO_COLOR", ""))).as("empty NO_COLOR does not count").isTrue();
        assertThat(TerminalColour.wanted(true, Map.of("TERM", "dumb"))).isFalse();
    }

    @Test
    void markdownHasOneSummaryLineRegressionsFirstAndUnchangedCollapsed() throws Exception {
        String md = render(ComparisonFormatType.MARKDOWN, mixed());
        assertThat(md).startsWith("### vbench compare: failed\n\n"
                + "**1 failed, 1 nondeterministic, 2 regressed, 1 improved, 1 added, 1 removed, 1 unchanged**\n");
        assertThat(md).contains("base base.json, new new\\|.json");
        int table = md.indexOf("| verdict |");
        int details = md.indexOf("<details><summary>1 unchanged</summary>");
        assertThat(table).isPositive().isLessThan(details);
        String changed = md.substring(table, details);
        assertThat(changed.indexOf("**failed**")).isLessThan(changed.indexOf("**regressed**"));
        assertThat(changed.indexOf("**regressed**")).isLessThan(changed.indexOf("| improved |"));
        assertThat(changed).doesNotContain("| same |").contains("| **failed** | crashes | 10 | 10 | 0.00% | new: timed out |");
        assertThat(md.substring(details)).contains("| same | 1,000 | 1,001 | +0.10% |").endsWith("</details>\n");
        // A hostile name cannot break the table or inject HTML.
        assertThat(md).contains("&lt;b&gt;x\\|y&lt;/b&gt; &amp; \"q\" \\`\\*\\_").doesNotContain("<b>");
        assertThat(md).doesNotContain("Warning");

        assertThat(render(ComparisonFormatType.MARKDOWN, mismatched()))
                .contains("> **Warning:** the platforms differ", "> - seed: '7' (base) vs '99' (new)");
    }

    @Test
    void jsonCarriesEveryRowAndLeavesAbsentValuesOut() throws Exception {
        JsonNode root = new ObjectMapper().readTree(render(ComparisonFormatType.JSON, mixed()));
        assertThat(root.path("schema").asText()).isEqualTo("vbench.compare/1");
        assertThat(root.path("base").asText()).isEqualTo("base.json");
        assertThat(root.path("new").asText()).isEqualTo("new|.json");
        assertThat(root.path("metric").asText()).isEqualTo("virtual_time");
        assertThat(root.path("threshold_pct").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(root.path("fails_gate").asBoolean()).isTrue();
        assertThat(root.path("summary").path("regressed").asInt()).isEqualTo(2);
        assertThat(root.path("summary").path("not_measured").asInt()).isZero();
        JsonNode rows = root.path("benchmarks");
        assertThat(rows).hasSize(8);
        JsonNode slower = rows.get(1);
        assertThat(slower.path("name").asText()).isEqualTo("slower");
        assertThat(slower.path("verdict").asText()).isEqualTo("regressed");
        assertThat(slower.path("base").asLong()).isEqualTo(1000);
        assertThat(slower.path("new").asLong()).isEqualTo(1100);
        assertThat(slower.path("delta").asLong()).isEqualTo(100);
        assertThat(slower.path("delta_pct").asDouble()).isEqualTo(10.0);
        JsonNode added = rows.get(4);
        assertThat(added.path("verdict").asText()).isEqualTo("added");
        assertThat(added.has("base")).isFalse();
        assertThat(added.has("delta")).isFalse();
        assertThat(rows.get(2).path("name").asText()).isEqualTo(HOSTILE);
        assertThat(root.path("platform_mismatches")).isEmpty();
        JsonNode mm = new ObjectMapper().readTree(render(ComparisonFormatType.JSON, mismatched())).path("platform_mismatches");
        assertThat(mm).hasSize(1);
        assertThat(mm.get(0).path("field").asText()).isEqualTo("seed");
    }

    @Test
    void csvHasAHeaderAndEmptyCellsForAbsentValues() throws Exception {
        String csv = render(ComparisonFormatType.CSV, mixed());
        assertThat(csv).startsWith("name,verdict,metric,base,new,delta,delta_pct,threshold_pct,reason,platforms_match\n");
        CsvMapper mapper = new CsvMapper();
        MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv);
        List<Map<String, String>> rows = it.readAll();
        assertThat(rows).hasSize(8);
        assertThat(rows.get(2)).containsEntry("name", HOSTILE).containsEntry("verdict", "regressed")
                .containsEntry("delta", "1000");
        assertThat(rows.get(4)).containsEntry("name", "fresh").containsEntry("base", "").containsEntry("new", "7");
        assertThat(rows.get(5)).containsEntry("verdict", "failed").containsEntry("reason", "new: timed out")
                .containsEntry("platforms_match", "true");
        assertThat(render(ComparisonFormatType.CSV, mismatched())).endsWith(",false\n");
    }

    @Test
    void junitIsValidAgainstTheSchemaWithOneFailurePerGateFailure() throws Exception {
        String xml = render(ComparisonFormatType.JUNIT, mixed());
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("8");
        assertThat(suite.getAttribute("failures")).isEqualTo("4");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(8);
        Element hostile = (Element) cases.item(2);
        assertThat(hostile.getAttribute("name")).isEqualTo(HOSTILE.replace('\u0001', '\uFFFD'));
        Element failure = (Element) hostile.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("regressed");
        assertThat(failure.getAttribute("message")).isEqualTo("regressed: +100.00% (1,000 -> 2,000 ns; threshold 0.2%)");
        Element crashed = (Element) cases.item(5);
        assertThat(((Element) crashed.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("failed: new: timed out");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).as("unchanged passes").isZero();
        assertThat(((Element) cases.item(7)).getElementsByTagName("skipped").getLength()).as("removed is skipped").isOne();

        String mm = render(ComparisonFormatType.JUNIT, mismatched());
        schema().newValidator().validate(new StreamSource(new StringReader(mm)));
        assertThat(mm).contains("<property name=\"platform_mismatch\" value=\"seed: &apos;7&apos; (base) vs &apos;99&apos; (new)\"/>");
    }

    @Test
    void theSchemaRejectsWhatJunitReadersReject() throws Exception {
        String noName = "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\">"
                + "<testcase classname=\"c\" time=\"0\"/></testsuite></testsuites>";
        assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(noName))))
                .isInstanceOf(SAXException.class).hasMessageContaining("name");
        String twoProblems = "<testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"0\"><testcase name=\"n\" "
                + "classname=\"c\" time=\"0\"><failure/><skipped/></testcase></testsuite>";
        assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(twoProblems))))
                .isInstanceOf(SAXException.class);
        String negative = "<testsuite name=\"s\" tests=\"-1\" failures=\"0\" errors=\"0\"/>";
        assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(negative))))
                .isInstanceOf(SAXException.class);
    }

    private static Schema schema() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(ComparisonFormatsTest.class.getResource("/junit/junit.xsd"));
    }

    @Test
    void formatTypesParseByNameOrExtension() {
        assertThat(ComparisonFormatType.parse("JUnit")).isEqualTo(ComparisonFormatType.JUNIT);
        assertThat(ComparisonFormatType.parse("md")).isEqualTo(ComparisonFormatType.MARKDOWN);
        assertThatThrownBy(() -> ComparisonFormatType.parse("pdf")).hasMessageContaining("unknown format 'pdf'");
    }
}
