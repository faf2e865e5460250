package dev.vbench.reports.format;

import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Mismatch;
import dev.vbench.reports.compare.Row;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison as a self-contained HTML page (see {@link HtmlPage}): the summary line, a chart of
 * the relative change per benchmark coloured by verdict with the threshold marked, and a table of
 * every benchmark, what fails the gate first.
 */
public final class CompareHtmlFormat implements ComparisonFormat {

    @Override
    public void writeOut(Comparison c, Writer out) throws IOException {
        HtmlPage page = new HtmlPage("vbench compare");
        StringBuilder sb = page.body();
        sb.append("<p><b>").append(Escape.html(c.summaryLine())).append("</b> &mdash; ")
                .append(c.failsGate() ? "the gate fails" : "the gate passes").append("</p>\n<p>metric ")
                .append(Escape.html(c.metric().name())).append(" (").append(c.metric().unit()).append("), threshold ")
                .append(Escape.html(c.threshold().toString())).append(", base ").append(Escape.html(c.baseLabel()))
                .append(", new ").append(Escape.html(c.newLabel())).append("</p>\n");
        if (c.mismatched()) {
            sb.append("<div class=\"warning\"><b>Warning:</b> the platforms differ (compared with --allow-mismatch):<ul>\n");
            for (Mismatch m : c.mismatches()) {
                sb.append("<li>").append(Escape.html(m.describe())).append("</li>\n");
            }
            sb.append("</ul></div>\n");
        }
        page.chart("chart-delta", "Change of " + c.metric().name() + " per benchmark, in percent of the base; "
                + "dashed lines at the global threshold. Benchmarks without a relative change are only in the table.");
        sb.append("<table class=\"comparison\">\n<thead><tr><th>verdict</th><th>benchmark</th><th>base</th><th>new</th>"
                + "<th>delta</th><th>change</th><th>threshold</th><th>note</th></tr></thead>\n<tbody>\n");
        for (Row r : c.rowsBySeverity()) {
            sb.append("<tr><td class=\"verdict-").append(r.verdict().jsonName()).append("\">")
                    .append(r.verdict().label()).append("</td><td>").append(Escape.html(r.name())).append("</td>");
            HtmlFormat.num(sb, Numbers.grouped(r.base()));
            HtmlFormat.num(sb, Numbers.grouped(r.current()));
            HtmlFormat.num(sb, Numbers.signed(r.delta()));
            HtmlFormat.num(sb, CompareTextFormat.change(r));
            HtmlFormat.num(sb, r.threshold().toString());
            sb.append("<td>").append(Escape.html(r.reason())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        page.writeTo(data(c), out);
    }

    static Map<String, Object> data(Comparison c) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : c.rowsBySeverity()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("verdict", r.verdict().jsonName());
            row.put("base", r.base());
            row.put("new", r.current());
            row.put("delta_pct", r.deltaPct());
            row.put("threshold_pct", r.threshold().percent());
            rows.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "compare");
        data.put("metric", c.metric().name());
        data.put("unit", c.metric().unit());
        data.put("threshold_pct", c.threshold().percent());
        data.put("rows", rows);
        return data;
    }
}
