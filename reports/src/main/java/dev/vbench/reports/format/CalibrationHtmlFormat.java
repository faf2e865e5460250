package dev.vbench.reports.format;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A calibration as a self-contained HTML page (see {@link HtmlPage}): predicted against measured
 * native time for every point (log-log, the line y = x, held-out predictions, i.e. each point
 * predicted by the model fitted without its workload kind), the held-out error of every point
 * against the measurement's noise floor, every model and fixed formula with its errors, the chosen
 * model's costs, and every point in a table. The page is plain data in: the calibration itself
 * (perf-model) fills {@link Page}.
 */
public final class CalibrationHtmlFormat {

    /**
     * @param summary        lines shown first (host, counter, corpus, how long it took)
     * @param noiseFloorPct  how far repeated measurements of one point lie apart: no model is closer
     * @param models         every model and formula, as judged by leave-one-kind-out cross-validation
     * @param coefficients   the chosen model's costs
     */
    public record Page(String title, List<String> summary, double noiseFloorPct, List<Model> models,
                       List<Coefficient> coefficients, List<Point> points) {
        public Page {
            summary = List.copyOf(summary);
            models = List.copyOf(models);
            coefficients = List.copyOf(coefficients);
            points = List.copyOf(points);
        }
    }

    /** One model or formula; errors null (and {@code failure} set) when it could not be fitted. */
    public record Model(String name, String description, boolean chosen, Double r2, Double adjustedR2,
                        Double cvMedianAbsPctError, Double cvMaxAbsPctError, String failure) {}

    /** @param standardError null when not estimated */
    public record Coefficient(String feature, double nanosPerUnit, Double standardError) {}

    /**
     * One calibration point: native time (median, 10th and 90th percentiles), the chosen model's
     * prediction fitted on all points, and fitted without the point's kind (held out).
     */
    public record Point(String kind, long size, double measuredNs, double p10Ns, double p90Ns, double fittedNs,
                        double heldOutNs) {
        public double heldOutErrorPct() {
            return (heldOutNs - measuredNs) / measuredNs * 100;
        }
    }

    public void writeOut(Page p, Writer out) throws IOException {
        HtmlPage page = new HtmlPage(p.title());
        StringBuilder sb = page.body();
        sb.append("<ul>\n");
        for (String line : p.summary()) {
            sb.append("<li>").append(Escape.html(line)).append("</li>\n");
        }
        sb.append("</ul>\n");
        page.chart("chart-calibration", "Predicted against measured native time, each point predicted by the model "
                + "fitted without its workload kind (log-log; on the line, a perfect prediction).");
        page.chart("chart-residuals", "Held-out error of each point, percent of its measured time; the band is "
                + "the noise floor (" + pct(p.noiseFloorPct()) + "), how far the measurements themselves lie apart.");
        models(sb, p);
        coefficients(sb, p);
        points(sb, p);
        page.writeTo(data(p), out);
    }

    static Map<String, Object> data(Page p) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (Point pt : p.points()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", pt.kind());
            m.put("size", pt.size());
            m.put("measured", pt.measuredNs());
            m.put("fitted", pt.fittedNs());
            m.put("held_out", pt.heldOutNs());
            m.put("error_pct", pt.heldOutErrorPct());
            points.add(m);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "calibration");
        data.put("noise_floor_pct", p.noiseFloorPct());
        data.put("points", points);
        return data;
    }

    private static void models(StringBuilder sb, Page p) {
        sb.append("<h2>Models and formulas, judged on held-out workloads</h2>\n<table class=\"models\">\n")
                .append("<thead><tr><th>model</th><th>what it is</th><th>R²</th><th>adjusted R²</th>")
                .append("<th>median error</th><th>max error</th></tr></thead>\n<tbody>\n");
        for (Model m : p.models()) {
            sb.append("<tr><td>").append(Escape.html(m.name())).append(m.chosen() ? " (chosen)" : "").append("</td><td>")
                    .append(Escape.html(m.description())).append("</td>");
            if (m.failure() != null) {
                sb.append("<td colspan=\"4\">not fitted: ").append(Escape.html(m.failure())).append("</td></tr>\n");
                continue;
            }
            HtmlFormat.num(sb, m.r2() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.r2()));
            HtmlFormat.num(sb, m.adjustedR2() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.adjustedR2()));
            HtmlFormat.num(sb, pct(m.cvMedianAbsPctError()));
            HtmlFormat.num(sb, pct(m.cvMaxAbsPctError()));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n<p>Noise floor of the measurements: ").append(pct(p.noiseFloorPct()))
                .append(".</p>\n");
    }

    private static void coefficients(StringBuilder sb, Page p) {
        sb.append("<h2>Costs of the chosen model</h2>\n<table class=\"coefficients\">\n")
                .append("<thead><tr><th>feature</th><th>ns per unit</th><th>standard error</th></tr></thead>\n<tbody>\n");
        for (Coefficient c : p.coefficients()) {
            sb.append("<tr><td>").append(Escape.html(c.feature())).append("</td>");
            HtmlFormat.num(sb, String.format(Locale.ROOT, "%.6g", c.nanosPerUnit()));
            HtmlFormat.num(sb, c.standardError() == null ? "not estimated" : String.format(Locale.ROOT, "%.3g", c.standardError()));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void points(StringBuilder sb, Page p) {
        sb.append("<h2>Points</h2>\n<table class=\"points\">\n<thead><tr><th>kind</th><th>size</th>")
                .append("<th>measured median</th><th>p10</th><th>p90</th><th>fitted</th><th>held out</th>")
                .append("<th>held-out error</th></tr></thead>\n<tbody>\n");
        for (Point pt : p.points()) {
            sb.append("<tr><td>").append(Escape.html(pt.kind())).append("</td>");
            HtmlFormat.num(sb, Long.toString(pt.size()));
            HtmlFormat.num(sb, Numbers.duration(Math.round(pt.measuredNs())));
            HtmlFormat.num(sb, Numbers.duration(Math.round(pt.p10Ns())));
            HtmlFormat.num(sb, Numbers.duration(Math.round(pt.p90Ns())));
            HtmlFormat.num(sb, Numbers.duration(Math.round(pt.fittedNs())));
            HtmlFormat.num(sb, Numbers.duration(Math.round(pt.heldOutNs())));
            HtmlFormat.num(sb, String.format(Locale.ROOT, "%+.1f%%", pt.heldOutErrorPct()));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
