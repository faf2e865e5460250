package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationHtmlFormatTest {
    static CalibrationHtmlFormat.Page page() {
        return new CalibrationHtmlFormat.Page("vbench calibration", List.of("host: test <host>", "counter: valgrind"), 8.5,
                List.of(new CalibrationHtmlFormat.Model("nnls-relative", "NNLS", true, 0.98, 0.97, 12.0, 40.0, null),
                        new CalibrationHtmlFormat.Model("ols-absolute", "OLS", false, null, null, null, null, "singular")),
                List.of(new CalibrationHtmlFormat.Coefficient("instructions", 0.31, 0.01),
                        new CalibrationHtmlFormat.Coefficient("threads", 0, null)),
                List.of(new CalibrationHtmlFormat.Point("int_arith", 100, 2e8, 1.9e8, 2.2e8, 2.1e8, 2.2e8),
                        new CalibrationHtmlFormat.Point("spawn</script>", 40, 5e7, 4.9e7, 5.2e7, 4e7, 3e7)));
    }

    @Test
    void aSelfContainedPageWithBothChartsAndEveryNumberInTables() throws Exception {
        StringWriter out = new StringWriter();
        new CalibrationHtmlFormat().writeOut(page(), out);
        String html = out.toString();
        assertThat(html).contains("id=\"chart-calibration\"", "id=\"chart-residuals\"", "\"kind\":\"calibration\"",
                "nnls-relative (chosen)", "not fitted: singular", "not estimated", "8.5%", "+10.0%", "-40.0%",
                "host: test &lt;host&gt;");
        // The data cannot end its script element early, whatever a kind is called.
        assertThat(html).doesNotContain("spawn</script>").contains("spawn&lt;/script&gt;");
        assertThat(html).doesNotContain("src=\"http");
    }

    @Test
    void heldOutErrorIsSignedPercentOfTheMeasurement() {
        assertThat(page().points().get(0).heldOutErrorPct()).isEqualTo(10.0);
        assertThat(page().points().get(1).heldOutErrorPct()).isEqualTo(-40.0);
    }
}
