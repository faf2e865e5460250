package dev.vbench.baselines.history;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page of series: an inline SVG line chart per series with its change points
 * marked, and a table of points. No script and nothing fetched from the network, so the page opens
 * offline and as a CI artifact; every string from the history is HTML-escaped. (A stand-in until
 * the reports module has a charting helper shared by every page.)
 */
public final class HistoryHtml {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 120;
    private static final int RIGHT = 20;
    private static final int TOP = 24;
    private static final int BOTTOM = 28;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #ccc;padding:3px 8px}
            th{background:#f3f3f3}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.change td{background:#fdecea}
            .line{fill:none;stroke:#3b6ea5;stroke-width:1.5}
            .point{fill:#3b6ea5}
            .change{fill:#c62828}
            .change-line{stroke:#c62828;stroke-dasharray:4 3}
            .axis{stroke:#888}
            svg text{font-size:11px;fill:#444}
            """;

    private HistoryHtml() {}

    public static String page(String title, List<Series> series, ChangeDetector detector) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Formats.html(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(Formats.html(title)).append("</h1>\n");
        for (Series s : series) {
            List<ChangePoint> changes = detector.detect(s);
            sb.append("<h2>").append(Formats.html(s.benchmark())).append(" &middot; ").append(Formats.html(s.metric().name()))
                    .append(" &middot; ").append(Formats.html(s.branch())).append("</h2>\n<p>")
                    .append(s.size()).append(s.size() == 1 ? " result, " : " results, ").append(Formats.html(HistoryText.kind(s)))
                    .append("; ").append(changes.size()).append(changes.size() == 1 ? " change point" : " change points")
                    .append(".</p>\n");
            chart(sb, s, changes);
            table(sb, s, changes);
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void chart(StringBuilder sb, Series s, List<ChangePoint> changes) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (SeriesPoint p : s.points()) {
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
        }
        double pad = max == min ? Math.max(1, Math.abs(max) * 0.01) : (max - min) * 0.08;
        double lo = min - pad;
        double hi = max + pad;
        int n = s.size();
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Formats.html(s.benchmark() + " " + s.metric().name()))
                .append("\">\n");
        sb.append(line(LEFT, TOP, LEFT, TOP + plotH, "axis")).append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "axis"));
        for (double v : new double[] {lo, (lo + hi) / 2, hi}) {
            double y = TOP + plotH - (v - lo) / (hi - lo) * plotH;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT - 6, y + 4, Formats.number(v)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">#1</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">#%d</text>\n",
                LEFT, HEIGHT - 8, WIDTH - RIGHT, HEIGHT - 8, n));
        double[] xs = new double[n];
        double[] ys = new double[n];
        StringBuilder poly = new StringBuilder();
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? LEFT + plotW / 2 : LEFT + i * plotW / (n - 1);
            ys[i] = TOP + plotH - (s.points().get(i).value() - lo) / (hi - lo) * plotH;
            poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
        }
        sb.append("<polyline class=\"line\" points=\"").append(poly.toString().strip()).append("\"/>\n");
        Map<Integer, ChangePoint> byIndex = new HashMap<>();
        changes.forEach(c -> byIndex.put(c.index(), c));
        for (int i = 0; i < n; i++) {
            SeriesPoint p = s.points().get(i);
            ChangePoint c = byIndex.get(i);
            if (c != null) {
                sb.append(line(xs[i], TOP, xs[i], TOP + plotH, "change-line"));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                        xs[i], TOP - 8, Formats.html(Formats.percent(c.percent()))));
            }
            sb.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\"><title>%s</title></circle>\n",
                    c == null ? "point" : "change", xs[i], ys[i], c == null ? 3 : 5,
                    Formats.html("#" + (i + 1) + " " + Formats.commit(p.commit()) + " " + Formats.number(p.value()))));
        }
        sb.append("</svg>\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", cls, x1, y1, x2, y2);
    }

    private static void table(StringBuilder sb, Series s, List<ChangePoint> changes) {
        Map<Integer, ChangePoint> byIndex = new HashMap<>();
        changes.forEach(c -> byIndex.put(c.index(), c));
        sb.append("<table>\n<tr><th>#</th><th>commit</th><th>recorded</th><th>value</th><th>change</th></tr>\n");
        for (int i = 0; i < s.size(); i++) {
            SeriesPoint p = s.points().get(i);
            ChangePoint c = byIndex.get(i);
            sb.append(c == null ? "<tr>" : "<tr class=\"change\">")
                    .append("<td class=\"num\">").append(i + 1).append("</td><td><code>").append(Formats.html(p.commit()))
                    .append("</code></td><td>").append(Formats.time(p.recordedAt())).append("</td><td class=\"num\">")
                    .append(Formats.number(p.value())).append("</td><td class=\"num\">");
            if (c != null) {
                sb.append(Formats.html(Formats.percent(c.percent())));
                if (c.platformChanged()) {
                    sb.append(" (platform changed)");
                }
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }
}
