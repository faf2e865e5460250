package dev.vbench.reports.format;

import dev.vbench.reports.compare.CompareEngine;
import dev.vbench.reports.model.Benchmark;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several results (oldest first, as given) as one self-contained HTML page (see {@link HtmlPage}):
 * for each benchmark found in any of them, a line chart of its virtual time across the results
 * (a gap where a result lacks it), then a table of the same numbers.
 */
public final class HistoryHtmlFormat {

    public void writeOut(List<CompareEngine.Labeled> results, Writer out) throws IOException {
        writeOut(results, List.of(), out);
    }

    /**
     * As {@link #writeOut(List, Writer)}, followed by a differential flame graph per benchmark in
     * {@code flames} (those that regressed from the next-to-last result to the last, with profiles).
     */
    public void writeOut(List<CompareEngine.Labeled> results, List<dev.vbench.reports.profile.DiffFlameGraph> flames,
                         Writer out) throws IOException {
        List<String> labels = results.stream().map(CompareEngine.Labeled::label).toList();
        Map<String, Long[]> series = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            for (Benchmark b : results.get(i).result().benchmarks()) {
                series.computeIfAbsent(b.name(), n -> new Long[results.size()])[i] = b.virtualTimeNs();
            }
        }
        HtmlPage page = new HtmlPage("vbench history");
        StringBuilder sb = page.body();
        sb.append("<p>").append(series.size()).append(" benchmarks across ").append(results.size())
                .append(" results, in the order given: virtual time of each.</p>\n");
        int i = 0;
        List<Map<String, Object>> benchmarks = new ArrayList<>();
        for (Map.Entry<String, Long[]> e : series.entrySet()) {
            sb.append("<div class=\"chart\" id=\"chart-history-").append(i++).append("\"></div>\n");
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", e.getKey());
            b.put("values", java.util.Arrays.asList(e.getValue()));
            benchmarks.add(b);
        }
        sb.append("<h2>Virtual time (ns)</h2>\n<table class=\"history\">\n<thead><tr><th>benchmark</th>");
        for (String label : labels) {
            sb.append("<th>").append(Escape.html(label)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Long[]> e : series.entrySet()) {
            sb.append("<tr><td>").append(Escape.html(e.getKey())).append("</td>");
            for (Long v : e.getValue()) {
                HtmlFormat.num(sb, v == null ? "absent" : Numbers.grouped(v));
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        FlameGraphs.append(page, flames);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flames", FlameGraphs.data(flames));
        data.put("kind", "history");
        data.put("labels", labels);
        data.put("benchmarks", benchmarks);
        page.writeTo(data, out);
    }
}
